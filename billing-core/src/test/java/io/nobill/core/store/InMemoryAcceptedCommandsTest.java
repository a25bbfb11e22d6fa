package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.AcceptedCommandsContract;

class InMemoryAcceptedCommandsTest extends AcceptedCommandsContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }

  @Override
  protected int tries() {
    return 40;
  }
}
