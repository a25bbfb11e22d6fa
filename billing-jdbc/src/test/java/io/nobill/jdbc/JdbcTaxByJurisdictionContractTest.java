package io.nobill.jdbc;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.TaxByJurisdictionContract;
import io.nobill.jdbc.testkit.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** billing-core's golden invoices per tax jurisdiction on H2 and on PostgreSQL. */
class JdbcTaxByJurisdictionContractTest {
  private final TestDatabases databases = new TestDatabases();

  @AfterEach
  void closeStores() {
    databases.closeAll();
  }

  @Nested
  class OnH2 extends TaxByJurisdictionContract {
    @Override
    protected BillingStore newStore() {
      return databases.newStore(TestDatabases.Kind.H2);
    }
  }
  @Nested
  class OnPostgres extends TaxByJurisdictionContract {
    @Override
    protected BillingStore newStore() {
      return databases.newStore(TestDatabases.Kind.POSTGRESQL);
    }
  }
}
