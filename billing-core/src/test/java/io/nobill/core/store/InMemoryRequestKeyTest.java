package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.RequestKeyContract;

class InMemoryRequestKeyTest extends RequestKeyContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }
}
