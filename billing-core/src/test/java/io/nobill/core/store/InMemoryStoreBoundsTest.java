package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.StoreBoundsContract;

class InMemoryStoreBoundsTest extends StoreBoundsContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }
}
