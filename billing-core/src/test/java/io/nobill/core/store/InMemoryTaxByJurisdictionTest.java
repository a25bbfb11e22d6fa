package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.TaxByJurisdictionContract;

class InMemoryTaxByJurisdictionTest extends TaxByJurisdictionContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }
}
