package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.UsageSplitContract;

class InMemoryUsageSplitTest extends UsageSplitContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }
}
