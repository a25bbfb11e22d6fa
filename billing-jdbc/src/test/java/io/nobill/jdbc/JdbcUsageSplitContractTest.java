package io.nobill.jdbc;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.UsageSplitContract;
import io.nobill.jdbc.testkit.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** Usage split at a mid-period plan change, on H2 and on PostgreSQL. */
class JdbcUsageSplitContractTest {
  private final TestDatabases databases = new TestDatabases();

  @AfterEach
  void closeStores() {
    databases.closeAll();
  }

  @Nested
  class OnH2 extends UsageSplitContract {
    @Override
    protected BillingStore newStore() {
      return databases.newStore(TestDatabases.Kind.H2);
    }
  }

  @Nested
  class OnPostgres extends UsageSplitContract {
    @Override
    protected BillingStore newStore() {
      return databases.newStore(TestDatabases.Kind.POSTGRESQL);
    }
  }
}
