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

    assertThat(summary.organizations()).isEqualTo(2);
    assertThat(summary.gross()).isEqualTo(Money.ofMajor("58.31", "EUR"));
    assertThat(summary.firstOrganization()).isEqualTo("Acme GmbH");
    assertThat(summary.booksBalanced()).isTrue();
    assertThat(summary.cash()).isEqualTo(Money.ofMajor("58.31", "EUR"));
    assertThat(printed)
        .contains("price EUR 49.00 + VAT 19% EUR 9.31 = EUR 58.31")
        .contains("[EUR 33.34, EUR 33.33, EUR 33.33] (sums to EUR 100.00)")
        .contains("\"1,2\" is rejected: field=amount")
        .contains("UUID version 7")
        .contains("a second insert is refused")
        .contains("recording the payment again: AlreadyPosted")
        .containsPattern("DEFERRED_REVENUE +EUR 0.00 +EUR 49.00 +EUR 49.00")
        .containsPattern("RECEIVABLE +EUR 58.31 +EUR 58.31 +EUR 0.00")
        .contains("debits minus credits: EUR 0.00 (balanced: true)")
        .contains("organizations=2  gross=EUR 58.31  first=Acme GmbH  books balanced=true  cash=EUR 58.31");
  }
}
