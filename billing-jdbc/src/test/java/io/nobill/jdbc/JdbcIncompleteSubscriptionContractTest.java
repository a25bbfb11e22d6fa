package io.nobill.jdbc;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.IncompleteSubscriptionContract;
import io.nobill.jdbc.testkit.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** Incomplete first payments on H2 and on PostgreSQL. */
class JdbcIncompleteSubscriptionContractTest {
  private final TestDatabases databases = new TestDatabases();

  @AfterEach
  void closeStores() {
    databases.closeAll();
  }

  @Nested
  class OnH2 extends IncompleteSubscriptionContract {
    @Override
    protected BillingStore newStore() {
      return databases.newStore(TestDatabases.Kind.H2);
    }
  }

  @Nested
  class OnPostgres extends IncompleteSubscriptionContract {
    @Override
    protected BillingStore newStore() {
      return databases.newStore(TestDatabases.Kind.POSTGRESQL);
    }
  }
}
