package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.IncompleteSubscriptionContract;

class InMemoryIncompleteSubscriptionTest extends IncompleteSubscriptionContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }
}
