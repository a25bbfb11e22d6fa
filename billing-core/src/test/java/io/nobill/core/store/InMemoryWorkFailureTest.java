package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.WorkFailureContract;

class InMemoryWorkFailureTest extends WorkFailureContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }
}
