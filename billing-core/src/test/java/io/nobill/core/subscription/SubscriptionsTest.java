package io.nobill.core.subscription;

import io.nobill.core.BillingInternals;


import io.nobill.core.payment.SimulatedCardCollector;import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.access.AccessDeniedException;
import io.nobill.core.access.Actor;
import io.nobill.core.Billing;
import io.nobill.core.event.BillingEvent;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.access.Role;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceLine;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.invoice.LineKind;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.rating.ProrationBehavior;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.tax.regional.RegionalTaxTable;
import io.nobill.core.testkit.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Subscription commands end to end through {@link Billing}, the engine and the outbox. */
class SubscriptionsTest {
  private final TestClock clock = TestClock.at("2026-01-01T09:00:00Z");
  private final List<BillingEvent> received = new CopyOnWriteArrayList<>();
  private final Billing billing = Billing.builder()
      .store(InMemoryBillingStore.create())
      .catalog(SeedCatalog.create("EUR"))
      .taxCalculator(RegionalTaxTable.builder().sellerCountry("DE").build())
      .subscriptions(SubscriptionSettings.defaults("pro"))
      .paymentCollector(new SimulatedCardCollector())
      .listener("test", received::add)
      .clock(clock)
      .idGenerator(IdGenerator.sequential())
      .build();
  private UserId owner;
  private Actor ownerActor;
  private OrgId org;

  @BeforeEach
  void provision() {
    owner = billing.ids().next(UserId::of);
    ownerActor = Actor.member(owner);
    org = billing.organizations().provision(ownerActor, new NewOrganization(Optional.empty(), "Acme", "billing@acme.example",
        "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, owner)).id();
  }

  private Subscription sub() {
    return billing.subscriptions().current(ownerActor, org).orElseThrow();
  }

  private List<Invoice> invoices() {
    return billing.invoices().list(ownerActor, org, Optional.empty(), Optional.empty(), 100);
  }

  private void convertTrial() {
    billing.subscriptions().attachPaymentMethod(ownerActor, org, "pm_card_visa");
    clock.advance(Duration.ofDays(14));
    billing.work().runDue();
  }

  @Test
  void aNewOrganizationTrialsProWithEntitlementsAndConvertsWithACard() {
    assertThat(sub().status()).isEqualTo(SubscriptionStatus.TRIALING);
    assertThat(billing.entitlements().snapshot(ownerActor, org).has("api_access")).isTrue();
    convertTrial();
    assertThat(sub().status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(invoices()).singleElement().satisfies(i -> assertThat(i.status()).isEqualTo(InvoiceStatus.PAID));
    billing.work().runDue();
    assertThat(received).extracting(e -> e.getClass().getSimpleName())
        .contains("SubscriptionActivated", "InvoiceFinalized", "InvoicePaid");
  }

  @Test
  void seatChangesAreProratedOnTheNextInvoice() {
    convertTrial();
    clock.advance(Duration.ofDays(10));
    billing.subscriptions().changeSeats(ownerActor, org, 3, ProrationBehavior.CREATE_PRORATIONS);
    assertThat(sub().seats()).isEqualTo(3);
    clock.set(sub().currentPeriod().end().plus(Duration.ofHours(1)));
    billing.work().runDue();
    Invoice renewal = invoices().get(1);
    assertThat(renewal.lines()).extracting(InvoiceLine::kind).contains(LineKind.PRORATION);
    assertThat(renewal.lines()).filteredOn(l -> l.kind() == LineKind.SEATS).singleElement()
        .satisfies(l -> assertThat(l.quantity()).isEqualByComparingTo("3"));
    assertThat(renewal.status()).isEqualTo(InvoiceStatus.PAID);
  }

  @Test
  void upgradesApplyNowAndDowngradesAtThePeriodEnd() {
    convertTrial();
    clock.advance(Duration.ofDays(5));
    billing.subscriptions().changePlan(ownerActor, org, SeedCatalog.ENTERPRISE, Subscriptions.ChangeTiming.DEFAULT,
        ProrationBehavior.ALWAYS_INVOICE);
    assertThat(sub().plan().key()).isEqualTo("enterprise");
    assertThat(invoices()).hasSize(2);
    assertThat(invoices().get(1).lines()).extracting(InvoiceLine::kind).containsOnly(LineKind.PRORATION);
    assertThat(invoices().get(1).status()).isEqualTo(InvoiceStatus.PAID);

    billing.subscriptions().changePlan(ownerActor, org, SeedCatalog.PRO, Subscriptions.ChangeTiming.DEFAULT,
        ProrationBehavior.CREATE_PRORATIONS);
    assertThat(sub().plan().key()).isEqualTo("enterprise");
    clock.set(sub().currentPeriod().end().plus(Duration.ofHours(1)));
    billing.work().runDue();
    assertThat(sub().plan().key()).isEqualTo("pro");
  }

  @Test
  void cancelAtPeriodEndCanBeResumedUntilThePeriodEnds() {
    convertTrial();
    billing.subscriptions().cancel(ownerActor, org, true, false);
    assertThat(sub().cancelAtPeriodEnd()).isTrue();
    billing.subscriptions().resume(ownerActor, org);
    assertThat(sub().cancelAtPeriodEnd()).isFalse();
    billing.subscriptions().cancel(ownerActor, org, true, false);
    clock.set(sub().currentPeriod().end().plus(Duration.ofHours(1)));
    billing.work().runDue();
    assertThat(sub().status()).isEqualTo(SubscriptionStatus.CANCELED);
    assertThat(billing.entitlements().snapshot(ownerActor, org).hasAccess()).isFalse();
    assertThatThrownBy(() -> billing.subscriptions().resume(ownerActor, org)).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> billing.subscriptions().cancel(ownerActor, org, false, false))
        .isInstanceOf(ConflictException.class).hasMessageContaining("canceled already");
  }

  @Test
  void cancelingNowWithCreditLeavesTheUnusedTimeAsCustomerCredit() {
    convertTrial();
    clock.advance(Duration.ofDays(15));
    billing.subscriptions().cancel(ownerActor, org, false, true);
    assertThat(sub().status()).isEqualTo(SubscriptionStatus.CANCELED);
    Money credit = billing.ledger().trialBalance(ownerActor, org)
        .net(io.nobill.core.ledger.AccountCode.CUSTOMER_CREDIT, Money.currency("EUR"));
    assertThat(credit.isPositive()).isTrue();
    assertThat(credit.isLessThan(Money.ofMajor("61.00", "EUR"))).isTrue();
  }

  @Test
  void periodsKeepTheAnchorsDayThroughShortMonths() {
    billing.subscriptions().attachPaymentMethod(ownerActor, org, "pm_card_visa");
    billing.subscriptions().cancel(ownerActor, org, false, false);
    clock.set(java.time.Instant.parse("2026-01-31T10:00:00Z"));
    billing.subscriptions().subscribe(ownerActor, org, SeedCatalog.PRO, 1);
    assertThat(sub().currentPeriod().end()).isEqualTo(java.time.Instant.parse("2026-02-28T10:00:00Z"));
    clock.set(java.time.Instant.parse("2026-02-28T11:00:00Z"));
    billing.work().runDue();
    assertThat(sub().currentPeriod()).isEqualTo(new io.nobill.core.catalog.Period(
        java.time.Instant.parse("2026-02-28T10:00:00Z"), java.time.Instant.parse("2026-03-31T10:00:00Z")));
    clock.set(java.time.Instant.parse("2026-03-31T11:00:00Z"));
    billing.work().runDue();
    assertThat(sub().currentPeriod().end()).isEqualTo(java.time.Instant.parse("2026-04-30T10:00:00Z"));
  }

  @Test
  void aCommandRepeatedWithItsRequestKeyRunsOnce() {
    convertTrial();
    Subscriptions once = billing.subscriptions().withRequestKey("req-42");
    once.changeSeats(ownerActor, org, 4, ProrationBehavior.ALWAYS_INVOICE);
    int invoicesAfterFirst = invoices().size();
    billing.subscriptions().changeSeats(ownerActor, org, 2, ProrationBehavior.NONE);
    // A retry of the first request, after another change: it must not set 4 seats again.
    once.changeSeats(ownerActor, org, 4, ProrationBehavior.ALWAYS_INVOICE);
    assertThat(sub().seats()).isEqualTo(2);
    assertThat(invoices()).hasSize(invoicesAfterFirst);
    assertThatThrownBy(() -> billing.subscriptions().withRequestKey(" "))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("requestKey"));
  }

  @Test
  void seatsCanFollowTheActiveMembers() {
    Billing following = Billing.builder().store(InMemoryBillingStore.create()).catalog(SeedCatalog.create("EUR"))
        .taxCalculator(io.nobill.core.spi.TaxCalculator.NONE)
        .subscriptions(SubscriptionSettings.defaults("pro").withSeatsFollowingMembers(true))
        .paymentCollector(new SimulatedCardCollector()).clock(clock).idGenerator(IdGenerator.sequential()).build();
    UserId anna = following.ids().next(UserId::of);
    Actor a = Actor.member(anna);
    OrgId o = following.organizations().provision(a, new NewOrganization(Optional.empty(), "Follow", "f@f.example", "DE",
        Optional.empty(), Money.currency("EUR"), Locale.GERMANY, anna)).id();
    following.organizations().addMember(a, o, following.ids().next(UserId::of), Role.MEMBER);
    assertThat(following.subscriptions().current(a, o).orElseThrow().seats()).isEqualTo(2);
    following.subscriptions().attachPaymentMethod(a, o, "pm_card_visa");
    clock.advance(Duration.ofDays(14));
    following.work().runDue();
    UserId third = following.ids().next(UserId::of);
    following.organizations().addMember(a, o, third, Role.MEMBER);
    following.organizations().addMember(a, o, following.ids().next(UserId::of), Role.MEMBER);
    assertThat(following.subscriptions().current(a, o).orElseThrow().seats()).isEqualTo(4);
    following.organizations().deactivate(a, o, third);
    Subscription s = following.subscriptions().current(a, o).orElseThrow();
    assertThat(s.seats()).isEqualTo(3);
    int pending = BillingInternals.of(following).store.inTenant(o, tx -> tx.subscriptions().schedule(s.id()).pendingProrations().size());
    assertThat(pending).isEqualTo(6);
  }

  @Test
  void aDetachedPaymentMethodLetsTheTrialEndCanceled() {
    billing.subscriptions().attachPaymentMethod(ownerActor, org, "pm_card_visa");
    clock.advance(Duration.ofSeconds(1));
    billing.subscriptions().detachPaymentMethod(ownerActor, org);
    clock.advance(Duration.ofDays(14));
    billing.work().runDue();
    assertThat(sub().status()).isEqualTo(SubscriptionStatus.CANCELED);
    assertThat(invoices()).isEmpty();
  }

  @Test
  void resumingAfterThePeriodEndedIsAConflict() {
    convertTrial();
    billing.subscriptions().cancel(ownerActor, org, true, false);
    clock.set(sub().currentPeriod().end().plusSeconds(1));
    assertThatThrownBy(() -> billing.subscriptions().resume(ownerActor, org))
        .isInstanceOf(ConflictException.class).hasMessageContaining("after its period ended");
    assertThat(sub().cancelAtPeriodEnd()).isTrue();
  }

  @Test
  void anIncompleteSubscriptionCannotChange() {
    Subscription trial = sub();
    billing.apply(Actor.provider("stripe"), new io.nobill.core.event.ProviderEvent.SubscriptionSnapshot("evt_incomplete", org,
        trial.providerId(), clock.instant().plusSeconds(1), SubscriptionStatus.INCOMPLETE, trial.plan(), 1,
        trial.currentPeriod(), Optional.empty(), false));
    assertThatThrownBy(() -> billing.subscriptions().changeSeats(ownerActor, org, 2, ProrationBehavior.NONE))
        .isInstanceOf(ConflictException.class).hasMessageContaining("incomplete");
    assertThat(sub().seats()).isEqualTo(1);
  }

  @Test
  void aPlanInAnotherCurrencyThanTheOrganizationsIsRefused() {
    io.nobill.core.catalog.Catalog both = io.nobill.core.catalog.Catalog.builder()
        .plan(io.nobill.core.catalog.Plan.builder("us", 1).name("US").currency("USD").monthly()
            .flatFee("base", "Base", Money.ofMajor("10.00", "USD")).build())
        .build();
    Billing usd = Billing.builder().store(InMemoryBillingStore.create()).catalog(both)
        .taxCalculator(io.nobill.core.spi.TaxCalculator.NONE).clock(clock).build();
    UserId u = usd.ids().next(UserId::of);
    OrgId eurOrg = usd.organizations().provision(Actor.member(u), new NewOrganization(Optional.empty(), "Euro", "a@b.example",
        "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, u)).id();
    assertThatThrownBy(() -> usd.subscriptions().subscribe(Actor.member(u), eurOrg, "us", 1))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("plan");
          assertThat(e.rule()).contains("currency EUR");
        });
    assertThat(usd.subscriptions().current(Actor.member(u), eurOrg)).isEmpty();
  }

  @Test
  void badCommandsAreRefusedAndChangeNothing() {
    assertThatThrownBy(() -> billing.subscriptions().subscribe(ownerActor, org, "gold", 1))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("plan"));
    assertThatThrownBy(() -> billing.subscriptions().changeSeats(ownerActor, org, 0, ProrationBehavior.NONE))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("seats"));
    assertThatThrownBy(() -> billing.subscriptions().changeSeats(ownerActor, org, 51, ProrationBehavior.NONE))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.rule()).contains("at most 50"));
    UserId member = billing.ids().next(UserId::of);
    billing.organizations().addMember(ownerActor, org, member, Role.MEMBER);
    assertThatThrownBy(() -> billing.subscriptions().changeSeats(Actor.member(member), org, 2, ProrationBehavior.NONE))
        .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.permission()).isEqualTo("billing.manage"));
    assertThat(sub().seats()).isEqualTo(1);
    assertThat(sub().plan().key()).isEqualTo("pro");
    assertThat(invoices()).isEmpty();
  }
  @Test
  void monthlyRecurringRevenueCountsPaidRecurringChargesOnly() {
    Money zero = Money.zero(Money.currency("EUR"));
    assertThat(billing.subscriptions().monthlyRecurringRevenue(ownerActor, org)).as("a trial").isEqualTo(zero);
    convertTrial();
    assertThat(billing.subscriptions().monthlyRecurringRevenue(ownerActor, org)).as("Pro, 1 seat")
        .isEqualTo(Money.ofMajor("61.00", "EUR"));
    billing.subscriptions().changeSeats(ownerActor, org, 4, ProrationBehavior.CREATE_PRORATIONS);
    assertThat(billing.subscriptions().monthlyRecurringRevenue(ownerActor, org)).as("49 + 4 x 12, no usage, no tax")
        .isEqualTo(Money.ofMajor("97.00", "EUR"));
    UserId member = billing.ids().next(UserId::of);
    billing.organizations().addMember(ownerActor, org, member, Role.MEMBER);
    assertThatThrownBy(() -> billing.subscriptions().monthlyRecurringRevenue(Actor.member(member), org))
        .isInstanceOf(AccessDeniedException.class);
    billing.subscriptions().cancel(ownerActor, org, false, false);
    assertThat(billing.subscriptions().monthlyRecurringRevenue(ownerActor, org)).as("canceled").isEqualTo(zero);
  }

  @Test
  void monthlyRecurringRevenueTakesDiscountsThatStillApplyAndLeavesOutTheMinimumSpend() {
    io.nobill.core.catalog.Discount.Percent deal = new io.nobill.core.catalog.Discount.Percent("deal", "Deal",
        new java.math.BigDecimal("20"), io.nobill.core.catalog.DiscountDuration.forever());
    io.nobill.core.catalog.Discount.Amount welcome = new io.nobill.core.catalog.Discount.Amount("welcome", "Welcome",
        Money.ofMajor("10.00", "EUR"), io.nobill.core.catalog.DiscountDuration.once());
    billing.overrides().setPricing(Actor.operator("sales"), org, new io.nobill.core.catalog.PricingOverrides(
        java.util.Map.of(), List.of(welcome, deal), Optional.of(Money.ofMajor("500.00", "EUR"))));
    convertTrial();   // the first invoice uses the once-only discount up
    // Pro, 1 seat: 61.00; 20% off forever: 48.80. The minimum spend's true-up is not recurring.
    assertThat(billing.subscriptions().monthlyRecurringRevenue(ownerActor, org)).isEqualTo(Money.ofMajor("48.80", "EUR"));
  }

  @Test
  void aDiscountInMonthlyRecurringRevenueTakesNothingOffUsageAndNeverGoesBelowZero() {
    io.nobill.core.catalog.Catalog tiered = io.nobill.core.catalog.Catalog.builder()
        .meter(new io.nobill.core.catalog.Meter("calls", "Calls", "call", io.nobill.core.catalog.Aggregation.SUM))
        .plan(io.nobill.core.catalog.Plan.builder("tiered", 1).name("Tiered").currency("EUR").monthly().trialDays(14)
            .flatFee("base", "Base", Money.ofMajor("10.00", "EUR"))
            // A first tier with a flat fee is charged even at zero usage: not recurring revenue.
            .metered("calls", "Calls", "calls", io.nobill.core.catalog.PricingModel.graduated(
                io.nobill.core.catalog.Tier.upTo(1000, "0", "500"), io.nobill.core.catalog.Tier.rest("1")))
            .build())
        .build();
    Billing b = billingOn(tiered, "tiered");
    UserId u = b.ids().next(UserId::of);
    OrgId o = trialWithCard(b, u);
    b.overrides().setPricing(Actor.operator("sales"), o, new io.nobill.core.catalog.PricingOverrides(java.util.Map.of(),
        List.of(new io.nobill.core.catalog.Discount.Amount("big", "Big", Money.ofMajor("12.00", "EUR"),
            io.nobill.core.catalog.DiscountDuration.forever())), Optional.empty()));
    endTrial(b);
    // 10.00 recurring; the 12.00 discount takes at most what is recurring: zero, not -2.00.
    assertThat(b.subscriptions().monthlyRecurringRevenue(Actor.member(u), o)).isEqualTo(Money.ofMajor("0.00", "EUR"));
  }

  @Test
  void monthlyRecurringRevenueOfAYearlyPlanIsATwelfthRoundedOnce() {
    io.nobill.core.catalog.Catalog yearly = io.nobill.core.catalog.Catalog.builder()
        .plan(io.nobill.core.catalog.Plan.builder("annual", 1).name("Annual").currency("EUR").yearly().trialDays(14)
            .flatFee("base", "Annual fee", Money.ofMajor("1000.00", "EUR")).build())
        .build();
    Billing b = billingOn(yearly, "annual");
    UserId u = b.ids().next(UserId::of);
    OrgId o = trialWithCard(b, u);
    endTrial(b);
    assertThat(b.subscriptions().current(Actor.member(u), o).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);
    // 100,000 cents / 12 = 8,333.33…, rounded half up once.
    assertThat(b.subscriptions().monthlyRecurringRevenue(Actor.member(u), o)).isEqualTo(Money.ofMajor("83.33", "EUR"));
  }

  /** A billing on its own store, with {@code catalog} and a trial of {@code trialPlan}. */
  private Billing billingOn(io.nobill.core.catalog.Catalog catalog, String trialPlan) {
    return Billing.builder().store(InMemoryBillingStore.create()).catalog(catalog)
        .taxCalculator(io.nobill.core.spi.TaxCalculator.NONE).subscriptions(SubscriptionSettings.defaults(trialPlan))
        .paymentCollector(new SimulatedCardCollector()).clock(clock).build();
  }

  /** An organization owned by {@code owner}, on its trial, with a card that pays. */
  private static OrgId trialWithCard(Billing b, UserId owner) {
    OrgId o = b.organizations().provision(Actor.member(owner), new NewOrganization(Optional.empty(), "Org", "a@b.example",
        "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, owner)).id();
    b.subscriptions().attachPaymentMethod(Actor.member(owner), o, "pm_card_visa");
    return o;
  }

  /** Moves past the 14-day trial and runs the work: the trial converts and is invoiced. */
  private void endTrial(Billing b) {
    clock.advance(Duration.ofDays(14));
    b.work().runDue();
  }
}
