package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.EntitlementsContract;

class InMemoryEntitlementsTest extends EntitlementsContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }
}
