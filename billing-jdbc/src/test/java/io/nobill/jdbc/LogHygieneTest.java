package io.nobill.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.access.Actor;
import io.nobill.core.Billing;
import io.nobill.core.error.ConflictException;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.internal.subscription.BillingEngine;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.testkit.TestClock;
import io.nobill.core.work.StuckWork;
import io.nobill.core.internal.work.WorkFailures;
import io.nobill.jdbc.testkit.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A statement that fails with personal data among its bound values — a name, an e-mail, a
 * JSON body — leaves those values out of the exception NOBill throws, every cause under it,
 * every log line and the failure it stores for operators.
 */
class LogHygieneTest {
  private static final AtomicInteger H2_NAMES = new AtomicInteger();
  /** In the name, the e-mail and so every JSON body written for the organization. */
  private static final String MARKER = "Quokka";
  private static final String NAME = "Mallory " + MARKER + " GmbH";
  private static final String EMAIL = "mallory." + MARKER.toLowerCase(Locale.ROOT) + "@secret.example";

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream originalErr;
  private JdbcBillingStore store;

  @BeforeEach
  void captureTheLog() {
    // slf4j-simple writes to whatever System.err is at the time of each line.
    originalErr = System.err;
    System.setErr(new PrintStream(new Tee(originalErr, captured), true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(originalErr);
    if (store != null) {
      store.close();
    }
  }

  private String log() {
    System.err.flush();
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) throws java.io.IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }
  }

  /** Everything an exception would print: every message, cause and suppressed one, every frame. */
  private static String printed(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static void assertNoPersonalData(String text) {
    assertThat(text.toLowerCase(Locale.ROOT)).doesNotContain(MARKER.toLowerCase(Locale.ROOT))
        .doesNotContain("secret.example");
  }

  abstract class Scenario {
    abstract String url();

    abstract Connection owner(String url) throws SQLException;

    abstract JdbcBillingStore.Builder builder(String url);

    private void sql(String url, String... statements) throws SQLException {
      try (Connection c = owner(url); Statement s = c.createStatement()) {
        for (String statement : statements) {
          s.execute(statement);
        }
      }
    }

    private OrgId provision(Billing billing, UserId owner) {
      return billing.organizations().provision(Actor.member(owner), new NewOrganization(Optional.empty(), NAME, EMAIL,
          "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, owner)).id();
    }

    @Test
    void aFailingStatementsBoundValuesAppearInNoMessageNoCauseNoLogLineAndNoStoredFailure() throws SQLException {
      String url = url();
      store = builder(url).build();
      TestClock clock = TestClock.at("2026-01-01T09:00:00Z");
      Billing billing = Billing.builder().store(store).catalog(SeedCatalog.create("EUR")).taxCalculator(TaxCalculator.NONE)
          .subscriptions(SubscriptionSettings.defaults(SeedCatalog.PRO)).clock(clock)
          .workFailurePolicy(new io.nobill.core.work.FailurePolicy(1, Duration.ofMinutes(1), Duration.ofHours(1))).build();
      UserId owner = billing.ids().next(UserId::of);
      OrgId org = provision(billing, owner);
      billing.subscriptions().attachPaymentMethod(Actor.member(owner), org, "pm_card_visa");

      // A rule of the host's on NOBill's tables, which NOBill's statements then break.
      sql(url, "CREATE UNIQUE INDEX test_unique_org_name ON nobill_organization (name)",
          "ALTER TABLE nobill_invoice ADD CONSTRAINT test_bill_to_check CHECK (body NOT LIKE '%" + MARKER + "%')");

      // A request: the insert binds the name and the JSON body with the e-mail.
      UserId other = billing.ids().next(UserId::of);
      assertThatThrownBy(() -> provision(billing, other))
          .isInstanceOfSatisfying(ConflictException.class, e -> {
            assertNoPersonalData(printed(e));
            assertThat(e.retryable()).as("a unique key taken first").isTrue();
            assertThat(e).hasMessageContaining("SQLState 23505").hasMessageContaining("test_unique_org_name");
            assertThat(e.getCause()).isInstanceOfSatisfying(SQLException.class,
                cause -> assertThat(cause.getSQLState()).isEqualTo("23505"));
            assertThat(e.getCause().getStackTrace()).as("the driver's stack is kept").isNotEmpty();
          });

      // A sweep: the trial ends and the first invoice, whose JSON body holds the bill-to name
      // and e-mail, breaks the check. The renewal fails, is logged and is recorded as stuck.
      clock.advance(Duration.ofDays(15));
      var summary = billing.work().runDue();
      assertThat(summary.outcome(BillingEngine.RENEWALS).orElseThrow().result().orElseThrow().failed()).isEqualTo(1);
      List<StuckWork> stuck = billing.work().stuck(Actor.operator("ops"), 10);
      assertThat(stuck).hasSize(1);
      assertThat(stuck.get(0).failure().lastError()).contains("test_bill_to_check");
      assertNoPersonalData(stuck.get(0).failure().lastError());

      String log = log();
      assertThat(log).as("the renewal's failure was logged").contains(org.toString()).contains("WARN");
      assertThat(log).contains("test_bill_to_check");
      assertNoPersonalData(log);
    }

    @Test
    void aValueTooLongForItsColumnIsNotQuotedBackEither() {
      store = builder(url()).build();
      OrgId org = OrgId.of(java.util.UUID.randomUUID());
      String name = (NAME + " ").repeat(100);
      assertThatThrownBy(() -> store.rawForTests(org, h -> h.createUpdate(
              "INSERT INTO nobill_organization (org_id, name, body) VALUES (:org, :name, :body)")
          .bind("org", org.value()).bind("name", name).bind("body", "{\"billingEmail\":\"" + EMAIL + "\"}").execute()))
          .isInstanceOfSatisfying(StorageException.class, e -> {
            assertNoPersonalData(printed(e));
            assertThat(e).hasMessageContaining("SQLState 22001");
            assertThat(e.retryable()).isFalse();
          });
      assertNoPersonalData(log());
    }
  }

  @Nested
  class OnH2 extends Scenario {
    @Override
    String url() {
      return JdbcBillingStore.h2MemoryUrl("nobill-log-" + H2_NAMES.incrementAndGet());
    }

    @Override
    Connection owner(String url) throws SQLException {
      return DriverManager.getConnection(url, "sa", "");
    }

    @Override
    JdbcBillingStore.Builder builder(String url) {
      return JdbcBillingStore.builder().jdbcUrl(url, "sa", "").poolSize(4);
    }
  }

  @Nested
  class OnPostgres extends Scenario {
    @Override
    String url() {
      return PostgresServer.shared().newDatabase();
    }

    @Override
    Connection owner(String url) throws SQLException {
      return DriverManager.getConnection(url, PostgresServer.APP_ROLE, PostgresServer.APP_PASSWORD);
    }

    @Override
    JdbcBillingStore.Builder builder(String url) {
      return JdbcBillingStore.builder().jdbcUrl(url, PostgresServer.APP_ROLE, PostgresServer.APP_PASSWORD).poolSize(4);
    }
  }
}
