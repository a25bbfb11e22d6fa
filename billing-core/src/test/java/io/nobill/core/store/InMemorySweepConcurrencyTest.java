package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.SweepConcurrencyContract;

class InMemorySweepConcurrencyTest extends SweepConcurrencyContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }
}
