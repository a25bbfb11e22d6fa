package io.nobill.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.Billing;
import io.nobill.core.BillingInternals;
import io.nobill.core.access.Actor;
import io.nobill.core.audit.AuditQuery;
import io.nobill.core.catalog.Aggregation;
import io.nobill.core.catalog.Catalog;
import io.nobill.core.catalog.Meter;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.PlanRef;
import io.nobill.core.catalog.Price;
import io.nobill.core.catalog.PricingModel;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.catalog.Tier;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.ledger.TrialBalance;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.payment.SimulatedCardCollector;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.subscription.SubscribeRequest;
import io.nobill.core.subscription.Subscription;
import io.nobill.core.usage.UsageEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One plan version sold in several currencies: each organization subscribes, is rated,
 * previewed, prorated and invoiced at the prices in its own currency; a plan not sold in it,
 * or custom prices in another currency, are refused and write nothing; each organization's
 * books balance in its currency.
 */
public abstract class MultiCurrencyContract {
  private static final Actor OPERATOR = Actor.operator("ops-1");
  private static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");

  protected abstract BillingStore newStore();

  private final TestClock clock = TestClock.at(T0.toString());
  private Billing billing;
  private Actor eurOwner;
  private Actor usdOwner;
  private OrgId acme;
  private OrgId globex;

  /** {@code pro} in EUR and in USD at other amounts; {@code local} in EUR only. */
  static Catalog catalog() {
    return Catalog.builder()
        .meter(new Meter("api_calls", "API calls", "call", Aggregation.SUM))
        .plan(Plan.builder("pro", 1).name("Pro").monthly().seatLimit(50)
            .pricesIn("EUR", p -> p.flatFee("base", "Pro base fee", Money.ofMajor("49.00", "EUR"))
                .perSeat("seats", "Seats", PricingModel.perUnit("1200"), 0)
                .metered("api_calls", "API calls", "api_calls", PricingModel.graduated(Tier.upTo(1000, "0"), Tier.rest("1"))))
            .pricesIn("USD", p -> p.flatFee("base", "Pro base fee", Money.ofMajor("55.00", "USD"))
                .perSeat("seats", "Seats", PricingModel.perUnit("1300"), 0)
                .metered("api_calls", "API calls", "api_calls", PricingModel.graduated(Tier.upTo(1000, "0"), Tier.rest("2"))))
            .build())
        .plan(Plan.builder("local", 1).name("Local").currency("EUR").monthly()
            .flatFee("base", "Local plan", Money.ofMajor("9.00", "EUR")).build())
        .build();
  }

  @BeforeEach
  void twoOrganizationsInTwoCurrencies() {
    billing = Billing.builder().store(newStore()).catalog(catalog()).taxCalculator(TaxCalculator.NONE)
        .paymentCollector(new SimulatedCardCollector()).clock(clock).idGenerator(IdGenerator.sequential()).build();
    UserId anna = billing.ids().next(UserId::of);
    eurOwner = Actor.member(anna);
    acme = billing.organizations().provision(eurOwner, new NewOrganization(Optional.empty(), "Acme", "billing@acme.example",
        "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, anna)).id();
    UserId bob = billing.ids().next(UserId::of);
    usdOwner = Actor.member(bob);
    globex = billing.organizations().provision(usdOwner, new NewOrganization(Optional.empty(), "Globex", "billing@globex.example",
        "US", Optional.empty(), Money.currency("USD"), Locale.US, bob)).id();
  }

  private List<Invoice> invoices(Actor actor, OrgId org) {
    return billing.invoices().list(actor, org, Optional.empty(), Optional.empty(), 100).stream()
        .sorted(Comparator.comparing((Invoice i) -> i.period().start())).toList();
  }

  /** Everything a refused command could have written for {@code org}. */
  private record State(List<Subscription> subscriptions, PricingOverrides pricing, int invoices, int auditEntries) {}

  private State state(OrgId org) {
    int audit = billing.audit().query(OPERATOR, org, AuditQuery.ALL, 0, 1000).size();
    return BillingInternals.of(billing).store.inTenant(org, tx -> new State(tx.subscriptions().list(),
        tx.overrides().pricing(), tx.invoices().list(Optional.empty(), Optional.empty(), 1000).size(), audit));
  }

  private void assertRefused(OrgId org, ThrowingCallable call, String field, String... rule) {
    State before = state(org);
    assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      for (String part : rule) {
        assertThat(e.rule()).contains(part);
      }
    });
    assertThat(state(org)).isEqualTo(before);
  }

  @Test
  void organizationsInTwoCurrenciesOnTheSamePlanVersionAreInvoicedInTheirOwn() {
    Subscription eur = billing.subscriptions().subscribe(eurOwner, acme, SubscribeRequest.plan("pro").seats(2)
        .paymentMethod("pm_card_visa"));
    Subscription usd = billing.subscriptions().subscribe(usdOwner, globex, SubscribeRequest.plan("pro").seats(2)
        .paymentMethod("pm_card_visa"));
    assertThat(eur.plan()).isEqualTo(new PlanRef("pro", 1)).isEqualTo(usd.plan());

    Invoice eurFirst = invoices(eurOwner, acme).get(0);
    Invoice usdFirst = invoices(usdOwner, globex).get(0);
    assertThat(eurFirst.currency()).isEqualTo(Currency.getInstance("EUR"));
    assertThat(eurFirst.total()).isEqualTo(Money.ofMajor("73.00", "EUR"));   // 49 + 2 × 12
    assertThat(usdFirst.currency()).isEqualTo(Currency.getInstance("USD"));
    assertThat(usdFirst.total()).isEqualTo(Money.ofMajor("81.00", "USD"));   // 55 + 2 × 13

    // Usage is rated at each currency's tier amounts: 1,500 calls, 500 beyond the free 1,000.
    billing.usage().record(eurOwner, acme, UsageEvent.of("api_calls", "e-1", T0.plusSeconds(60), new BigDecimal("1500")));
    billing.usage().record(usdOwner, globex, UsageEvent.of("api_calls", "u-1", T0.plusSeconds(60), new BigDecimal("1500")));
    // A seat more, prorated on each organization's next invoice at its own seat price.
    billing.subscriptions().incrementSeats(eurOwner, acme, 1, io.nobill.core.rating.ProrationBehavior.CREATE_PRORATIONS);
    billing.subscriptions().incrementSeats(usdOwner, globex, 1, io.nobill.core.rating.ProrationBehavior.CREATE_PRORATIONS);

    clock.set(eur.currentPeriod().end().plus(Duration.ofDays(1)));   // past the late-usage delay
    Invoice eurPreview = billing.subscriptions().upcoming(eurOwner, acme).orElseThrow();
    Invoice usdPreview = billing.subscriptions().upcoming(usdOwner, globex).orElseThrow();
    assertThat(eurPreview.currency()).isEqualTo(Currency.getInstance("EUR"));
    assertThat(usdPreview.currency()).isEqualTo(Currency.getInstance("USD"));

    billing.work().runDue();
    Invoice eurRenewal = invoices(eurOwner, acme).get(1);
    Invoice usdRenewal = invoices(usdOwner, globex).get(1);
    assertThat(eurRenewal.currency()).isEqualTo(Currency.getInstance("EUR"));
    assertThat(usdRenewal.currency()).isEqualTo(Currency.getInstance("USD"));
    assertThat(eurRenewal.total()).isEqualTo(eurPreview.total());
    assertThat(usdRenewal.total()).isEqualTo(usdPreview.total());
    Map<String, Money> eurLines = byDescription(eurRenewal);
    Map<String, Money> usdLines = byDescription(usdRenewal);
    assertThat(eurLines).containsEntry("Pro base fee", Money.ofMajor("49.00", "EUR"))
        .containsEntry("Seats", Money.ofMajor("36.00", "EUR")).containsEntry("API calls", Money.ofMajor("5.00", "EUR"));
    assertThat(usdLines).containsEntry("Pro base fee", Money.ofMajor("55.00", "USD"))
        .containsEntry("Seats", Money.ofMajor("39.00", "USD")).containsEntry("API calls", Money.ofMajor("10.00", "USD"));
    // The seat added a minute into the period is prorated at 12.00 and 13.00 for almost all of it.
    assertThat(eurRenewal.total().minus(Money.ofMajor("90.00", "EUR")).isPositive()).isTrue();
    assertThat(usdRenewal.total().minus(Money.ofMajor("104.00", "USD")).isPositive()).isTrue();
    assertThat(billing.subscriptions().monthlyRecurringRevenue(usdOwner, globex)).isEqualTo(Money.ofMajor("94.00", "USD"));

    // Each organization's books balance, in its own currency only; per currency, so do both.
    TrialBalance eurBooks = billing.ledger().trialBalance(eurOwner, acme);
    TrialBalance usdBooks = billing.ledger().trialBalance(usdOwner, globex);
    assertThat(eurBooks.isBalanced()).isTrue();
    assertThat(usdBooks.isBalanced()).isTrue();
    assertThat(eurBooks.differences().keySet()).containsExactly(Currency.getInstance("EUR"));
    assertThat(usdBooks.differences().keySet()).containsExactly(Currency.getInstance("USD"));
    Map<Currency, Money> debits = new HashMap<>();
    Map<Currency, Money> credits = new HashMap<>();
    for (TrialBalance books : List.of(eurBooks, usdBooks)) {
      books.accounts().forEach(b -> {
        debits.merge(b.account().currency(), b.debits(), Money::plus);
        credits.merge(b.account().currency(), b.credits(), Money::plus);
      });
    }
    assertThat(debits).isEqualTo(credits);
    assertThat(debits.get(Currency.getInstance("USD")).isPositive()).isTrue();
  }

  private static Map<String, Money> byDescription(Invoice invoice) {
    Map<String, Money> lines = new HashMap<>();
    invoice.lines().stream().filter(l -> l.kind() != io.nobill.core.invoice.LineKind.PRORATION)
        .forEach(l -> lines.merge(l.description(), l.amount(), Money::plus));
    return lines;
  }

  @Test
  void aPlanNotSoldInTheOrganizationsCurrencyIsRefusedAndNothingIsWritten() {
    assertRefused(globex, () -> billing.subscriptions().subscribe(usdOwner, globex, SubscribeRequest.plan("local")
        .paymentMethod("pm_card_visa")), "plan", "organization's currency USD", "local@1", "[EUR]");
    assertThat(billing.subscriptions().current(usdOwner, globex)).isEmpty();
    // A move to it from a plan sold in USD is refused the same way.
    billing.subscriptions().subscribe(usdOwner, globex, SubscribeRequest.plan("pro").paymentMethod("pm_card_visa"));
    assertRefused(globex, () -> billing.subscriptions().changePlan(usdOwner, globex, "local",
        io.nobill.core.subscription.Subscriptions.ChangeTiming.NOW, io.nobill.core.rating.ProrationBehavior.CREATE_PRORATIONS),
        "plan", "organization's currency USD");
  }

  @Test
  void customPricesInAnotherCurrencyThanTheOrganizationsAreRefusedAndNothingIsWritten() {
    billing.subscriptions().subscribe(usdOwner, globex, SubscribeRequest.plan("pro").paymentMethod("pm_card_visa"));
    Price inEuros = new Price.FlatFee("base", "Negotiated base", Money.ofMajor("40.00", "EUR"),
        io.nobill.core.catalog.BillingTiming.IN_ADVANCE);
    assertRefused(globex, () -> billing.overrides().setPricing(OPERATOR, globex,
        new PricingOverrides(Map.of("base", inEuros), List.of(), Optional.empty())), "customPrices", "USD");
    assertRefused(globex, () -> billing.overrides().setPricing(OPERATOR, globex,
        new PricingOverrides(Map.of(), List.of(), Optional.of(Money.ofMajor("100.00", "EUR")))), "minimumSpend", "USD");

    // In dollars the same deal is taken, and the next invoice charges it.
    Price inDollars = new Price.FlatFee("base", "Negotiated base", Money.ofMajor("40.00", "USD"),
        io.nobill.core.catalog.BillingTiming.IN_ADVANCE);
    billing.overrides().setPricing(OPERATOR, globex, new PricingOverrides(Map.of("base", inDollars), List.of(), Optional.empty()));
    Invoice next = billing.subscriptions().upcoming(usdOwner, globex).orElseThrow();
    assertThat(byDescription(next)).containsEntry("Negotiated base", Money.ofMajor("40.00", "USD"));
  }

  @Test
  void aProviderSnapshotOnAPlanNotSoldInTheOrganizationsCurrencyIsRefused() {
    clock.advance(Duration.ofMinutes(1));
    Instant now = clock.instant();
    assertRefused(globex, () -> billing.events().apply(Actor.provider("stripe"), new io.nobill.core.event.ProviderEvent.SubscriptionSnapshot(
        "evt_local", globex, "sub_local", now, io.nobill.core.subscription.SubscriptionStatus.ACTIVE, new PlanRef("local", 1), 1,
        new io.nobill.core.catalog.Period(now, now.plus(Duration.ofDays(30))), Optional.empty(), false)),
        "plan", "organization's currency USD");
  }
}
