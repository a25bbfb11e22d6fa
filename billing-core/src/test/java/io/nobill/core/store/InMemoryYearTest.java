package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.YearContract;

class InMemoryYearTest extends YearContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }
}
