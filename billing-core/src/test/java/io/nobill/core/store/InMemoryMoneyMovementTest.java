package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.MoneyMovementContract;

class InMemoryMoneyMovementTest extends MoneyMovementContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }
}
