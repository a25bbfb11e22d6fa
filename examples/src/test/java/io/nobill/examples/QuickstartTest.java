package io.nobill.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.money.Money;
import io.nobill.core.subscription.SubscriptionStatus;
import io.nobill.examples.quickstart.Quickstart;
import io.nobill.jdbc.testkit.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the quickstart on an H2 file database and on PostgreSQL, and checks what it ends with. */
class QuickstartTest {
  @TempDir
  Path dir;

  private static Money eur(String amount) {
    return Money.ofMajor(amount, "EUR");
  }

  private static String run(Quickstart.Database db, Quickstart.Summary[] summary) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    summary[0] = new Quickstart(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(db);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aYearOnAnH2FileEndsWithTheseFiguresAndARerunStartsClean() throws Exception {
    Quickstart.Summary[] summary = new Quickstart.Summary[1];
    String printed = run(Quickstart.Database.freshH2(dir), summary);
    assertFigures(summary[0]);
    assertThat(Files.exists(dir.resolve("billing.mv.db"))).isTrue();
    assertThat(printed)
        // Müller & Söhne's first invoice, in German: 49.00 base + 3 × 12.00 seats = 85.00, 19% VAT 16.15,
        // issued by the configured seller, paid at once: what was paid, nothing due.
        .contains("RECHNUNG").contains("NOBill Demo GmbH").contains("USt-IdNr. (DE): DE811569869")
        .contains("Rechnungsnummer:    INV-2026-000001").contains("Bezahlter Betrag            101,15\u00a0€")
        .doesNotContain("Fälliger Betrag")
        // Globex, Irish with a VAT id: English, the next number of the same series, and the EU reverse charge.
        .contains("INVOICE").contains("Invoice number:  INV-2026-000002").contains("VAT 0% (IE) on €19.00")
        .contains("Reverse charge: VAT to be accounted for by")
        .contains("dan (member) tries 10 seats and is denied: member:").contains("lacks permission billing.manage")
        .contains("arrive 20 minutes after it: Accepted")
        .contains("QuotaExceeded         api_calls")
        .contains("PaymentFailed         attempt 1").contains("DunningStep")
        .contains("SubscriptionCanceled").contains("every trial balance zero: yes")
        .doesNotContain("every trial balance zero: NO").doesNotContain("BROKEN").doesNotContain("NOT BALANCED")
        // Collected = revenue + VAT + what is still deferred: the December invoice's Enterprise fee
        // for Dec 15 10:00 – Jan 15 10:00 has 14 days 10 hours of 31 days left, 1,500 × 14.4167 / 31.
        .contains("DEFERRED_REVENUE   debits   EUR 10071.87  credits   EUR 10769.45  balance     EUR 697.58")
        .contains("Müller & Söhne       13 invoices, collected EUR 18949.38, revenue EUR 15226.27, VAT EUR 3025.53, "
            + "MRR EUR 1500.00, ACTIVE, books balanced, audit intact");

    // A second run deletes the first one's database and prints the same year.
    String again = run(Quickstart.Database.freshH2(dir), summary);
    assertFigures(summary[0]);
    assertThat(again).isEqualTo(printed);
  }

  @Test
  void theSameYearOnPostgreSqlEndsWithTheSameFiguresAndASecondRunAddsThreeMoreOrganizations() {
    Quickstart.Database db = Quickstart.Database.of(PostgresServer.shared().newDatabase(), PostgresServer.APP_ROLE,
        PostgresServer.APP_PASSWORD);
    Quickstart.Summary[] summary = new Quickstart.Summary[1];
    run(db, summary);
    assertFigures(summary[0]);
    // The database keeps the first run; the second one's organizations are new and end the same.
    run(db, summary);
    assertFigures(summary[0]);
  }

  private static void assertFigures(Quickstart.Summary s) {
    Quickstart.OrgSummary mueller = s.org("Müller & Söhne");
    assertThat(mueller.invoices()).isEqualTo(13);
    // The June upgrade splits June's usage: API calls before it are rated on Pro's graduated
    // prices, after it on Enterprise's volume prices (before, the whole period was Enterprise's).
    assertThat(mueller.collected()).isEqualTo(eur("18949.38"));
    assertThat(mueller.revenue()).isEqualTo(eur("15226.27"));
    assertThat(mueller.tax()).isEqualTo(eur("3025.53"));
    assertThat(mueller.mrr()).isEqualTo(eur("1500.00"));
    assertThat(mueller.finalStatus()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(mueller.auditEntries()).isEqualTo(52);

    // Starter at 19.00 from February 15 to October 15, every month reverse charged.
    Quickstart.OrgSummary globex = s.org("Globex Ltd");
    assertThat(globex.invoices()).isEqualTo(8);
    assertThat(globex.collected()).isEqualTo(eur("152.00"));
    assertThat(globex.revenue()).isEqualTo(eur("152.00"));
    assertThat(globex.tax()).isEqualTo(eur("0.00"));
    assertThat(globex.finalStatus()).isEqualTo(SubscriptionStatus.CANCELED);

    // A trial without a card: no invoice, canceled when it ends.
    Quickstart.OrgSummary initech = s.org("Initech BV");
    assertThat(initech.invoices()).isZero();
    assertThat(initech.collected()).isEqualTo(eur("0.00"));
    assertThat(initech.finalStatus()).isEqualTo(SubscriptionStatus.CANCELED);

    assertThat(s.organizations()).allSatisfy(o -> {
      assertThat(o.booksBalanced()).as(o.name() + " books").isTrue();
      assertThat(o.auditIntact()).as(o.name() + " audit").isTrue();
    });
    // MRR: trials count nothing; Pro 49 + 12 a seat; Starter 19; Enterprise 1,500; Globex gone in October.
    assertThat(s.mrrAtMonthEnd()).containsEntry(LocalDate.of(2026, 1, 31), eur("85.00"))
        .containsEntry(LocalDate.of(2026, 2, 28), eur("104.00"))
        .containsEntry(LocalDate.of(2026, 3, 31), eur("128.00"))
        .containsEntry(LocalDate.of(2026, 6, 30), eur("1519.00"))
        .containsEntry(LocalDate.of(2026, 10, 31), eur("1500.00"))
        .hasSize(12);
    // Every day's batch was sent twice: counted once; plus the late event.
    assertThat(s.usageResults()).isEqualTo(Map.of("Accepted", 365, "Duplicate", 364));
    assertThat(s.eventsReceived()).isEqualTo(67);
  }
}
