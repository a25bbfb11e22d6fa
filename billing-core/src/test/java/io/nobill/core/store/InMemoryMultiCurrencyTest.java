package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.MultiCurrencyContract;

class InMemoryMultiCurrencyTest extends MultiCurrencyContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }
}
