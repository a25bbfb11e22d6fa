package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.ClockSkewContract;

class InMemoryClockSkewTest extends ClockSkewContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }
}
