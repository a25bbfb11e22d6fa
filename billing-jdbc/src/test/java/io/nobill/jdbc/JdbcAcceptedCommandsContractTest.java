package io.nobill.jdbc;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.AcceptedCommandsContract;
import io.nobill.jdbc.testkit.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** billing-core's accepted-commands property on H2 and on PostgreSQL, with fewer histories than in memory. */
class JdbcAcceptedCommandsContractTest {
  private final TestDatabases databases = new TestDatabases();

  @AfterEach
  void closeStores() {
    databases.closeAll();
  }

  @Nested
  class OnH2 extends AcceptedCommandsContract {
    @Override
    protected BillingStore newStore() {
      return databases.newStore(TestDatabases.Kind.H2);
    }

    @Override
    protected int tries() {
      return 4;
    }
  }

  @Nested
  class OnPostgres extends AcceptedCommandsContract {
    @Override
    protected BillingStore newStore() {
      return databases.newStore(TestDatabases.Kind.POSTGRESQL);
    }

    @Override
    protected int tries() {
      return 2;
    }
  }
}
