package io.nobill.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.access.Actor;
import io.nobill.core.Billing;
import io.nobill.core.error.BillingException;
import io.nobill.core.catalog.BillingTiming;
import io.nobill.core.catalog.Discount;
import io.nobill.core.catalog.DiscountDuration;
import io.nobill.core.catalog.Price;
import io.nobill.core.catalog.PricingModel;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.event.ProviderEvent;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.rating.ProrationBehavior;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.payment.SimulatedCardCollector;
import io.nobill.core.subscription.Subscription;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.subscription.SubscriptionStatus;
import io.nobill.core.subscription.Subscriptions;
import io.nobill.core.tax.regional.RegionalTaxTable;
import io.nobill.core.usage.UsageEvent;
import io.nobill.core.work.SweepOutcome;
import io.nobill.core.work.WorkSummary;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Nothing a caller is allowed to write can stop billing later. Random sequences of commands —
 * plans, seats, cancellations, pricing overrides, provider snapshots, usage, payment methods,
 * with values from the ordinary to the hostile (seat counts past every limit, prices and
 * quantities near every bound, other currencies) — run across several organizations; each is
 * either refused with a typed error or accepted. Then a year of daily sweeps runs: no sweep
 * item may fail, and every organization ends invoiced up to date, or in a defined dunning or
 * ended state, with balanced books and an intact audit trail.
 */
public abstract class AcceptedCommandsContract {
  private static final Actor JOB = Actor.job("test");
  private static final Actor OPERATOR = Actor.operator("ops@nobill.example");
  private static final String[] PLANS = {SeedCatalog.STARTER, SeedCatalog.PRO, SeedCatalog.ENTERPRISE, "gold"};
  private static final int[] SEATS = {0, 1, 2, 5, 50, 51, 1_000, 1_000_000, Integer.MAX_VALUE};
  private static final String[] CARDS = {"pm_card_visa", "pm_card_chargeDeclined", "pm_card_amex"};

  protected abstract BillingStore newStore();

  /** How many random histories to try; each is a year of billing. */
  protected int tries() {
    return 12;
  }

  @Test
  void aYearOfSweepsAfterAnyAcceptedCommandsNeverFails() {
    for (int seed = 1; seed <= tries(); seed++) {
      history(seed);
    }
  }

  private Billing billing(TestClock clock) {
    return Billing.builder().store(newStore()).catalog(SeedCatalog.create("EUR"))
        .taxCalculator(RegionalTaxTable.builder().sellerCountry("DE").build())
        .subscriptions(SubscriptionSettings.defaults(SeedCatalog.PRO)).paymentCollector(new SimulatedCardCollector())
        .clock(clock).idGenerator(IdGenerator.timeOrdered(clock)).build();
  }

  private static OrgId provision(Billing billing, Actor owner, UserId user) {
    return billing.organizations().provision(owner, new NewOrganization(Optional.empty(), "Acme GmbH",
        "billing@acme.example", "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, user)).id();
  }

  @Test
  void pricingOverridesThatWouldBreakALaterRenewalAreRefusedAndNothingIsWritten() {
    TestClock clock = TestClock.at("2026-01-01T09:00:00Z");
    Billing billing = billing(clock);
    UserId user = billing.ids().next(UserId::of);
    OrgId org = provision(billing, Actor.member(user), user);
    billing.subscriptions().attachPaymentMethod(Actor.member(user), org, "pm_card_visa");
    clock.advance(Duration.ofDays(14));
    billing.work().runDue();
    int entries = billing.audit().query(OPERATOR, org, io.nobill.core.audit.AuditQuery.ALL, 0, 1000).size();
    Map<String, PricingOverrides> refused = Map.of(
        "customPrices", new PricingOverrides(Map.of("base", new Price.FlatFee("base", "Base", Money.ofMajor("10.00", "USD"),
            BillingTiming.IN_ADVANCE)), List.of(), Optional.empty()),
        "customPrices ", new PricingOverrides(Map.of("gold", new Price.FlatFee("gold", "Gold", Money.ofMajor("1.00", "EUR"),
            BillingTiming.IN_ADVANCE)), List.of(), Optional.empty()),
        "discounts", new PricingOverrides(Map.of(), List.of(new Discount.Amount("off", "Off", Money.ofMajor("5.00", "USD"),
            DiscountDuration.forever())), Optional.empty()),
        "minimumSpend", new PricingOverrides(Map.of(), List.of(), Optional.of(Money.ofMajor("100.00", "GBP"))),
        "customPrices  ", new PricingOverrides(Map.of("seats", new Price.PerSeat("seats", "Seats",
            PricingModel.perUnit("1" + "0".repeat(30)), 0)), List.of(), Optional.empty()));
    refused.forEach((field, overrides) -> {
      assertThatThrownBy(() -> billing.overrides().setPricing(OPERATOR, org, overrides))
          .as(field).isInstanceOfSatisfying(io.nobill.core.error.InvalidRequestException.class,
              e -> assertThat(e.field()).isEqualTo(field.strip()));
    });
    assertThat(billing.overrides().pricing(JOB, org)).isEqualTo(PricingOverrides.NONE);
    assertThat(billing.audit().query(OPERATOR, org, io.nobill.core.audit.AuditQuery.ALL, 0, 1000)).hasSize(entries);
    // A deal that fits is taken, and the renewals go on.
    PricingOverrides deal = new PricingOverrides(Map.of("base", new Price.FlatFee("base", "Base", Money.ofMajor("29.00", "EUR"),
        BillingTiming.IN_ADVANCE)), List.of(), Optional.empty());
    billing.overrides().setPricing(OPERATOR, org, deal);
    clock.advance(Duration.ofDays(32));
    requireNoFailure(billing.work().runDue(), 0, clock.instant());
    assertThat(billing.invoices().list(JOB, org, Optional.empty(), Optional.empty(), 10)).hasSize(2);
  }

  @Test
  void accessEndsOnceAPeriodEndsUnrenewedAndItsGracePassesWhateverTheReason() {
    TestClock clock = TestClock.at("2026-01-01T09:00:00Z");
    Billing billing = billing(clock);
    UserId user = billing.ids().next(UserId::of);
    OrgId org = provision(billing, Actor.member(user), user);
    Instant trialEnd = billing.subscriptions().current(JOB, org).orElseThrow().trialEnd().orElseThrow();
    // Nothing renews it: no sweep runs (the scheduler is down, or every renewal fails).
    Duration grace = SubscriptionSettings.defaults(SeedCatalog.PRO).gracePeriod()
        .plus(SubscriptionSettings.defaults(SeedCatalog.PRO).invoiceDelay());
    clock.set(trialEnd.plus(grace).minusNanos(1));
    assertThat(billing.entitlements().check(JOB, org, SeedCatalog.API_CALLS, BigDecimal.ONE).allowed()).isTrue();
    clock.set(trialEnd.plus(grace));
    assertThat(billing.entitlements().check(JOB, org, SeedCatalog.API_CALLS, BigDecimal.ONE))
        .isInstanceOfSatisfying(io.nobill.core.entitlement.Decision.Denied.class,
            d -> assertThat(d.reason()).isEqualTo(io.nobill.core.entitlement.Decision.Reason.NO_ACCESS));
    assertThat(billing.usage().record(JOB, org, UsageEvent.of(SeedCatalog.API_CALLS, "late", clock.instant(),
        BigDecimal.ONE))).isInstanceOf(io.nobill.core.usage.UsageResult.Rejected.class);
    // The same for an active subscription whose period ended unrenewed.
    billing.subscriptions().attachPaymentMethod(Actor.member(user), org, "pm_card_visa");
    TestClock other = TestClock.at("2026-01-01T09:00:00Z");
    Billing second = billing(other);
    UserId user2 = second.ids().next(UserId::of);
    OrgId active = provision(second, Actor.member(user2), user2);
    second.subscriptions().attachPaymentMethod(Actor.member(user2), active, "pm_card_visa");
    other.advance(Duration.ofDays(14));
    second.work().runDue();
    Subscription sub = second.subscriptions().current(JOB, active).orElseThrow();
    assertThat(sub.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    other.set(sub.currentPeriod().end().plus(grace).minusNanos(1));
    assertThat(second.entitlements().check(JOB, active, SeedCatalog.API_CALLS, BigDecimal.ONE).allowed()).isTrue();
    other.set(sub.currentPeriod().end().plus(grace));
    assertThat(second.entitlements().check(JOB, active, SeedCatalog.API_CALLS, BigDecimal.ONE).allowed()).isFalse();
    // Once the renewal runs, access comes back with the new period.
    second.work().runDue();
    assertThat(second.entitlements().check(JOB, active, SeedCatalog.API_CALLS, BigDecimal.ONE).allowed()).isTrue();
  }

  private void history(long seed) {
    Random random = new Random(seed);
    TestClock clock = TestClock.at("2026-01-01T09:00:00Z");
    Billing billing = Billing.builder().store(newStore()).catalog(SeedCatalog.create("EUR"))
        .taxCalculator(RegionalTaxTable.builder().sellerCountry("DE").build())
        .subscriptions(SubscriptionSettings.defaults(SeedCatalog.PRO)).paymentCollector(new SimulatedCardCollector())
        .clock(clock).idGenerator(IdGenerator.timeOrdered(clock)).build();
    List<OrgId> orgs = new ArrayList<>();
    List<Actor> owners = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      UserId owner = billing.ids().next(UserId::of);
      owners.add(Actor.member(owner));
      orgs.add(billing.organizations().provision(Actor.member(owner), new NewOrganization(Optional.empty(), "Org " + i,
          "billing@org" + i + ".example", "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, owner)).id());
    }
    List<Consumer<Integer>> commands = commands(billing, random, orgs, owners, clock);
    int accepted = 0;
    for (int step = 0; step < 60; step++) {
      clock.advance(Duration.ofMinutes(random.nextInt(3 * 24 * 60)));
      int org = random.nextInt(orgs.size());
      try {
        commands.get(random.nextInt(commands.size())).accept(org);
        accepted++;
      } catch (BillingException refused) {
        // a typed refusal writes nothing; what matters is that what was accepted can be billed
      }
      if (random.nextInt(4) == 0) {
        requireNoFailure(billing.work().runDue(), seed, clock.instant());
      }
    }
    assertThat(accepted).as("seed %s accepted commands", seed).isPositive();

    Instant end = clock.instant().plus(Duration.ofDays(366));
    while (clock.instant().isBefore(end)) {
      clock.advance(Duration.ofDays(1));
      requireNoFailure(billing.work().runDue(), seed, clock.instant());
    }
    Instant now = clock.instant();
    for (OrgId org : orgs) {
      Subscription sub = billing.subscriptions().current(JOB, org).orElseThrow();
      switch (sub.status()) {
        // Renewed up to date: the current period has not ended, or ended within the last day.
        case ACTIVE -> assertThat(sub.currentPeriod().end()).as("seed %s: %s renewed", seed, sub)
            .isAfter(now.minus(Duration.ofDays(1)));
        case PAST_DUE, UNPAID, CANCELED, INCOMPLETE, INCOMPLETE_EXPIRED, PAUSED -> { }
        case TRIALING -> throw new AssertionError("seed " + seed + ": a trial outlived a year of sweeps: " + sub);
      }
      assertThat(billing.ledger().trialBalance(JOB, org).isBalanced()).as("seed %s books", seed).isTrue();
      assertThat(billing.audit().verify(OPERATOR, org).intact()).as("seed %s audit", seed).isTrue();
    }
  }

  private static void requireNoFailure(WorkSummary summary, long seed, Instant at) {
    for (SweepOutcome outcome : summary.outcomes()) {
      assertThat(outcome.failure()).as("seed %s at %s: sweep %s threw", seed, at, outcome.sweep()).isEmpty();
      outcome.result().ifPresent(r -> assertThat(r.failed()).as("seed %s at %s: items of %s failed", seed, at,
          outcome.sweep()).isZero());
    }
  }

  private static List<Consumer<Integer>> commands(Billing billing, Random random, List<OrgId> orgs, List<Actor> owners,
      TestClock clock) {
    Subscriptions subs = billing.subscriptions();
    List<Consumer<Integer>> commands = new ArrayList<>();
    commands.add(i -> subs.subscribe(owners.get(i), orgs.get(i), pick(random, PLANS), pick(random, SEATS)));
    commands.add(i -> subs.changeSeats(owners.get(i), orgs.get(i), pick(random, SEATS), pick(random, ProrationBehavior.values())));
    commands.add(i -> subs.changePlan(owners.get(i), orgs.get(i), pick(random, PLANS),
        pick(random, Subscriptions.ChangeTiming.values()), pick(random, ProrationBehavior.values())));
    commands.add(i -> subs.cancel(owners.get(i), orgs.get(i), random.nextBoolean(), random.nextBoolean()));
    commands.add(i -> subs.resume(owners.get(i), orgs.get(i)));
    commands.add(i -> subs.attachPaymentMethod(owners.get(i), orgs.get(i), pick(random, CARDS)));
    commands.add(i -> subs.attachPaymentMethod(owners.get(i), orgs.get(i), pick(random, CARDS)));
    commands.add(i -> subs.detachPaymentMethod(owners.get(i), orgs.get(i)));
    commands.add(i -> billing.overrides().setPricing(OPERATOR, orgs.get(i), overrides(random)));
    commands.add(i -> {
      List<UsageEvent> events = new ArrayList<>();
      for (int k = random.nextInt(20); k >= 0; k--) {
        String quantity = pick(random, new String[] {"1", "250000", "1000000000000", "9".repeat(18), "0.000000000001"});
        events.add(UsageEvent.of(pick(random, new String[] {SeedCatalog.API_CALLS, SeedCatalog.STORAGE_GB}),
            "e" + random.nextLong(), clock.instant().minusSeconds(random.nextInt(3600)), new BigDecimal(quantity)));
      }
      billing.usage().recordAll(JOB, orgs.get(i), events);
    });
    commands.add(i -> {
      // The provider's word on the subscription: any plan, seats and period, stamped within
      // minutes of the clock either way.
      Subscription sub = subs.current(JOB, orgs.get(i)).orElseThrow();
      Instant start = clock.instant().minus(Duration.ofDays(random.nextInt(40)));
      billing.apply(Actor.provider("authority"), new ProviderEvent.SubscriptionSnapshot("evt_" + random.nextLong(),
          orgs.get(i), sub.providerId(), clock.instant().plusSeconds(random.nextInt(600) - 300),
          pick(random, new SubscriptionStatus[] {SubscriptionStatus.ACTIVE, SubscriptionStatus.PAST_DUE, sub.status()}),
          billing.catalog().latest(pick(random, new String[] {SeedCatalog.STARTER, SeedCatalog.PRO, SeedCatalog.ENTERPRISE}))
              .orElseThrow().ref(), Math.max(1, pick(random, SEATS)),
          new io.nobill.core.catalog.Period(start, start.plus(Duration.ofDays(1 + random.nextInt(31)))), sub.trialEnd(),
          random.nextBoolean()));
    });
    return commands;
  }

  private static PricingOverrides overrides(Random random) {
    String currency = random.nextInt(4) == 0 ? "USD" : "EUR";
    Map<String, Price> prices = new java.util.HashMap<>();
    String amount = pick(random, new String[] {"0.00", "1.00", "999999.99", "90000000000.00", "92233720368547758.07"});
    switch (random.nextInt(5)) {
      case 0 -> prices.put("base", new Price.FlatFee("base", "Base", Money.ofMajor(amount, currency), BillingTiming.IN_ADVANCE));
      case 1 -> prices.put("seats", new Price.PerSeat("seats", "Seats", PricingModel.perUnit(
          pick(random, new String[] {"0", "100", "1000000000000", "1" + "0".repeat(30)})), random.nextInt(3)));
      case 2 -> prices.put("api_calls", new Price.Metered("api_calls", "Calls", "api_calls",
          PricingModel.perUnit(pick(random, new String[] {"0.01", "5", "1" + "0".repeat(20)}))));
      case 3 -> prices.put("gold", new Price.FlatFee("gold", "Gold", Money.ofMajor("1.00", currency), BillingTiming.IN_ADVANCE));
      default -> { }
    }
    List<Discount> discounts = random.nextBoolean() ? List.of()
        : List.of(new Discount.Amount("off", "Off", Money.ofMajor(amount.equals("0.00") ? "1.00" : amount, currency),
            DiscountDuration.repeating(1 + random.nextInt(3))));
    Optional<Money> minimum = random.nextInt(3) == 0 ? Optional.of(Money.ofMajor("1.00".equals(amount) ? "5.00" : "100.00",
        currency)) : Optional.empty();
    return new PricingOverrides(prices, discounts, minimum);
  }

  private static int pick(Random random, int[] values) {
    return values[random.nextInt(values.length)];
  }

  private static <T> T pick(Random random, T[] values) {
    return values[random.nextInt(values.length)];
  }
}
