package io.nobill.jdbc;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.SweepConcurrencyContract;
import io.nobill.jdbc.testkit.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/**
 * Two instances sweeping one database at once: every due trial is invoiced, collected and
 * announced exactly once; on PostgreSQL for 1,000 organizations.
 */
class JdbcSweepConcurrencyContractTest {
  private static final TestDatabases DATABASES = new TestDatabases();

  @AfterEach
  void closeStores() {
    DATABASES.closeAll();
  }

  @Nested
  class OnH2 extends SweepConcurrencyContract {
    @Override
    protected BillingStore newStore() {
      return DATABASES.newStore(TestDatabases.Kind.H2);
    }
  }

  @Nested
  class OnPostgres extends SweepConcurrencyContract {
    @Override
    protected BillingStore newStore() {
      return DATABASES.newStore(TestDatabases.Kind.POSTGRESQL);
    }

    @Override
    protected int organizations() {
      return 1_000;
    }
  }
}
