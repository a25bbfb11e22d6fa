package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.InvoiceContract;

class InMemoryInvoiceTest extends InvoiceContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }
}
