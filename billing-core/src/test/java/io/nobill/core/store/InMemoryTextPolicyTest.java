package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.TextPolicyContract;

class InMemoryTextPolicyTest extends TextPolicyContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }
}
