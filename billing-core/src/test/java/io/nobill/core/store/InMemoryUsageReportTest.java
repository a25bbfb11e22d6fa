package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.UsageReportContract;

class InMemoryUsageReportTest extends UsageReportContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }
}
