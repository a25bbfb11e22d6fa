package io.nobill.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.access.Actor;
import io.nobill.core.Billing;
import io.nobill.core.event.BillingEvent;
import io.nobill.core.audit.AuditQuery;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceLine;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.ledger.AccountBalance;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.ledger.TrialBalance;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.rating.ProrationBehavior;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.payment.SimulatedCardCollector;
import io.nobill.core.subscription.Subscription;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.subscription.SubscriptionStatus;
import io.nobill.core.subscription.Subscriptions;
import io.nobill.core.tax.regional.RegionalTaxTable;
import io.nobill.core.usage.UsageEvent;
import io.nobill.core.usage.UsageResult;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * One organization through a whole year with NOBill as the billing authority, the scheduler
 * running every day at 10:00: a trial; Pro with 3 seats; 2 more seats on day 10; API usage
 * every day; an upgrade to Enterprise mid-period; a declined renewal, a failed retry and a
 * recovery; a cancellation at period end. Everything the year produced — every invoice line,
 * every subscription transition, every month-end balance, the recognized revenue — is
 * written out and compared with {@code year-golden.txt}, whose figures were checked by hand;
 * the key figures are also asserted here directly. Every store must produce the same file.
 */
public abstract class YearContract {
  private static final Currency EUR = Currency.getInstance("EUR");

  protected abstract BillingStore newStore();

  @Test
  void aYearOfBillingAddsUp() throws IOException {
    TestClock clock = TestClock.at("2026-01-01T09:00:00Z");
    List<BillingEvent> events = new CopyOnWriteArrayList<>();
    Billing billing = Billing.builder()
        .store(newStore())
        .catalog(SeedCatalog.create("EUR"))
        .taxCalculator(RegionalTaxTable.builder().sellerCountry("DE").build())
        .subscriptions(SubscriptionSettings.defaults(SeedCatalog.PRO))
        .paymentCollector(new SimulatedCardCollector())
        .listener("record", events::add)
        .clock(clock)
        .idGenerator(IdGenerator.sequential())
        .build();
    UserId owner = billing.ids().next(UserId::of);
    Actor anna = Actor.member(owner);
    OrgId org = billing.organizations().provision(anna, new NewOrganization(Optional.empty(), "Acme GmbH",
        "billing@acme.example", "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, owner)).id();
    Actor job = Actor.job("year");

    StringBuilder log = new StringBuilder();
    List<String> transitions = new ArrayList<>();
    SubscriptionStatus lastStatus = null;
    int usageDay = 0;
    for (LocalDate day = LocalDate.of(2026, 1, 1); day.isBefore(LocalDate.of(2027, 1, 1)); day = day.plusDays(1)) {
      clock.set(day.atTime(10, 0).toInstant(ZoneOffset.UTC));
      // The host's actions of the day.
      if (day.equals(LocalDate.of(2026, 1, 3))) {
        billing.subscriptions().attachPaymentMethod(anna, org, "pm_card_visa");
        billing.subscriptions().subscribe(anna, org, SeedCatalog.PRO, 3);
      }
      if (day.equals(LocalDate.of(2026, 1, 25))) {
        billing.subscriptions().changeSeats(anna, org, 5, ProrationBehavior.CREATE_PRORATIONS);
      }
      if (day.equals(LocalDate.of(2026, 3, 1))) {
        billing.subscriptions().changePlan(anna, org, SeedCatalog.ENTERPRISE, Subscriptions.ChangeTiming.NOW,
            ProrationBehavior.ALWAYS_INVOICE);
      }
      if (day.equals(LocalDate.of(2026, 4, 10))) {
        billing.subscriptions().attachPaymentMethod(anna, org, "pm_card_chargeDeclined");
      }
      if (day.equals(LocalDate.of(2026, 4, 17))) {
        billing.subscriptions().attachPaymentMethod(anna, org, "pm_card_visa");
      }
      if (day.equals(LocalDate.of(2026, 12, 1))) {
        billing.subscriptions().cancel(anna, org, true, false);
      }
      // Yesterday's usage, reported this morning: 10,000 API calls a day plus 1,000 per day of the year.
      Subscription current = billing.subscriptions().current(job, org).orElseThrow();
      if (!current.status().isEnded() && current.status() != SubscriptionStatus.TRIALING && usageDay < 400) {
        Instant at = day.minusDays(1).atTime(12, 0).toInstant(ZoneOffset.UTC);
        if (!at.isBefore(current.currentPeriod().start().minus(Duration.ofDays(31)))) {
          UsageResult r = billing.usage().record(job, org, UsageEvent.of(SeedCatalog.API_CALLS, "calls-" + day.minusDays(1),
              at, BigDecimal.valueOf(10_000L + 1_000L * usageDay)));
          usageDay++;
          assertThat(r).isNotInstanceOf(UsageResult.Rejected.class);
        }
      }
      billing.work().runDue();
      SubscriptionStatus status = billing.subscriptions().current(job, org).orElseThrow().status();
      if (status != lastStatus) {
        transitions.add(day + " " + status);
        lastStatus = status;
      }
      if (day.plusDays(1).getDayOfMonth() == 1) {
        clock.set(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1));
        billing.work().runDue();
        log.append("== balances at end of ").append(day.getMonth()).append('\n');
        appendBalances(log, billing.ledger().trialBalance(job, org));
      }
    }

    List<Invoice> invoices = billing.invoices().list(job, org, Optional.empty(), Optional.empty(), 100);
    StringBuilder golden = new StringBuilder();
    golden.append("== subscription transitions\n");
    transitions.forEach(t -> golden.append("  ").append(t).append('\n'));
    golden.append("== invoices\n");
    for (Invoice i : invoices) {
      golden.append("  ").append(i.number().orElse("draft")).append(' ').append(i.status()).append(" finalized ")
          .append(i.finalizedAt().map(Object::toString).orElse("-")).append(" total ").append(i.total())
          .append(" tax ").append(i.taxTotal()).append('\n');
      for (InvoiceLine l : i.lines()) {
        golden.append(String.format(Locale.ROOT, "    %-10s %-60s %16s %14s  %s..%s%n", l.kind(), l.description(),
            l.quantity().stripTrailingZeros().toPlainString(), l.amount(), l.period().start(), l.period().end()));
      }
    }
    golden.append(log);
    golden.append("== outbound events\n");
    events.stream().map(e -> e.getClass().getSimpleName()).distinct().sorted()
        .forEach(name -> golden.append("  ").append(name).append(' ')
            .append(events.stream().filter(e -> e.getClass().getSimpleName().equals(name)).count()).append('\n'));
    String actual = golden.toString();

    // Key figures, independently of the golden file.
    assertThat(transitions).containsExactly("2026-01-01 TRIALING", "2026-01-15 ACTIVE", "2026-04-15 PAST_DUE",
        "2026-04-18 ACTIVE", "2026-12-15 CANCELED");
    Invoice first = invoices.get(0);
    assertThat(first.total()).isEqualTo(Money.ofMajor("101.15", "EUR")); // (49 + 3 × 12) × 1.19
    assertThat(invoices).allSatisfy(i -> assertThat(i.status()).isEqualTo(InvoiceStatus.PAID));
    TrialBalance end = billing.ledger().trialBalance(job, org);
    assertThat(end.isBalanced()).isTrue();
    assertThat(end.net(AccountCode.RECEIVABLE, EUR)).isEqualTo(Money.zero(EUR));
    assertThat(end.net(AccountCode.DEFERRED_REVENUE, EUR)).isEqualTo(Money.zero(EUR));
    Money billed = invoices.stream().map(Invoice::total).reduce(Money.zero(EUR), Money::plus);
    Money tax = invoices.stream().map(Invoice::taxTotal).reduce(Money.zero(EUR), Money::plus);
    assertThat(end.net(AccountCode.CASH_CLEARING, EUR)).isEqualTo(billed);
    assertThat(end.net(AccountCode.REVENUE, EUR)).isEqualTo(billed.minus(tax));
    assertThat(end.net(AccountCode.TAX_PAYABLE, EUR)).isEqualTo(tax);
    assertThat(billing.audit().verify(anna, org).intact()).isTrue();
    assertThat(billing.audit().query(anna, org, AuditQuery.ALL, 0, 1000)).hasSizeGreaterThan(40);

    // Rewritten only from billing-core's own build, where the file lives, on request.
    Path goldenFile = Path.of("src/test/resources/io/nobill/core/testkit/year-golden.txt");
    if (Boolean.getBoolean("nobill.updateGolden") && Files.exists(goldenFile)) {
      Files.writeString(goldenFile, actual, StandardCharsets.UTF_8);
    }
    try (InputStream in = YearContract.class.getResourceAsStream("/io/nobill/core/testkit/year-golden.txt")) {
      assertThat(in).as("year-golden.txt on the classpath").isNotNull();
      assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static void appendBalances(StringBuilder log, TrialBalance tb) {
    for (AccountBalance b : tb.accounts()) {
      log.append(String.format(Locale.ROOT, "  %-18s debits %14s credits %14s net %14s%n", b.account().code(), b.debits(),
          b.credits(), b.net()));
    }
  }
}
