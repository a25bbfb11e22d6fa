package io.nobill.jdbc;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.YearContract;
import io.nobill.jdbc.testkit.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** The year of billing on H2 and on PostgreSQL must write the same golden file as in memory. */
class JdbcYearContractTest {
  private final TestDatabases databases = new TestDatabases();

  @AfterEach
  void closeStores() {
    databases.closeAll();
  }

  @Nested
  class OnH2 extends YearContract {
    @Override
    protected BillingStore newStore() {
      return databases.newStore(TestDatabases.Kind.H2);
    }
  }

  @Nested
  class OnPostgres extends YearContract {
    @Override
    protected BillingStore newStore() {
      return databases.newStore(TestDatabases.Kind.POSTGRESQL);
    }
  }
}
