package io.nobill.jdbc;

import io.nobill.core.id.OrgId;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.AuditContract;
import io.nobill.jdbc.testkit.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** billing-core's audit contract on H2 and on PostgreSQL. */
class JdbcAuditContractTest {
  private final TestDatabases databases = new TestDatabases();

  @AfterEach
  void closeStores() {
    databases.closeAll();
  }

  @Nested
  class OnH2 extends AuditContract {
    @Override
    protected BillingStore newStore() {
      return databases.newStore(TestDatabases.Kind.H2);
    }

    @Override
    protected void editEntry(BillingStore store, OrgId org, long sequence, String newAction) {
      Tampering.editAuditEntry((JdbcBillingStore) store, org, sequence, newAction);
    }

    @Override
    protected void deleteEntry(BillingStore store, OrgId org, long sequence) {
      Tampering.deleteAuditEntry((JdbcBillingStore) store, org, sequence);
    }
  }
  @Nested
  class OnPostgres extends AuditContract {
    @Override
    protected BillingStore newStore() {
      return databases.newStore(TestDatabases.Kind.POSTGRESQL);
    }

    @Override
    protected void editEntry(BillingStore store, OrgId org, long sequence, String newAction) {
      Tampering.editAuditEntry((JdbcBillingStore) store, org, sequence, newAction);
    }

    @Override
    protected void deleteEntry(BillingStore store, OrgId org, long sequence) {
      Tampering.deleteAuditEntry((JdbcBillingStore) store, org, sequence);
    }
  }
}
