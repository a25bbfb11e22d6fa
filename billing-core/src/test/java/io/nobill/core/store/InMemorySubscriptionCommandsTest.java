package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.SubscriptionCommandsContract;

class InMemorySubscriptionCommandsTest extends SubscriptionCommandsContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }
}
