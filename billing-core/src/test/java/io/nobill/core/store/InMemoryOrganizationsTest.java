package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.OrganizationsContract;

class InMemoryOrganizationsTest extends OrganizationsContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }
}
