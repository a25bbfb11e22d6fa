package io.nobill.jdbc;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.MultiCurrencyContract;
import io.nobill.jdbc.testkit.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** One plan sold in several currencies, on H2 and on PostgreSQL. */
class JdbcMultiCurrencyContractTest {
  private final TestDatabases databases = new TestDatabases();

  @AfterEach
  void closeStores() {
    databases.closeAll();
  }

  @Nested
  class OnH2 extends MultiCurrencyContract {
    @Override
    protected BillingStore newStore() {
      return databases.newStore(TestDatabases.Kind.H2);
    }
  }

  @Nested
  class OnPostgres extends MultiCurrencyContract {
    @Override
    protected BillingStore newStore() {
      return databases.newStore(TestDatabases.Kind.POSTGRESQL);
    }
  }
}
