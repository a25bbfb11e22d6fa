package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.BillingStoreContract;

class InMemoryBillingStoreTest extends BillingStoreContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }
}
