package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.LedgerContract;

class InMemoryLedgerTest extends LedgerContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }
}
