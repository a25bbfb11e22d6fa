package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.UsageContract;

class InMemoryUsageTest extends UsageContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }
}
