package io.nobill.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.money.Money;
import io.nobill.examples.quickstart.Quickstart;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickstartTest {

  @Test
  void theQuickstartRunsAndEndsWithItsSummary() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Quickstart.Summary summary = new Quickstart(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
    String printed = bytes.toString(StandardCharsets.UTF_8);

    // 49.00 base + 3 × 12.00 seats + 150,000 billable calls × 0.06 cents = 175.00; 19% VAT 33.25.
    assertThat(summary.invoiceNumber()).isEqualTo("MULL-000001");
    assertThat(summary.invoiceTotal()).isEqualTo(Money.ofMajor("208.25", "EUR"));
    assertThat(summary.booksBalanced()).isTrue();
    assertThat(summary.cash()).isEqualTo(Money.ofMajor("208.25", "EUR"));
    assertThat(summary.auditIntact()).isTrue();
    assertThat(summary.year().invoices()).isEqualTo(13);
    assertThat(summary.year().collected()).isEqualTo(Money.ofMajor("23453.29", "EUR"));
    assertThat(summary.year().revenue()).isEqualTo(Money.ofMajor("19708.65", "EUR"));
    assertThat(summary.year().finalStatus()).isEqualTo(io.nobill.core.subscription.SubscriptionStatus.CANCELED);
    assertThat(summary.year().auditIntact()).isTrue();
    assertThat(printed)
        .contains("EUR 49.00 + 19% VAT = EUR 58.31")
        .contains("\"1,2\" is refused: field=amount")
        .contains("denied: member:").contains("lacks permission members.manage")
        .contains("INVOICE").contains("RECHNUNG")
        .contains("Amount due").contains("Fälliger Betrag")
        .contains("208,25\u00a0€").contains("€208.25")
        .contains("debits minus credits: EUR 0.00 (balanced: true)")
        .contains("invoice.finalized").contains("invoice.paid").contains("member.added")
        .contains("verification: Intact[entries=")
        .contains("2026-12-31 CANCELED   enterprise, 5    EUR 23453.29   EUR 19708.65")
        .contains("Müller & Söhne GmbH: invoice MULL-000001 total EUR 208.25, books balanced=true, cash=EUR 208.25, audit intact=true");
  }
}
