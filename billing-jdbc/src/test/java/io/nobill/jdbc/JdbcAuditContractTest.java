package io.nobill.jdbc;

import io.nobill.core.id.OrgId;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.AuditContract;
import io.nobill.jdbc.testkit.TestDatabases;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** billing-core's audit contract on H2 and on PostgreSQL. */
class JdbcAuditContractTest {
  private final TestDatabases databases = new TestDatabases();

  /** Changes the column beside the hashed body, and only the column. */
  static void editColumn(BillingStore store, OrgId org, long sequence, AuditContract.QueriedField field, String value) {
    Object stored = field == AuditContract.QueriedField.OCCURRED_AT ? nanos(Instant.parse(value)) : value;
    Tampering.editAuditColumn((JdbcBillingStore) store, org, sequence, field.name().toLowerCase(Locale.ROOT), stored);
  }

  private static long nanos(Instant at) {
    return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
  }

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

    @Override
    protected void editQueriedField(BillingStore store, OrgId org, long sequence, QueriedField field, String value) {
      editColumn(store, org, sequence, field, value);
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

    @Override
    protected void editQueriedField(BillingStore store, OrgId org, long sequence, QueriedField field, String value) {
      editColumn(store, org, sequence, field, value);
    }
  }
}
