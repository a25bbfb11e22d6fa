package io.nobill.core.testkit;

import io.nobill.core.BillingInternals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.access.Actor;
import io.nobill.core.Billing;
import io.nobill.core.event.BillingEvent;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.catalog.Aggregation;
import io.nobill.core.catalog.Catalog;
import io.nobill.core.catalog.Meter;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.PricingModel;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.entitlement.Decision;
import io.nobill.core.entitlement.EntitlementSnapshot;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceLine;
import io.nobill.core.invoice.LineKind;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.payment.SimulatedCardCollector;
import io.nobill.core.subscription.Subscription;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.subscription.SubscriptionStatus;
import io.nobill.core.subscription.Subscriptions;
import io.nobill.core.tax.regional.RegionalTaxTable;
import io.nobill.core.usage.LateEventPolicy;
import io.nobill.core.usage.UsageSettings;
import io.nobill.core.usage.Usage;
import io.nobill.core.usage.UsageEvent;
import io.nobill.core.usage.UsageRecord;
import io.nobill.core.rating.Rating;
import io.nobill.core.usage.UsageResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Usage metering over a store: per-event answers of batches, the validation of every field,
 * exact totals per period for every aggregation, cancellation, late events, usage reaching
 * the renewal invoice, quota warnings, isolation between organizations and concurrent
 * ingestion. Billing runs end to end over the store under test: organizations are
 * provisioned and get a trial (of the seed Pro plan, or of a plan pricing one meter of each
 * aggregation), renewals and outbox delivery run through {@code billing.work()}.
 */
public abstract class UsageContract {
  protected static final Actor JOB = Actor.job("metering");
  protected static final String API = SeedCatalog.API_CALLS;

  /** The meters of {@link #aggregationCatalog()}, one per aggregation. */
  public static final String CALLS = "calls";
  public static final String REQUESTS = "requests";
  public static final String PEAK = "peak_gb";
  public static final String GAUGE = "gauge";
  public static final String USERS = "active_users";
  public static final String METERED = "metered";

  protected abstract BillingStore newStore();

  protected TestClock clock;
  protected BillingStore store;
  protected Billing billing;
  protected final List<BillingEvent> received = new CopyOnWriteArrayList<>();
  protected OrgId acme;

  @BeforeEach
  void setUpUsage() {
    clock = TestClock.at("2026-01-01T09:00:00Z");
    store = newStore();
    billing = billing(store, clock, SeedCatalog.create("EUR"), Optional.of(SeedCatalog.PRO));
    acme = provision(billing, "Acme");
  }

  /**
   * A catalog with one meter of each aggregation and a monthly plan with a 14-day trial
   * pricing all of them at one cent a unit.
   */
  public static Catalog aggregationCatalog() {
    Plan.Builder plan = Plan.builder(METERED, 1).name("Metered").currency("EUR").monthly().trialDays(14)
        .flatFee("base", "Base fee", Money.ofMajor("10.00", "EUR"));
    Catalog.Builder catalog = Catalog.builder();
    Object[][] meters = {
        {CALLS, Aggregation.SUM}, {REQUESTS, Aggregation.COUNT}, {PEAK, Aggregation.MAX}, {GAUGE, Aggregation.LAST},
        {USERS, Aggregation.UNIQUE_COUNT}};
    for (Object[] m : meters) {
      String key = (String) m[0];
      catalog.meter(new Meter(key, key, "unit", (Aggregation) m[1]));
      plan.metered(key, key, key, PricingModel.perUnit("1"));
    }
    return catalog.plan(plan.build()).build();
  }

  /** Billing over {@code store}; with a trial plan, every provisioned organization trials it. */
  protected Billing billing(BillingStore over, TestClock at, Catalog catalog, Optional<String> trialPlan) {
    Billing.Builder b = Billing.builder()
        .store(over)
        .catalog(catalog)
        .taxCalculator(RegionalTaxTable.builder().sellerCountry("DE").build())
        .paymentCollector(new SimulatedCardCollector())
        .listener("test", received::add)
        .clock(at)
        .idGenerator(IdGenerator.sequential());
    trialPlan.ifPresent(p -> b.subscriptions(SubscriptionSettings.defaults(p)));
    return b.build();
  }

  protected static OrgId provision(Billing b, String name) {
    UserId owner = b.ids().next(UserId::of);
    return b.organizations().provision(Actor.member(owner), new NewOrganization(Optional.empty(), name,
        "billing@acme.example", "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, owner)).id();
  }

  protected static UsageEvent api(String key, long quantity, Instant at) {
    return UsageEvent.of(API, key, at, BigDecimal.valueOf(quantity));
  }

  protected static UsageEvent event(String meter, String key, Instant at, String quantity) {
    return UsageEvent.of(meter, key, at, new BigDecimal(quantity));
  }

  protected static UsageEvent user(String key, Instant at, String value) {
    return new UsageEvent(USERS, key, at, BigDecimal.ONE, Optional.of(value), Map.of());
  }

  protected static Subscription subscription(Billing b, OrgId org) {
    return b.subscriptions().current(JOB, org).orElseThrow();
  }

  protected Period period() {
    return subscription(billing, acme).currentPeriod();
  }

  protected static BigDecimal total(Billing b, OrgId org, Period period, String meter) {
    return b.usage().totals(JOB, org, period).get(meter);
  }

  protected BigDecimal apiCalls(Period p) {
    return total(billing, acme, p, API);
  }

  protected Optional<UsageRecord> find(BillingStore in, OrgId org, String key) {
    return in.inTenant(org, tx -> tx.usage().find(key));
  }

  protected static UsageResult record(Billing b, OrgId org, UsageEvent e) {
    return b.usage().record(JOB, org, e);
  }

  /** Attaches a card and lets the trial end: the first paid period starts 14 days after provisioning. */
  protected static void convertTrial(Billing b, TestClock at, OrgId org) {
    b.subscriptions().attachPaymentMethod(JOB, org, "pm_card_visa");
    at.set(subscription(b, org).trialEnd().orElseThrow());
    b.work().runDue();
    assertThat(subscription(b, org).status()).isEqualTo(SubscriptionStatus.ACTIVE);
  }

  /** Moves past the current period's invoice delay and runs the renewal sweep. */
  protected static void renew(Billing b, TestClock at, OrgId org) {
    at.set(subscription(b, org).currentPeriod().end().plus(Duration.ofHours(1)));
    b.work().runDue();
  }

  protected static List<Invoice> invoices(Billing b, OrgId org) {
    return b.invoices().list(JOB, org, Optional.empty(), Optional.empty(), 100);
  }

  protected static InvoiceLine usageLine(Invoice invoice) {
    List<InvoiceLine> lines = invoice.lines().stream().filter(l -> l.kind() == LineKind.USAGE).toList();
    assertThat(lines).hasSize(1);
    return lines.get(0);
  }

  // ---- per-event answers -------------------------------------------------------------------

  @Test
  void aMixedBatchAnswersAcceptedDuplicateOrRejectedPerEventInOrder() {
    Instant now = clock.instant();
    assertThat(record(billing, acme, api("seen", 1, now))).isEqualTo(new UsageResult.Accepted("seen"));

    List<UsageResult> results = billing.usage().recordAll(JOB, acme, List.of(
        api("a", 10, now),
        api("b", 20, now.minusSeconds(60)),
        api("a", 999, now),
        UsageEvent.of("fax_pages", "c", now, BigDecimal.ONE),
        api("seen", 999, now),
        api("d", -1, now),
        api("e", 40, now)));

    assertThat(results).hasSize(7);
    assertThat(results.get(0)).isEqualTo(new UsageResult.Accepted("a"));
    assertThat(results.get(1)).isEqualTo(new UsageResult.Accepted("b"));
    assertThat(results.get(2)).isEqualTo(new UsageResult.Duplicate("a"));
    assertThat(results.get(3)).isInstanceOfSatisfying(UsageResult.Rejected.class,
        r -> assertThat(r.field()).isEqualTo("meter"));
    assertThat(results.get(4)).isEqualTo(new UsageResult.Duplicate("seen"));
    assertThat(results.get(5)).isInstanceOfSatisfying(UsageResult.Rejected.class,
        r -> assertThat(r.field()).isEqualTo("quantity"));
    assertThat(results.get(6)).isEqualTo(new UsageResult.Accepted("e"));
    // The duplicates' quantities (999) count nowhere: only the first of each key does.
    assertThat(apiCalls(period())).isEqualByComparingTo("71");
    assertThat(find(store, acme, "a").orElseThrow().quantity()).isEqualByComparingTo("10");
    assertThat(find(store, acme, "c")).isEmpty();
    assertThat(find(store, acme, "d")).isEmpty();

    // The same batch again: every valid event is a duplicate now, the bad ones are still rejected.
    List<UsageResult> again = billing.usage().recordAll(JOB, acme, List.of(
        api("a", 10, now), api("b", 20, now), UsageEvent.of("fax_pages", "c", now, BigDecimal.ONE), api("e", 40, now)));
    assertThat(again).extracting(r -> r.getClass().getSimpleName())
        .containsExactly("Duplicate", "Duplicate", "Rejected", "Duplicate");
    assertThat(apiCalls(period())).isEqualByComparingTo("71");
  }

  @Test
  void aRejectedEventLeavesItsKeyFreeForACorrectedEvent() {
    Instant now = clock.instant();
    assertThat(record(billing, acme, api("k", -5, now))).isInstanceOf(UsageResult.Rejected.class);
    assertThat(record(billing, acme, api("k", 5, now))).isEqualTo(new UsageResult.Accepted("k"));
    assertThat(apiCalls(period())).isEqualByComparingTo("5");
  }

  @Test
  void aKeyRepeatedInOneBatchIsCountedOnce() {
    Instant now = clock.instant();
    List<UsageResult> results = billing.usage().recordAll(JOB, acme,
        List.of(api("x", 3, now), api("x", 3, now), api("x", 3, now)));
    assertThat(results).containsExactly(new UsageResult.Accepted("x"), new UsageResult.Duplicate("x"),
        new UsageResult.Duplicate("x"));
    assertThat(apiCalls(period())).isEqualByComparingTo("3");
  }

  // ---- validation ----------------------------------------------------------------------------

  /** Records {@code e} alone and asserts it was rejected for {@code field}, breaking a rule that mentions {@code rule}, and counted nowhere. */
  private void assertRejected(Billing b, OrgId org, UsageEvent e, String field, String rule) {
    Period p = subscription(b, org).currentPeriod();
    Map<String, BigDecimal> before = b.usage().totals(JOB, org, p);
    UsageResult result = record(b, org, e);
    assertThat(result).isInstanceOfSatisfying(UsageResult.Rejected.class, r -> {
      assertThat(r.idempotencyKey()).isEqualTo(e.idempotencyKey());
      assertThat(r.field()).isEqualTo(field);
      assertThat(r.rule()).contains(rule);
    });
    assertThat(b.usage().totals(JOB, org, p)).isEqualTo(before);
    assertThat(find(BillingInternals.of(b).store, org, e.idempotencyKey())).isEmpty();
  }

  private void assertRejected(UsageEvent e, String field, String rule) {
    assertRejected(billing, acme, e, field, rule);
  }

  @Test
  void anUnknownMeterIsRejected() {
    assertRejected(UsageEvent.of("fax_pages", "k1", clock.instant(), BigDecimal.ONE), "meter", "fax_pages");
  }

  @Test
  void quantitiesMustBePlainNonNegativeAndBounded() {
    Instant now = clock.instant();
    assertRejected(api("neg", -1, now), "quantity", "negative");
    assertRejected(UsageEvent.of(API, "huge", now, new BigDecimal("1" + "0".repeat(39))), "quantity", "18 integer");
    assertRejected(UsageEvent.of(API, "fine", now, new BigDecimal("0.0000000000001")), "quantity", "12 fraction");
    // The bounds themselves are accepted: 18 integer digits, 12 fraction digits; trailing zeros
    // do not count. (On a meter the plan does not price: on a priced one, the charge they make
    // decides too, see below.)
    assertThat(record(billing, acme, UsageEvent.of(SeedCatalog.STORAGE_GB, "max-int", now, new BigDecimal("9".repeat(18)))))
        .isInstanceOf(UsageResult.Accepted.class);
    assertThat(record(billing, acme, UsageEvent.of(API, "max-frac", now, new BigDecimal("0.000000000001000"))))
        .isInstanceOf(UsageResult.Accepted.class);
  }

  @Test
  void usageThatWouldMakeItsPeriodUninvoiceableIsRefusedPerEventAndTheRenewalStillRuns() {
    convertTrial(billing, clock, acme);
    Instant now = clock.instant();
    // Pro prices calls past a million at 0.04 cents: 10^12 calls are 4 * 10^10 cents, so about
    // 250 such events fit under Rating.MAX_CHARGE (10^13); a batch of 300 and events at the
    // per-event bound must not make the period's invoice overflow.
    List<UsageEvent> batch = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      batch.add(UsageEvent.of(API, "big-" + i, now, new BigDecimal("1000000000000")));
    }
    batch.add(UsageEvent.of(API, "at-bound", now, new BigDecimal("9".repeat(18))));
    List<UsageResult> results = billing.usage().recordAll(JOB, acme, batch);
    int accepted = (int) results.stream().filter(UsageResult.Accepted.class::isInstance).count();
    assertThat(accepted).isBetween(240, 260);
    // Equal events: the ones that fit come first, every other is refused naming the quantity.
    assertThat(results.subList(0, accepted)).allSatisfy(r -> assertThat(r).isInstanceOf(UsageResult.Accepted.class));
    assertThat(results.subList(accepted, results.size())).allSatisfy(r -> assertThat(r)
        .isInstanceOfSatisfying(UsageResult.Rejected.class, rejected -> {
          assertThat(rejected.field()).isEqualTo("quantity");
          assertThat(rejected.rule()).contains("invoiceable");
        }));
    // Refused events were written nowhere: the total is the accepted ones, and a retry of a
    // refused key is refused again, not taken for a duplicate.
    Period period = subscription(billing, acme).currentPeriod();
    assertThat(billing.usage().totals(JOB, acme, period).get(API))
        .isEqualByComparingTo(new BigDecimal("1000000000000").multiply(BigDecimal.valueOf(accepted)));
    assertThat(record(billing, acme, batch.get(batch.size() - 1))).isInstanceOf(UsageResult.Rejected.class);
    // A retry of the whole batch answers duplicates for what was counted.
    List<UsageResult> retry = billing.usage().recordAll(JOB, acme, batch.subList(0, accepted));
    assertThat(retry).allSatisfy(r -> assertThat(r).isInstanceOf(UsageResult.Duplicate.class));

    renew(billing, clock, acme);
    assertThat(billing.work().runDue().allSucceeded()).isTrue();
    List<Invoice> invoices = invoices(billing, acme);
    Invoice renewal = invoices.get(invoices.size() - 1);
    assertThat(renewal.period().start()).isEqualTo(period.start());
    assertThat(usageLine(renewal).amount().minorUnits()).isPositive().isLessThanOrEqualTo(Rating.MAX_CHARGE);
    assertThat(subscription(billing, acme).currentPeriod().start()).isEqualTo(period.end());
  }

  @Test
  void parsingAQuantityAcceptsOnlyPlainDecimals() {
    for (String bad : List.of("NaN", "1e400", "-1", "", "Infinity", "1,5", " 1", "0x10")) {
      assertThatThrownBy(() -> Usage.parseQuantity(bad)).as(bad)
          .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("quantity"));
    }
    assertThat(Usage.parseQuantity("12.5")).isEqualByComparingTo("12.5");
    assertThat(Usage.parseQuantity("0")).isEqualByComparingTo("0");
    // A 40-digit number parses, and ingestion then rejects it as too large.
    BigDecimal forty = Usage.parseQuantity("1" + "0".repeat(39));
    assertRejected(UsageEvent.of(API, "forty", clock.instant(), forty), "quantity", "18 integer");
  }

  @Test
  void idempotencyKeysMustHave1To255CharactersWithoutControls() {
    Instant now = clock.instant();
    assertRejected(api("", 1, now), "idempotencyKey", "must not be empty");
    assertRejected(api("k".repeat(256), 1, now), "idempotencyKey", "at most 255 characters");
    assertRejected(api("line\nbreak", 1, now), "idempotencyKey", "control");
    assertRejected(api("padded ", 1, now), "idempotencyKey", "whitespace");
    assertThat(record(billing, acme, api("k".repeat(255), 1, now))).isInstanceOf(UsageResult.Accepted.class);
  }

  @Test
  void eventsMayBeAtMostFiveMinutesInTheFuture() {
    Instant now = clock.instant();
    assertRejected(api("six", 1, now.plus(Duration.ofMinutes(6))), "occurredAt", "future");
    assertRejected(api("five-and-a-bit", 1, now.plus(Duration.ofMinutes(5)).plusNanos(1)), "occurredAt", "future");
    assertThat(record(billing, acme, api("five", 1, now.plus(Duration.ofMinutes(5)))))
        .isEqualTo(new UsageResult.Accepted("five"));
    assertThat(apiCalls(period())).isEqualByComparingTo("1");
  }

  @Test
  void eventsOlderThanTheLateWindowAreRejected() {
    Instant now = clock.instant();
    assertRejected(api("old", 1, now.minus(Duration.ofDays(36))), "occurredAt", "35 days");
    assertRejected(api("just-too-old", 1, now.minus(Duration.ofDays(35)).minusSeconds(1)), "occurredAt", "35 days");
    // Within the window, an event from before the trial started counts in the current period.
    assertThat(record(billing, acme, api("oldest", 4, now.minus(Duration.ofDays(35)))))
        .isEqualTo(new UsageResult.Accepted("oldest"));
    assertThat(apiCalls(period())).isEqualByComparingTo("4");
  }

  @Test
  void theLateWindowIsTheOneConfigured() {
    Billing shortWindow = Billing.builder().store(store).catalog(billing.catalog())
        .taxCalculator(RegionalTaxTable.builder().sellerCountry("DE").build()).clock(clock)
        .subscriptions(SubscriptionSettings.defaults(SeedCatalog.PRO))
        .usage(UsageSettings.DEFAULT.withLateWindow(Duration.ofHours(36))).build();
    Instant now = clock.instant();
    assertRejected(shortWindow, acme, api("two-days", 1, now.minus(Duration.ofDays(2))), "occurredAt", "PT36H");
    assertThat(record(shortWindow, acme, api("one-day", 1, now.minus(Duration.ofDays(1)))))
        .isEqualTo(new UsageResult.Accepted("one-day"));
    // The default instance over the same store still takes the older event.
    assertThat(record(billing, acme, api("two-days", 1, now.minus(Duration.ofDays(2)))))
        .isEqualTo(new UsageResult.Accepted("two-days"));
  }

  @Test
  void atMostSixteenProperties() {
    Map<String, String> sixteen = new HashMap<>();
    for (int i = 0; i < 16; i++) {
      sixteen.put("p" + i, "v");
    }
    Map<String, String> seventeen = new HashMap<>(sixteen);
    seventeen.put("p16", "v");
    Instant now = clock.instant();
    assertRejected(new UsageEvent(API, "17", now, BigDecimal.ONE, Optional.empty(), seventeen), "properties", "16");
    assertRejected(new UsageEvent(API, "long-value", now, BigDecimal.ONE, Optional.empty(), Map.of("k", "v".repeat(257))),
        "properties", "256");
    assertRejected(new UsageEvent(API, "long-name", now, BigDecimal.ONE, Optional.empty(), Map.of("k".repeat(65), "v")),
        "properties", "64");
    assertThat(record(billing, acme, new UsageEvent(API, "16", now, BigDecimal.ONE, Optional.empty(), sixteen)))
        .isEqualTo(new UsageResult.Accepted("16"));
    assertThat(find(store, acme, "16").orElseThrow().properties()).isEqualTo(sixteen);
  }

  @Test
  void aRetryOfACountedEventAfterAccessLapsedIsADuplicateNotARejection() {
    Instant during = clock.instant();
    assertThat(record(billing, acme, api("before-lapse", 5, during))).isEqualTo(new UsageResult.Accepted("before-lapse"));
    clock.advance(Duration.ofDays(15));   // the trial ends without a card: canceled, no access
    billing.work().runDue();
    List<UsageResult> results = billing.usage().recordAll(JOB, acme,
        List.of(api("before-lapse", 5, during), api("after-lapse", 5, clock.instant())));
    assertThat(results.get(0)).isEqualTo(new UsageResult.Duplicate("before-lapse"));
    assertThat(results.get(1)).isInstanceOfSatisfying(UsageResult.Rejected.class,
        r -> assertThat(r.field()).isEqualTo("org"));
    assertThat(find(store, acme, "after-lapse")).isEmpty();
    assertThat(find(store, acme, "before-lapse").orElseThrow().quantity()).isEqualByComparingTo("5");
  }

  @Test
  void anOrganizationWithoutASubscriptionHasNoAccess() {
    BillingStore bare = newStore();
    Billing noTrials = billing(bare, clock, SeedCatalog.create("EUR"), Optional.empty());
    OrgId org = provision(noTrials, "No Trial");
    Instant now = clock.instant();
    List<UsageResult> results = noTrials.usage().recordAll(JOB, org, List.of(api("a", 1, now), api("b", 2, now)));
    assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(UsageResult.Rejected.class,
        x -> assertThat(x.field()).isEqualTo("org")));
    assertThat(find(bare, org, "a")).isEmpty();
    assertThat(noTrials.usage().totals(JOB, org, new Period(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)))))
        .allSatisfy((meter, q) -> assertThat(q).isEqualByComparingTo("0"));
  }

  @Test
  void aBatchHasOneToTenThousandEvents() {
    assertThatThrownBy(() -> billing.usage().recordAll(JOB, acme, List.of()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("events"));
    List<UsageEvent> tooMany = new ArrayList<>();
    for (int i = 0; i <= Usage.MAX_BATCH; i++) {
      tooMany.add(api("k" + i, 1, clock.instant()));
    }
    assertThat(tooMany).hasSize(10_001);
    assertThatThrownBy(() -> billing.usage().recordAll(JOB, acme, tooMany))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("events"));
    assertThat(apiCalls(period())).isEqualByComparingTo("0");
    assertThat(find(store, acme, "k0")).isEmpty();
    // Exactly the largest batch is taken.
    assertThat(billing.usage().recordAll(JOB, acme, tooMany.subList(0, Usage.MAX_BATCH)))
        .allSatisfy(r -> assertThat(r).isInstanceOf(UsageResult.Accepted.class));
    assertThat(apiCalls(period())).isEqualByComparingTo("10000");
  }

  @Test
  void aUniqueCountEventNeedsAValue() {
    Billing b = billing(newStore(), clock, aggregationCatalog(), Optional.of(METERED));
    OrgId org = provision(b, "Unique");
    assertRejected(b, org, event(USERS, "u", clock.instant(), "1"), "value", USERS);
    assertRejected(b, org, new UsageEvent(USERS, "blank", clock.instant(), BigDecimal.ONE, Optional.of(" "), Map.of()),
        "value", USERS);
  }

  // ---- late events and the invoiced period --------------------------------------------------

  @Test
  void anEventInAnInvoicedPeriodIsRejectedUnderRejectAndCountsInTheCurrentPeriodByDefault() {
    convertTrial(billing, clock, acme);
    Period invoiced = period();
    renew(billing, clock, acme);
    Period current = period();
    assertThat(current.start()).isEqualTo(invoiced.end());
    Instant inInvoiced = invoiced.start().plus(Duration.ofDays(3));

    // Another instance over the same store, configured to reject late events.
    Billing strict = Billing.builder().store(store).catalog(billing.catalog())
        .taxCalculator(RegionalTaxTable.builder().sellerCountry("DE").build()).clock(clock)
        .subscriptions(SubscriptionSettings.defaults(SeedCatalog.PRO))
        .usage(UsageSettings.DEFAULT.withLatePolicy(LateEventPolicy.REJECT)).build();
    assertThat(strict.usage().record(JOB, acme, api("late", 30, inInvoiced))).isInstanceOfSatisfying(UsageResult.Rejected.class,
        r -> {
          assertThat(r.field()).isEqualTo("occurredAt");
          assertThat(r.rule()).contains("already invoiced");
        });
    assertThat(find(store, acme, "late")).isEmpty();
    // An event of the current period is accepted under either policy.
    assertThat(strict.usage().record(JOB, acme, api("now", 2, clock.instant()))).isEqualTo(new UsageResult.Accepted("now"));

    assertThat(record(billing, acme, api("late", 30, inInvoiced))).isEqualTo(new UsageResult.Accepted("late"));
    assertThat(apiCalls(current)).isEqualByComparingTo("32");
    assertThat(apiCalls(invoiced)).isEqualByComparingTo("0");
    assertThat(find(store, acme, "late").orElseThrow().countedIn()).isEqualTo(current);
  }

  @Test
  void anEventArrivingWithinTheInvoiceDelayCountsInTheEndedPeriodAndIsInvoiced() {
    convertTrial(billing, clock, acme);
    Period ended = period();
    // The period is over, but the renewal sweep waits an hour for late events.
    clock.set(ended.end().plus(Duration.ofMinutes(30)));
    record(billing, acme, api("during", 100_000, ended.start().plus(Duration.ofDays(2))));
    billing.work().runDue();
    assertThat(period()).isEqualTo(ended);
    assertThat(record(billing, acme, api("late", 50_000, ended.end().minus(Duration.ofMinutes(10)))))
        .isEqualTo(new UsageResult.Accepted("late"));
    assertThat(record(billing, acme, api("next", 5, ended.end().plus(Duration.ofMinutes(10)))))
        .isEqualTo(new UsageResult.Accepted("next"));
    assertThat(apiCalls(ended)).isEqualByComparingTo("150000");

    renew(billing, clock, acme);
    Period next = period();
    assertThat(next.start()).isEqualTo(ended.end());
    InvoiceLine usage = usageLine(invoices(billing, acme).get(1));
    assertThat(usage.period()).isEqualTo(ended);
    assertThat(usage.quantity()).isEqualByComparingTo("150000");
    assertThat(apiCalls(next)).isEqualByComparingTo("5");
  }

  // ---- usage reaches invoices and entitlements -----------------------------------------------

  @Test
  void theRenewalInvoiceBillsThePeriodsUsageOnTheGraduatedPrice() {
    convertTrial(billing, clock, acme);
    Period p = period();
    // Trial usage is free and stays in the trial period.
    assertThat(invoices(billing, acme)).singleElement()
        .satisfies(i -> assertThat(i.lines()).noneMatch(l -> l.kind() == LineKind.USAGE));
    clock.set(p.end().minusSeconds(1));
    billing.usage().recordAll(JOB, acme, List.of(
        api("u1", 60_000, p.start()),
        api("u2", 40_000, p.start().plus(Duration.ofDays(10))),
        api("u3", 50_000, p.end().minusSeconds(1))));
    assertThat(billing.entitlements().snapshot(JOB, acme).used(API)).hasValueSatisfying(
        q -> assertThat(q).isEqualByComparingTo("150000"));

    renew(billing, clock, acme);
    List<Invoice> all = invoices(billing, acme);
    assertThat(all).hasSize(2);
    InvoiceLine usage = usageLine(all.get(1));
    assertThat(usage.period()).isEqualTo(p);
    assertThat(usage.quantity()).isEqualByComparingTo("150000");
    // The first 100,000 are free, the other 50,000 cost 0.06 cents each: 3,000 cents.
    assertThat(usage.amount()).isEqualTo(Money.ofMajor("30.00", "EUR"));
  }

  @Test
  void crossingTheSoftLimitWarnsOncePerPeriodAndReportsOverage() {
    Instant now = clock.instant();
    record(billing, acme, api("q1", 999_999, now));
    record(billing, acme, api("q2", 1, now));
    billing.work().runDue();
    // At the limit is not over it.
    assertThat(received).noneMatch(e -> e instanceof BillingEvent.QuotaExceeded);
    assertThat(billing.entitlements().snapshot(JOB, acme).check(API, BigDecimal.ONE))
        .isInstanceOfSatisfying(Decision.Allowed.class, d -> assertThat(d.overage()).isTrue());

    record(billing, acme, api("q3", 1, now));
    billing.usage().recordAll(JOB, acme, List.of(api("q4", 5, now), api("q5", 7, now)));
    record(billing, acme, api("q3", 1, now));
    billing.work().runDue();
    billing.work().runDue();
    List<BillingEvent.QuotaExceeded> warnings = received.stream()
        .filter(BillingEvent.QuotaExceeded.class::isInstance).map(BillingEvent.QuotaExceeded.class::cast).toList();
    assertThat(warnings).singleElement().satisfies(w -> {
      assertThat(w.org()).isEqualTo(acme);
      assertThat(w.meter()).isEqualTo(API);
      assertThat(w.included()).isEqualByComparingTo("1000000");
      assertThat(w.used()).isEqualByComparingTo("1000001");
    });
    EntitlementSnapshot snapshot = billing.entitlements().snapshot(JOB, acme);
    assertThat(snapshot.used(API)).hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo("1000013"));
    assertThat(snapshot.remaining(API)).hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo("0"));
    assertThat(snapshot.check(API, BigDecimal.ONE))
        .isInstanceOfSatisfying(Decision.Allowed.class, d -> assertThat(d.overage()).isTrue());

    // A new period starts below the limit, and warns again once it crosses it.
    convertTrial(billing, clock, acme);
    assertThat(billing.entitlements().snapshot(JOB, acme).check(API, BigDecimal.ONE))
        .isInstanceOfSatisfying(Decision.Allowed.class, d -> assertThat(d.overage()).isFalse());
    record(billing, acme, api("p1", 1_000_001, clock.instant()));
    record(billing, acme, api("p2", 1, clock.instant()));
    billing.work().runDue();
    assertThat(received).filteredOn(BillingEvent.QuotaExceeded.class::isInstance).hasSize(2)
        .extracting(BillingEvent::key).doesNotHaveDuplicates();
  }

  @Test
  void quotaWarningsFollowTheLimitAnOverrideSets() {
    Instant now = clock.instant();
    Actor ops = Actor.operator("ops");
    billing.overrides().setEntitlementOverrides(ops, acme, List.of(new io.nobill.core.entitlement.EntitlementOverride
        .LimitOverride(API, Optional.of(new BigDecimal("2000000")), io.nobill.core.catalog.Enforcement.SOFT,
        Optional.empty())));
    record(billing, acme, api("o1", 1_500_000, now));
    billing.work().runDue();
    assertThat(received).as("1.5M is within the raised limit").noneMatch(e -> e instanceof BillingEvent.QuotaExceeded);

    // An expired override no longer counts: the plan's 1,000,000 applies again.
    billing.overrides().setEntitlementOverrides(ops, acme, List.of(new io.nobill.core.entitlement.EntitlementOverride
        .LimitOverride(API, Optional.empty(), io.nobill.core.catalog.Enforcement.SOFT, Optional.of(now))));
    record(billing, acme, api("o2", 1, now));
    billing.work().runDue();
    assertThat(received).filteredOn(BillingEvent.QuotaExceeded.class::isInstance).singleElement()
        .satisfies(e -> assertThat(((BillingEvent.QuotaExceeded) e).included()).isEqualByComparingTo("1000000"));
  }

  @Test
  void anUnlimitedOverrideNeverWarns() {
    billing.overrides().setEntitlementOverrides(Actor.operator("ops"), acme, List.of(
        new io.nobill.core.entitlement.EntitlementOverride.LimitOverride(API, Optional.empty(),
            io.nobill.core.catalog.Enforcement.SOFT, Optional.empty())));
    record(billing, acme, api("u1", 5_000_000, clock.instant()));
    billing.work().runDue();
    assertThat(received).noneMatch(e -> e instanceof BillingEvent.QuotaExceeded);
  }

  // ---- aggregation ---------------------------------------------------------------------------

  @Test
  void everyAggregationIsExactPerPeriod() {
    BillingStore s = newStore();
    Billing b = billing(s, clock, aggregationCatalog(), Optional.of(METERED));
    OrgId org = provision(b, "Metered");
    Period trial = subscription(b, org).currentPeriod();
    Instant t = trial.start();
    clock.set(t.plus(Duration.ofDays(3)));
    // Out of order, across hours, with fractions.
    List<UsageResult> results = b.usage().recordAll(JOB, org, List.of(
        event(CALLS, "c1", t.plus(Duration.ofHours(30)), "1.5"),
        event(CALLS, "c2", t, "2.25"),
        event(CALLS, "c3", t.plus(Duration.ofMinutes(59)), "3"),
        event(REQUESTS, "r1", t, "5"),
        event(REQUESTS, "r2", t.plus(Duration.ofHours(2)), "0"),
        event(REQUESTS, "r3", t.plus(Duration.ofHours(2)), "7"),
        event(PEAK, "p1", t.plus(Duration.ofHours(1)), "4"),
        event(PEAK, "p2", t.plus(Duration.ofHours(5)), "9.5"),
        event(PEAK, "p3", t.plus(Duration.ofHours(9)), "2"),
        // The latest by occurrence time wins whatever the order of arrival; a tie goes to the larger key.
        event(GAUGE, "g-3", t.plus(Duration.ofHours(20)), "5"),
        event(GAUGE, "g-9", t.plus(Duration.ofHours(1)), "100"),
        event(GAUGE, "g-2", t.plus(Duration.ofHours(20)), "8"),
        event(GAUGE, "g-1", t.plus(Duration.ofHours(4)), "3"),
        user("v1", t, "alice"),
        user("v2", t.plus(Duration.ofHours(3)), "bob"),
        user("v3", t.plus(Duration.ofHours(40)), "alice"),
        user("v4", t.plus(Duration.ofHours(41)), "carol")));
    assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(UsageResult.Accepted.class));

    Map<String, BigDecimal> totals = b.usage().totals(JOB, org, trial);
    assertThat(totals.get(CALLS)).isEqualByComparingTo("6.75");
    assertThat(totals.get(REQUESTS)).isEqualByComparingTo("3");
    assertThat(totals.get(PEAK)).isEqualByComparingTo("9.5");
    assertThat(totals.get(GAUGE)).isEqualByComparingTo("5");
    assertThat(totals.get(USERS)).isEqualByComparingTo("3");

    // Events just past the period's end count in the next period, for every aggregation.
    clock.set(trial.end().minus(Duration.ofMinutes(2)));
    Instant after = trial.end().plus(Duration.ofMinutes(3));
    b.usage().recordAll(JOB, org, List.of(event(CALLS, "n1", after, "10"), event(REQUESTS, "n2", after, "1"),
        event(PEAK, "n3", after, "50"), event(GAUGE, "n4", after, "1"), user("n5", after, "dave")));
    Period next = new Period(trial.end(), trial.end().plus(Duration.ofDays(30)));
    assertThat(b.usage().totals(JOB, org, trial)).isEqualTo(totals);
    Map<String, BigDecimal> nextTotals = b.usage().totals(JOB, org, next);
    assertThat(nextTotals.get(CALLS)).isEqualByComparingTo("10");
    assertThat(nextTotals.get(REQUESTS)).isEqualByComparingTo("1");
    assertThat(nextTotals.get(PEAK)).isEqualByComparingTo("50");
    assertThat(nextTotals.get(GAUGE)).isEqualByComparingTo("1");
    assertThat(nextTotals.get(USERS)).isEqualByComparingTo("1");
  }

  @Test
  void aMeterWithoutUsageTotalsZero() {
    Billing b = billing(newStore(), clock, aggregationCatalog(), Optional.of(METERED));
    OrgId org = provision(b, "Idle");
    assertThat(b.usage().totals(JOB, org, subscription(b, org).currentPeriod()))
        .containsOnlyKeys(CALLS, REQUESTS, PEAK, GAUGE, USERS)
        .allSatisfy((meter, q) -> assertThat(q).isEqualByComparingTo("0"));
  }

  // ---- cancellation --------------------------------------------------------------------------

  @Test
  void cancelingRemovesExactlyTheEventsContributionForEveryAggregation() {
    BillingStore s = newStore();
    Billing b = billing(s, clock, aggregationCatalog(), Optional.of(METERED));
    OrgId org = provision(b, "Cancel");
    Period p = subscription(b, org).currentPeriod();
    Instant t = p.start();
    clock.set(t.plus(Duration.ofDays(1)));
    b.usage().recordAll(JOB, org, List.of(
        event(CALLS, "c1", t, "1.5"), event(CALLS, "c2", t.plus(Duration.ofHours(3)), "4"),
        event(REQUESTS, "r1", t, "9"), event(REQUESTS, "r2", t, "9"),
        // The largest and the latest share their hour with a smaller and an earlier event.
        event(PEAK, "p1", t.plus(Duration.ofMinutes(10)), "4"), event(PEAK, "p2", t.plus(Duration.ofMinutes(20)), "9.5"),
        event(PEAK, "p3", t.plus(Duration.ofHours(2)), "6"),
        event(GAUGE, "g1", t.plus(Duration.ofHours(1)), "1"), event(GAUGE, "g2", t.plus(Duration.ofHours(5)), "2"),
        event(GAUGE, "g3", t.plus(Duration.ofHours(5)).plusSeconds(30), "3"),
        user("u1", t, "alice"), user("u2", t.plus(Duration.ofHours(1)), "alice"), user("u3", t, "bob")));

    Map<String, String> expected = new HashMap<>(Map.of(CALLS, "5.5", REQUESTS, "2", PEAK, "9.5", GAUGE, "3", USERS, "2"));
    assertTotals(b, org, p, expected);

    b.usage().cancel(JOB, org, "c1");
    expected.put(CALLS, "4");
    assertTotals(b, org, p, expected);
    b.usage().cancel(JOB, org, "r2");
    expected.put(REQUESTS, "1");
    assertTotals(b, org, p, expected);
    b.usage().cancel(JOB, org, "p2");
    expected.put(PEAK, "6");
    assertTotals(b, org, p, expected);
    b.usage().cancel(JOB, org, "g3");
    expected.put(GAUGE, "2");
    assertTotals(b, org, p, expected);
    b.usage().cancel(JOB, org, "g2");
    expected.put(GAUGE, "1");
    assertTotals(b, org, p, expected);
    // alice is still seen by u2; bob only by u3.
    b.usage().cancel(JOB, org, "u1");
    assertTotals(b, org, p, expected);
    b.usage().cancel(JOB, org, "u3");
    expected.put(USERS, "1");
    assertTotals(b, org, p, expected);
    assertThat(find(s, org, "c1").orElseThrow().canceled()).isTrue();

    assertThatThrownBy(() -> b.usage().cancel(JOB, org, "c1")).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> b.usage().cancel(JOB, org, "nope")).isInstanceOf(NotFoundException.class);
    assertTotals(b, org, p, expected);
    // A canceled key stays taken: the same event again is a duplicate, not counted anew.
    assertThat(record(b, org, event(CALLS, "c1", t, "1.5"))).isEqualTo(new UsageResult.Duplicate("c1"));
    assertTotals(b, org, p, expected);
  }

  private static void assertTotals(Billing b, OrgId org, Period p, Map<String, String> expected) {
    Map<String, BigDecimal> totals = b.usage().totals(JOB, org, p);
    expected.forEach((meter, q) -> assertThat(totals.get(meter)).as(meter).isEqualByComparingTo(q));
  }

  @Test
  void anEventOfAnInvoicedPeriodCanNoLongerBeCanceled() {
    convertTrial(billing, clock, acme);
    Period p = period();
    clock.set(p.start().plus(Duration.ofDays(2)));
    record(billing, acme, api("billed", 200_000, p.start().plus(Duration.ofDays(1))));
    record(billing, acme, api("open", 1, p.start().plus(Duration.ofDays(1))));
    billing.usage().cancel(JOB, acme, "open");
    renew(billing, clock, acme);
    assertThatThrownBy(() -> billing.usage().cancel(JOB, acme, "billed"))
        .isInstanceOf(ConflictException.class).hasMessageContaining("invoiced");
    assertThat(apiCalls(p)).isEqualByComparingTo("200000");
    assertThat(usageLine(invoices(billing, acme).get(1)).quantity()).isEqualByComparingTo("200000");
  }

  // ---- periods that start within an hour -------------------------------------------------------

  @Test
  void periodsStartingWithinAnHourSplitThatHourBetweenThem() {
    TestClock midHour = TestClock.at("2026-01-01T09:30:00Z");
    BillingStore s = newStore();
    Billing b = billing(s, midHour, SeedCatalog.create("EUR"), Optional.of(SeedCatalog.PRO));
    OrgId org = provision(b, "Half Past");
    Period trial = subscription(b, org).currentPeriod();
    midHour.set(trial.end().minus(Duration.ofMinutes(5)));
    record(b, org, api("trial", 3, trial.end().minus(Duration.ofMinutes(10))));
    convertTrial(b, midHour, org);
    Period first = subscription(b, org).currentPeriod();
    assertThat(first.start()).isEqualTo(Instant.parse("2026-01-15T09:30:00Z"));

    midHour.set(first.start().plus(Duration.ofMinutes(15)));
    record(b, org, api("first-minutes", 7, first.start().plus(Duration.ofMinutes(10))));
    // A late event of the trial counts at the start of the current period.
    record(b, org, api("late", 11, trial.start().plus(Duration.ofDays(2))));
    assertThat(total(b, org, first, API)).isEqualByComparingTo("18");
    assertThat(total(b, org, trial, API)).isEqualByComparingTo("3");

    midHour.set(first.end().plus(Duration.ofMinutes(15)));
    record(b, org, api("last-minutes", 100, first.end().minus(Duration.ofMinutes(10))));
    record(b, org, api("after-end", 1_000, first.end().plus(Duration.ofMinutes(10))));
    Period second = new Period(first.end(), first.end().plus(Duration.ofDays(28)));
    assertThat(total(b, org, first, API)).isEqualByComparingTo("118");
    assertThat(total(b, org, second, API)).isEqualByComparingTo("1000");

    renew(b, midHour, org);
    assertThat(subscription(b, org).currentPeriod().start()).isEqualTo(first.end());
    assertThat(usageLine(invoices(b, org).get(1)).quantity()).isEqualByComparingTo("118");
    assertThat(total(b, org, subscription(b, org).currentPeriod(), API)).isEqualByComparingTo("1000");
  }

  // ---- isolation and concurrency ----------------------------------------------------------------

  @Test
  void anOrganizationsUsageIsInvisibleToAnother() {
    OrgId globex = provision(billing, "Globex");
    Instant now = clock.instant();
    record(billing, acme, api("shared-key", 5, now));
    assertThat(apiCalls(period())).isEqualByComparingTo("5");
    Period globexPeriod = subscription(billing, globex).currentPeriod();
    assertThat(total(billing, globex, globexPeriod, API)).isEqualByComparingTo("0");
    assertThat(find(store, globex, "shared-key")).isEmpty();
    // Keys are unique per organization: the same key is new to another one.
    assertThat(record(billing, globex, api("shared-key", 8, now))).isEqualTo(new UsageResult.Accepted("shared-key"));
    assertThat(total(billing, globex, globexPeriod, API)).isEqualByComparingTo("8");
    assertThat(apiCalls(period())).isEqualByComparingTo("5");
    billing.usage().cancel(JOB, globex, "shared-key");
    assertThat(apiCalls(period())).isEqualByComparingTo("5");
    assertThatThrownBy(() -> billing.usage().cancel(JOB, globex, "shared-key")).isInstanceOf(ConflictException.class);
  }

  @Test
  void concurrentOverlappingBatchesCountEachKeyOnce() throws Exception {
    int keys = 2_000;
    int threads = 4;
    Instant now = clock.instant();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<UsageResult>>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        Random random = new Random(t);
        futures.add(pool.submit(() -> {
          // Each thread sends 3/4 of the keys, in its own order, in batches of 100; key i always has quantity i + 1.
          List<Integer> mine = new ArrayList<>();
          for (int i = 0; i < keys; i++) {
            if (random.nextInt(4) != 0) {
              mine.add(i);
            }
          }
          Collections.shuffle(mine, random);
          start.await();
          List<UsageResult> out = new ArrayList<>();
          for (int from = 0; from < mine.size(); from += 100) {
            List<UsageEvent> batch = new ArrayList<>();
            for (int i : mine.subList(from, Math.min(from + 100, mine.size()))) {
              batch.add(api("key-" + i, i + 1, now.plusSeconds(i % 300)));
            }
            // Some keys twice in one batch as well.
            batch.add(batch.get(0));
            out.addAll(billing.usage().recordAll(JOB, acme, batch));
          }
          return out;
        }));
      }
      start.countDown();
      Map<String, Integer> accepted = new HashMap<>();
      java.util.Set<String> sent = new java.util.HashSet<>();
      for (Future<List<UsageResult>> f : futures) {
        for (UsageResult r : f.get(60, TimeUnit.SECONDS)) {
          sent.add(r.idempotencyKey());
          assertThat(r).isNotInstanceOf(UsageResult.Rejected.class);
          if (r instanceof UsageResult.Accepted) {
            accepted.merge(r.idempotencyKey(), 1, Integer::sum);
          }
        }
      }
      assertThat(accepted.keySet()).isEqualTo(sent);
      assertThat(accepted.values()).allMatch(n -> n == 1);
      long expected = sent.stream().mapToLong(k -> Long.parseLong(k.substring(4)) + 1).sum();
      assertThat(apiCalls(period())).isEqualByComparingTo(BigDecimal.valueOf(expected));
    } finally {
      pool.shutdownNow();
    }
  }
}
