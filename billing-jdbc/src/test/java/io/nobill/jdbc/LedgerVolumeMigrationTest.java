package io.nobill.jdbc;

import io.nobill.core.internal.ledger.CoreLedger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.access.Actor;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.event.ProviderEvent;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.PaymentId;
import io.nobill.core.id.RefundId;
import io.nobill.core.ledger.Ledger;
import io.nobill.core.ledger.LedgerFact;
import io.nobill.core.ledger.RecordedPayment;
import io.nobill.core.money.Money;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.testkit.ReducerFixture;
import io.nobill.core.testkit.TestClock;
import io.nobill.jdbc.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Books written before version 1.5 (no running volume, no payment records) keep working after
 * it: the migration recovers each payment and what was refunded of it from the journal, and the
 * store sums the volume of a ledger whose last entry has none. The older shape is made from
 * books written now, by undoing what version 1.5 added.
 */
class LedgerVolumeMigrationTest {
  private static final Actor OPERATOR = Actor.operator("ops-1");

  @Test
  void onH2() throws SQLException {
    String url = JdbcBillingStore.h2MemoryUrl("nobill-volume-migration");
    check(url, "sa", "");
  }

  @Test
  void onPostgres() throws SQLException {
    check(PostgresServer.shared().newDatabase(), PostgresServer.APP_ROLE, PostgresServer.APP_PASSWORD);
  }

  private static JdbcBillingStore open(String url, String user, String password) {
    return JdbcBillingStore.builder().jdbcUrl(url, user, password).poolSize(2).build();
  }

  private static java.util.Optional<RecordedPayment> payment(JdbcBillingStore store, OrgId org, PaymentId pay) {
    return store.inTenant(org, tx -> tx.ledger().payment(pay));
  }

  private static long volume(JdbcBillingStore store, OrgId org) {
    return store.inTenant(org, tx -> tx.ledger().volume());
  }

  private static void check(String url, String user, String password) throws SQLException {
    PaymentId pay = PaymentId.of(new UUID(0x7000L, 0xF1));
    OrgId org;
    io.nobill.core.id.InvoiceId invoice;
    long volume;
    try (Connection keepAlive = DriverManager.getConnection(url, user, password)) {
      try (JdbcBillingStore store = open(url, user, password)) {
        ReducerFixture f = new ReducerFixture(store, IdGenerator.sequential());
        f.events.apply(ReducerFixture.STRIPE, new ProviderEvent.InvoicePaid("evt_1", f.org, f.first, f.clock.instant(), pay));
        f.events.apply(ReducerFixture.STRIPE, new ProviderEvent.PaymentRefunded("evt_2", f.org,
            RefundId.of(new UUID(0x7000L, 0xE1)), f.clock.instant(), pay, Money.ofMajor("30.00", "EUR")));
        org = f.org;
        invoice = f.first;
        volume = store.inTenant(org, tx -> tx.ledger().volume());
        assertThat(volume).as("finalized, paid and refunded").isEqualTo(8500 + 8500 + 3000);
      }
      try (Statement s = keepAlive.createStatement()) {
        // Back to the schema as it was before 1.5: undo 1.5 and every version after it.
        s.execute("DROP INDEX nobill_organization_external_ref");
        s.execute("DROP INDEX nobill_organization_country");
        s.execute("ALTER TABLE nobill_organization DROP COLUMN external_ref");
        s.execute("ALTER TABLE nobill_organization DROP COLUMN country");
        s.execute("DROP TABLE nobill_numbering_series");
        s.execute("DROP TABLE nobill_credit_note");
        s.execute("DROP TABLE nobill_work_failure");
        s.execute("DROP TABLE nobill_payment");
        s.execute("ALTER TABLE nobill_journal_entry DROP COLUMN volume");
        s.execute("DELETE FROM nobill_schema_history WHERE version IN ('1.5', '1.6', '1.7', '1.8')");
      }

      try (JdbcBillingStore store = open(url, user, password)) {
        OrgId o = org;
        assertThat(payment(store, o, pay)).contains(new RecordedPayment(pay, invoice,
            Money.ofMajor("85.00", "EUR"), Money.ofMajor("30.00", "EUR")));
        assertThat(volume(store, o)).isEqualTo(volume);
        // Version 1.7 filled the country column of the organizations stored before it.
        java.util.List<OrgId> german = store.inPlatform(tx -> tx.searchOrganizations(
            io.nobill.core.org.OrganizationQuery.country("DE"), java.util.Optional.empty(), 10));
        assertThat(german).containsExactly(o);

        TestClock later = TestClock.at("2026-03-21T00:00:00Z");
        CoreLedger ledger = CoreLedger.create(store, later, IdGenerator.timeOrdered(later));
        assertThatThrownBy(() -> ledger.record(OPERATOR, o, new LedgerFact.PaymentRefunded(
            RefundId.of(new UUID(0x7000L, 0xE2)), pay, java.time.Instant.parse("2026-03-21T00:00:00Z"),
            Money.ofMajor("55.01", "EUR")))).isInstanceOf(InvalidRequestException.class);
        ledger.record(OPERATOR, o, new LedgerFact.PaymentRefunded(RefundId.of(new UUID(0x7000L, 0xE3)), pay,
            java.time.Instant.parse("2026-03-21T00:00:00Z"), Money.ofMajor("55.00", "EUR")));
        assertThat(volume(store, o)).isEqualTo(volume + 5500);
        assertThat(payment(store, o, pay)).map(RecordedPayment::refundable)
            .contains(Money.ofMajor("0.00", "EUR"));
      }
    }
  }
}
