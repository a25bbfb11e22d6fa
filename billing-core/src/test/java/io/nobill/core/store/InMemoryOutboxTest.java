package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.OutboxContract;

class InMemoryOutboxTest extends OutboxContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }
}
