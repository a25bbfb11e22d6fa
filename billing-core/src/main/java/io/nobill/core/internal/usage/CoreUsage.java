package io.nobill.core.internal.usage;

import io.nobill.core.access.Actor;
import io.nobill.core.access.Permission;
import io.nobill.core.catalog.Aggregation;
import io.nobill.core.catalog.Catalog;
import io.nobill.core.catalog.Enforcement;
import io.nobill.core.catalog.Limit;
import io.nobill.core.catalog.Meter;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.entitlement.EntitlementOverride;
import io.nobill.core.entitlement.Entitlements;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.event.BillingEvent;
import io.nobill.core.id.OrgId;
import io.nobill.core.internal.access.Access;
import io.nobill.core.internal.entitlement.CoreEntitlements;
import io.nobill.core.internal.subscription.UsageSource;
import io.nobill.core.money.Bounds;
import io.nobill.core.rating.Rating;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.TenantTransaction;
import io.nobill.core.spi.UsageRepository;
import io.nobill.core.subscription.Subscription;
import io.nobill.core.subscription.SubscriptionStatus;
import io.nobill.core.text.TextPolicy;
import io.nobill.core.usage.*;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Usage metering: idempotent ingestion, exact aggregation over hourly rollups, late events,
 * cancellation and quota warnings.
 *
 * <p>Every event is counted exactly once or rejected with the reason: the dedupe mark (the
 * stored event) and the counted quantity (its rollup) are written in one transaction, so a
 * failed write never leaves a key marked as seen. A batch answers per event; a rejected event
 * is written nowhere.
 */
public final class CoreUsage implements Usage, UsageSource {
  private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
  private static final int MAX_KEY = 255;
  private static final int MAX_INTEGER_DIGITS = 18;
  private static final int MAX_FRACTION_DIGITS = 12;
  private static final int MAX_PROPERTIES = 16;
  private static final int MAX_PROPERTY_KEY = 64;
  private static final int MAX_PROPERTY_VALUE = 256;

  private final BillingStore store;
  private final Clock clock;
  private final Catalog catalog;
  private final Duration lateWindow;
  private final LateEventPolicy policy;
  private final Function<TenantTransaction, Optional<Subscription>> subscription;
  private final Duration grace;
  private final BiConsumer<TenantTransaction, BillingEvent> outbox;

  private CoreUsage(BillingStore store, Clock clock, Catalog catalog, Duration lateWindow, LateEventPolicy policy,
      Function<TenantTransaction, Optional<Subscription>> subscription, Duration grace,
      BiConsumer<TenantTransaction, BillingEvent> outbox) {
    this.store = store;
    this.clock = clock;
    this.catalog = catalog;
    this.lateWindow = lateWindow;
    this.policy = policy;
    this.subscription = subscription;
    this.grace = grace;
    this.outbox = outbox;
  }

  /**
   * @param lateWindow   how old an event may be and still be accepted
   * @param subscription the organization's current subscription, read in its transaction
   * @param grace        how long past due keeps access
   */
  public static CoreUsage create(BillingStore store, Clock clock, Catalog catalog, Duration lateWindow, LateEventPolicy policy,
      Function<TenantTransaction, Optional<Subscription>> subscription, Duration grace,
      BiConsumer<TenantTransaction, BillingEvent> outbox) {
    return new CoreUsage(Objects.requireNonNull(store, "store"), Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(catalog, "catalog"), Objects.requireNonNull(lateWindow, "lateWindow"),
        Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(subscription, "subscription"),
        Objects.requireNonNull(grace, "grace"), Objects.requireNonNull(outbox, "outbox"));
  }

  /** Records one event. */
  @Override
  public UsageResult record(Actor actor, OrgId org, UsageEvent event) {
    Objects.requireNonNull(event, "event");
    return recordAll(actor, org, List.of(event)).get(0);
  }

  /**
   * Records a batch of 1–{@value #MAX_BATCH} events in one transaction and answers per event,
   * in order: accepted, duplicate (its key was seen before, or earlier in the batch), or
   * rejected with the field and rule.
   */
  @Override
  public List<UsageResult> recordAll(Actor actor, OrgId org, List<UsageEvent> events) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(events, "events");
    InvalidRequestException.require(!events.isEmpty(), "events", "must not be empty");
    InvalidRequestException.require(events.size() <= MAX_BATCH, "events", "must have at most " + MAX_BATCH + " events");
    List<UsageEvent> batch = List.copyOf(events);
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.USAGE_RECORD);
      tx.organization().find().orElseThrow(() -> new NotFoundException("organization", org));
      return ingest(tx, batch);
    });
  }

  private List<UsageResult> ingest(TenantTransaction tx, List<UsageEvent> events) {
    Instant now = clock.instant();
    // The window every event of the batch must fall in, computed once per batch.
    Instant latest = now.plus(FUTURE_TOLERANCE);
    Instant earliest = now.minus(lateWindow);
    Optional<Subscription> sub = subscription.apply(tx).filter(s -> s.grantsAccess(now, grace));
    Optional<Plan> plan = sub.flatMap(s -> catalog.plan(s.plan()));
    UsageResult[] results = new UsageResult[events.size()];
    List<UsageRecord> candidates = new ArrayList<>(events.size());
    int[] positions = new int[events.size()];
    BatchKeys inBatch = new BatchKeys(events.size());
    List<Integer> lateOrLapsed = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      UsageEvent e = events.get(i);
      String key = e.idempotencyKey();
      Optional<String[]> problem = validate(e, latest, earliest);
      if (problem.isEmpty() && sub.isEmpty()) {
        problem = Optional.of(new String[] {"org", "must have access: no active subscription"});
      }
      Period countedIn = null;
      if (problem.isEmpty()) {
        Period current = sub.get().currentPeriod();
        // The current period as it is (a trial is shorter than the plan's interval); an event
        // past its end falls in the periods that will follow it, anchored at its end as the
        // renewal anchors them. Nearly every event is in the current period, so the calendar
        // arithmetic is left for the others.
        Period own = current.contains(e.occurredAt()) ? current
            : e.occurredAt().isBefore(current.start()) ? null
            : plan.get().interval().periodContaining(current.end(), e.occurredAt());
        if (own == null) {
          if (policy == LateEventPolicy.REJECT) {
            problem = Optional.of(new String[] {"occurredAt", "must not fall in a period already invoiced"});
          } else {
            countedIn = current;
          }
        } else {
          countedIn = own;
        }
      }
      if (problem.isPresent()) {
        String field = problem.get()[0];
        results[i] = new UsageResult.Rejected(key, field, problem.get()[1]);
        if (field.equals("org") || field.equals("occurredAt")) {
          lateOrLapsed.add(i);
        }
        continue;
      }
      if (!inBatch.add(key)) {
        results[i] = new UsageResult.Duplicate(key);
        continue;
      }
      positions[candidates.size()] = i;
      candidates.add(new UsageRecord(e.meter(), key, e.occurredAt(), e.quantity(), e.value(), e.properties(), countedIn,
          now, false));
    }
    UsageRepository usage = tx.usage();
    if (!lateOrLapsed.isEmpty()) {
      // A retry of an event counted earlier, arriving once access lapsed or its time fell out
      // of the window, was still counted: say so, or the client would think it lost. One
      // lookup for the whole batch.
      List<String> keys = new ArrayList<>(lateOrLapsed.size());
      lateOrLapsed.forEach(i -> keys.add(events.get(i).idempotencyKey()));
      Set<String> stored = usage.storedKeys(keys);
      for (int i : lateOrLapsed) {
        if (stored.contains(events.get(i).idempotencyKey())) {
          results[i] = new UsageResult.Duplicate(events.get(i).idempotencyKey());
        }
      }
    }
    if (plan.isPresent() && !candidates.isEmpty()) {
      // Usage that would make its period impossible to invoice is refused now, per event, rather
      // than failing the period's renewal on every run later.
      List<UsageRecord> invoiceable = new ArrayList<>(candidates.size());
      boolean[] fits = invoiceable(tx, plan.get(), sub.get().seats(), candidates);
      for (int j = 0; j < candidates.size(); j++) {
        UsageRecord r = candidates.get(j);
        if (fits[j]) {
          positions[invoiceable.size()] = positions[j];
          invoiceable.add(r);
        } else {
          results[positions[j]] = new UsageResult.Rejected(r.idempotencyKey(), "quantity", "must leave the period's usage of"
              + " meter '" + r.meter() + "' invoiceable: with it the period's charge would exceed " + Rating.MAX_CHARGE
              + " minor units");
        }
      }
      candidates = invoiceable;
    }
    Set<String> seen = candidates.isEmpty() ? Set.of() : usage.insertNew(candidates);
    List<UsageRecord> accepted = new ArrayList<>(candidates.size());
    for (int j = 0; j < candidates.size(); j++) {
      UsageRecord r = candidates.get(j);
      boolean duplicate = seen.contains(r.idempotencyKey());
      results[positions[j]] = duplicate ? new UsageResult.Duplicate(r.idempotencyKey())
          : new UsageResult.Accepted(r.idempotencyKey());
      if (!duplicate) {
        accepted.add(r);
      }
    }
    roll(usage, accepted);
    plan.ifPresent(p -> warnQuotas(tx, p, accepted, now));
    return java.util.Collections.unmodifiableList(java.util.Arrays.asList(results));
  }

  /**
   * The keys of one batch, to find repeats within it: open addressing over an array sized for
   * the batch, because a {@code HashSet} node per event was a visible share of what ingestion
   * allocated.
   */
  private static final class BatchKeys {
    private final String[] slots;

    BatchKeys(int size) {
      // A power of two of at least twice the batch, so probes stay short.
      slots = new String[Integer.highestOneBit(Math.max(2, size) * 2 - 1) << 1];
    }

    /** Adds the key; false if the batch had it already. */
    boolean add(String key) {
      int mask = slots.length - 1;
      int h = key.hashCode();
      for (int i = (h ^ (h >>> 16)) & mask; ; i = (i + 1) & mask) {
        String slot = slots[i];
        if (slot == null) {
          slots[i] = key;
          return true;
        }
        if (slot.equals(key)) {
          return false;
        }
      }
    }
  }

  /**
   * Which candidates the period's invoice can still rate: the period billed at {@code seats},
   * with every priced meter's stored total plus the batch, must rate within
   * {@link Rating#MAX_CHARGE} ({@link Rating#requireInvoiceable}'s rule, as commands obey it).
   * The usual batch costs one read of the period's totals and one rating per meter; only a
   * batch that would overflow is walked event by event (after its stored duplicates are set
   * aside), keeping each event that still fits.
   */
  private boolean[] invoiceable(TenantTransaction tx, Plan plan, int seats, List<UsageRecord> candidates) {
    boolean[] fits = new boolean[candidates.size()];
    java.util.Arrays.fill(fits, true);
    Map<Period, Map<String, List<Integer>>> groups = new LinkedHashMap<>();
    Set<String> priced = plan.pricedMeters();
    for (int j = 0; j < candidates.size(); j++) {
      UsageRecord r = candidates.get(j);
      if (priced.contains(r.meter())) {
        groups.computeIfAbsent(r.countedIn(), k -> new LinkedHashMap<>()).computeIfAbsent(r.meter(), k -> new ArrayList<>())
            .add(j);
      }
    }
    if (groups.isEmpty()) {
      return fits;
    }
    PricingOverrides overrides = tx.overrides().pricing();
    for (Map.Entry<Period, Map<String, List<Integer>>> byPeriod : groups.entrySet()) {
      Period period = byPeriod.getKey();
      Map<String, BigDecimal> totals = new HashMap<>();
      for (String meter : priced) {
        totals.put(meter, total(tx.usage(), catalog.meter(meter).orElseThrow(), period));
      }
      for (Map.Entry<String, List<Integer>> g : byPeriod.getValue().entrySet()) {
        String meter = g.getKey();
        Aggregation aggregation = catalog.meter(meter).orElseThrow().aggregation();
        BigDecimal all = totals.get(meter);
        for (int j : g.getValue()) {
          all = fold(aggregation, all, candidates.get(j).quantity());
        }
        if (ratable(plan, overrides, seats, period, totals, meter, all)) {
          totals.put(meter, all);
          continue;
        }
        List<String> keys = new ArrayList<>(g.getValue().size());
        g.getValue().forEach(j -> keys.add(candidates.get(j).idempotencyKey()));
        Set<String> counted = tx.usage().storedKeys(keys);
        BigDecimal running = totals.get(meter);
        for (int j : g.getValue()) {
          if (counted.contains(candidates.get(j).idempotencyKey())) {
            continue; // a duplicate: answered as such, adds nothing
          }
          BigDecimal next = fold(aggregation, running, candidates.get(j).quantity());
          if (ratable(plan, overrides, seats, period, totals, meter, next)) {
            running = next;
          } else {
            fits[j] = false;
          }
        }
        totals.put(meter, running);
      }
    }
    return fits;
  }

  /**
   * The total after one more event, or a bound on it that only errs high: the last value and a
   * new unique value can at most raise the total as a maximum or a count would.
   */
  private static BigDecimal fold(Aggregation aggregation, BigDecimal total, BigDecimal quantity) {
    return switch (aggregation) {
      case SUM -> total.add(quantity);
      case COUNT, UNIQUE_COUNT -> total.add(BigDecimal.ONE);
      case MAX, LAST -> total.max(quantity);
    };
  }

  private static boolean ratable(Plan plan, PricingOverrides overrides, int seats, Period period,
      Map<String, BigDecimal> totals, String meter, BigDecimal total) {
    Map<String, BigDecimal> usage = new HashMap<>(totals);
    usage.put(meter, total);
    return Rating.uninvoiceable(plan, overrides, seats, period, usage).isEmpty();
  }

  /** Folds accepted events into their hourly rollups and unique-value counts. */
  private void roll(UsageRepository usage, List<UsageRecord> accepted) {
    // Keyed by (meter, bucket) as a pair: formatting the instant into a string key for every
    // event cost more than the rest of the rollup. Events mostly come in runs of one meter and
    // hour, so the map is consulted only when a run changes.
    Map<Map.Entry<String, Instant>, List<UsageRecord>> groups = new LinkedHashMap<>();
    String runMeter = null;
    long runHour = 0;
    io.nobill.core.catalog.Period runPeriod = null;
    List<UsageRecord> run = null;
    for (UsageRecord r : accepted) {
      long hour = r.bucketEpochSecond();
      if (run == null || hour != runHour || !r.countedIn().equals(runPeriod) || !r.meter().equals(runMeter)) {
        runMeter = r.meter();
        runHour = hour;
        runPeriod = r.countedIn();
        run = groups.computeIfAbsent(Map.entry(runMeter, r.bucket()), k -> new ArrayList<>());
      }
      run.add(r);
      if (r.value().isPresent()) {
        usage.adjustUniqueValue(r.meter(), r.countedIn().start(), r.value().get(), 1);
      }
    }
    List<HourlyRollup> touched = new ArrayList<>(groups.size());
    for (Map.Entry<Map.Entry<String, Instant>, List<UsageRecord>> g : groups.entrySet()) {
      String meter = g.getKey().getKey();
      Instant hour = g.getKey().getValue();
      // The range may also hold the next rollup when this one starts within an hour.
      List<HourlyRollup> stored = usage.rollups(meter, hour, hour.plusSeconds(3600));
      HourlyRollup rollup = !stored.isEmpty() && stored.get(0).hour().equals(hour) ? stored.get(0)
          : HourlyRollup.empty(meter, hour);
      touched.add(rollup.plusAll(g.getValue()));
    }
    if (!touched.isEmpty()) {
      usage.saveRollups(touched);
    }
  }

  private void warnQuotas(TenantTransaction tx, Plan plan, List<UsageRecord> accepted, Instant now) {
    Set<String> meters = new HashSet<>();
    Map<String, Period> periods = new HashMap<>();
    for (UsageRecord r : accepted) {
      meters.add(r.meter());
      periods.put(r.meter(), r.countedIn());
    }
    List<EntitlementOverride> overrides = meters.isEmpty() ? List.of() : tx.overrides().entitlements();
    for (String meter : meters) {
      // The limit entitlements enforce: the plan's, unless an unexpired override replaces it.
      Limit limit = io.nobill.core.entitlement.EntitlementRules.limitOf(plan, overrides, meter, now).orElse(null);
      if (limit == null || limit.enforcement() != Enforcement.SOFT) {
        continue;
      }
      Period period = periods.get(meter);
      if (tx.usage().quotaWarned(meter, period.start())) {
        continue;
      }
      BigDecimal used = total(tx.usage(), catalog.meter(meter).orElseThrow(), period);
      if (used.compareTo(limit.included()) > 0) {
        tx.usage().markQuotaWarned(meter, period.start());
        outbox.accept(tx, new BillingEvent.QuotaExceeded("quota-exceeded:" + meter + ":" + period.start(), tx.org(), now,
            meter, limit.included(), used));
      }
    }
  }

  /** Returns the rule an event breaks, as {field, rule}, if it breaks one. */
  private Optional<String[]> validate(UsageEvent e, Instant latest, Instant earliest) {
    Optional<Meter> meter = catalog.meter(e.meter());
    if (meter.isEmpty()) {
      return Optional.of(new String[] {"meter", "must be a meter of the catalog; '" + e.meter() + "' is not"});
    }
    String keyRule = TextPolicy.violation(e.idempotencyKey(), TextPolicy.Shape.KEY, MAX_KEY);
    if (keyRule != null) {
      return Optional.of(new String[] {"idempotencyKey", keyRule});
    }
    BigDecimal q = e.quantity();
    if (q.signum() < 0) {
      return Optional.of(new String[] {"quantity", "must not be negative"});
    }
    // Trailing zeros never add integer digits and stripping them only lowers the scale, so a
    // quantity that fits as given fits stripped; only the rest pay for stripping.
    if ((q.precision() - q.scale() > MAX_INTEGER_DIGITS || q.scale() > MAX_FRACTION_DIGITS) && !fits(q.stripTrailingZeros())) {
      return Optional.of(new String[] {"quantity", "must have at most " + MAX_INTEGER_DIGITS + " integer and "
          + MAX_FRACTION_DIGITS + " fraction digits"});
    }
    if (meter.get().aggregation() == Aggregation.UNIQUE_COUNT && e.value().map(String::isBlank).orElse(true)) {
      return Optional.of(new String[] {"value", "must be given for unique-count meter '" + e.meter() + "'"});
    }
    // The value is counted by its exact text, like a key: a value PostgreSQL would store as
    // '?' would be counted as every other such value.
    String valueRule = e.value().map(v -> TextPolicy.violation(v, TextPolicy.Shape.KEY, MAX_KEY)).orElse(null);
    if (valueRule != null) {
      return Optional.of(new String[] {"value", valueRule});
    }
    if (e.properties().size() > MAX_PROPERTIES) {
      return Optional.of(new String[] {"properties", "must have at most " + MAX_PROPERTIES + " entries"});
    }
    String propertiesRule = propertiesRule(e.properties());
    if (propertiesRule != null) {
      return Optional.of(new String[] {"properties", propertiesRule});
    }
    if (!Bounds.inRange(e.occurredAt())) {
      return Optional.of(new String[] {"occurredAt", "must be from " + Bounds.EARLIEST + " inclusive to " + Bounds.LATEST
          + " exclusive"});
    }
    if (e.occurredAt().isAfter(latest)) {
      return Optional.of(new String[] {"occurredAt", "must not be more than 5 minutes in the future"});
    }
    if (e.occurredAt().isBefore(earliest)) {
      return Optional.of(new String[] {"occurredAt", "must not be older than the late-event window of "
          + (lateWindow.toSeconds() % 86_400 == 0 && lateWindow.toNanosPart() == 0 ? lateWindow.toDays() + " days"
              : lateWindow.toString())});
    }
    return Optional.empty();
  }

  private static boolean fits(BigDecimal stripped) {
    return stripped.precision() - stripped.scale() <= MAX_INTEGER_DIGITS && Math.max(0, stripped.scale()) <= MAX_FRACTION_DIGITS;
  }

  /** The rule a property breaks: keys are keys of 1-64 characters, values text of at most 256 (empty allowed). */
  private static String propertiesRule(Map<String, String> properties) {
    for (Map.Entry<String, String> p : properties.entrySet()) {
      String rule = TextPolicy.violation(p.getKey(), TextPolicy.Shape.KEY, MAX_PROPERTY_KEY);
      if (rule != null) {
        return "keys " + rule;
      }
      rule = TextPolicy.violation(p.getValue(), TextPolicy.Shape.LINE, MAX_PROPERTY_VALUE);
      if (rule != null && !rule.equals(TextPolicy.BLANK)) {
        return "values " + rule;
      }
    }
    return null;
  }

  /**
   * Cancels an event while the period it counts in is open; the totals drop by exactly its
   * contribution.
   *
   * @throws NotFoundException for an unknown key
   * @throws ConflictException if it was canceled already or its period was invoiced
   */
  @Override
  public void cancel(Actor actor, OrgId org, String idempotencyKey) {
    Objects.requireNonNull(org, "org");
    // No event can have a key outside the policy; PostgreSQL could not even look up a NUL.
    TextPolicy.key(idempotencyKey, "idempotencyKey", MAX_KEY);
    store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.USAGE_RECORD);
      UsageRecord r = tx.usage().find(idempotencyKey).orElseThrow(() -> new NotFoundException("usage event", idempotencyKey));
      if (r.canceled()) {
        throw new ConflictException(idempotencyKey, "was canceled already");
      }
      Optional<Subscription> sub = subscription.apply(tx);
      if (sub.isEmpty() || r.countedIn().start().isBefore(sub.get().currentPeriod().start())
          || sub.get().status() == SubscriptionStatus.CANCELED) {
        throw new ConflictException(idempotencyKey, "counts in a period that was invoiced; it can no longer be canceled");
      }
      tx.usage().markCanceled(idempotencyKey);
      Instant hour = r.bucket();
      HourlyRollup rebuilt = HourlyRollup.empty(r.meter(), hour);
      for (UsageRecord other : tx.usage().recordsInHour(r.meter(), hour)) {
        if (!other.canceled()) {
          rebuilt = rebuilt.plus(other);
        }
      }
      tx.usage().saveRollups(List.of(rebuilt));
      r.value().ifPresent(v -> tx.usage().adjustUniqueValue(r.meter(), r.countedIn().start(), v, -1));
      return null;
    });
  }

  /**
   * The usage of sum and count meters not yet reported to an external provider, hour by
   * hour, for hours that ended by now (the current hour is still filling), oldest first.
   * Needs {@code billing.read}. Max, last and unique-count meters report period values, not
   * deltas, and are left to the provider adapter. A {@code from} outside the range stored
   * instants lie in ({@link Bounds}) reads from the range's start.
   */
  @Override
  public List<UsageReport> unreported(Actor actor, OrgId org, Instant from, int limit) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(from, "from");
    InvalidRequestException.require(limit >= 1 && limit <= MAX_BATCH, "limit", "must be in 1.." + MAX_BATCH);
    Instant now = clock.instant();
    Instant since = Bounds.clamp(from);
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.BILLING_READ);
      List<UsageReport> reports = new ArrayList<>();
      for (Meter m : catalog.meters()) {
        if (!reportable(m)) {
          continue;
        }
        for (HourlyRollup r : tx.usage().rollups(m.key(), since, now)) {
          if (reports.size() == limit) {
            break;
          }
          Optional<UsageReport> report = reportOf(tx, org, m, r, now);
          report.ifPresent(reports::add);
        }
      }
      return reports;
    });
  }

  private static boolean reportable(Meter m) {
    return m.aggregation() == Aggregation.SUM || m.aggregation() == Aggregation.COUNT;
  }

  /** What {@link #unreported} lists for one rollup: its hour's usage not reported yet, once the hour ended. */
  private static Optional<UsageReport> reportOf(TenantTransaction tx, OrgId org, Meter m, HourlyRollup r, Instant now) {
    Instant end = Instant.ofEpochSecond(Math.floorDiv(r.hour().getEpochSecond(), 3600L) * 3600L + 3600L);
    if (end.isAfter(now)) {
      return Optional.empty();
    }
    BigDecimal total = m.aggregation() == Aggregation.SUM ? r.sum() : BigDecimal.valueOf(r.count());
    Map.Entry<BigDecimal, Integer> done = tx.usage().reported(m.key(), r.hour());
    BigDecimal delta = total.subtract(done.getKey());
    if (delta.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(new UsageReport(m.key(), r.hour(), end, delta, done.getValue(),
        "usage:" + org + ":" + m.key() + ":" + r.hour() + ":" + done.getValue()));
  }

  /**
   * Records that a report was accepted by the provider. Only a report that {@link #unreported}
   * would list right now is accepted — the same meter, window, quantity (compared as a number),
   * revision and identifier — so a report cannot be forged or inflated. A report of a revision
   * already recorded (a retry after a crash) changes nothing and is not an error.
   *
   * <p>Usage that arrives late for the report's hour after {@code unreported} listed it changes
   * what that call would list: the report is then refused as a conflict; read {@code unreported}
   * again.
   *
   * @throws InvalidRequestException naming {@code report.meter} for a meter that is not a sum or
   *     count meter of the catalog, or {@code report.revision} for a negative revision
   * @throws ConflictException for a report {@code unreported} would not list now: a revision
   *     not reached yet, no usage left to report in its window, or any field that differs
   */
  @Override
  public void markReported(Actor actor, OrgId org, UsageReport report) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(report, "report");
    // A report names a meter of the catalog; anything else could only have been made up.
    InvalidRequestException.require(catalog.meter(report.meter()).isPresent(), "report.meter", "must be a meter of the catalog");
    Instant now = clock.instant();
    store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.BILLING_MANAGE);
      Meter meter = catalog.meter(report.meter()).filter(CoreUsage::reportable).orElseThrow(() -> new InvalidRequestException(
          "report.meter", "must be a sum or count meter of the catalog; '" + report.meter() + "' is not"));
      InvalidRequestException.require(report.revision() >= 0, "report.revision", "must not be negative");
      InvalidRequestException.require(Bounds.inRange(report.windowStart()), "report.windowStart",
          "must be from " + Bounds.EARLIEST + " inclusive to " + Bounds.LATEST + " exclusive");
      int revision = tx.usage().reported(report.meter(), report.windowStart()).getValue();
      if (report.revision() < revision) {
        return null; // reported before: a retry changes nothing
      }
      List<HourlyRollup> rollups = tx.usage().rollups(meter.key(), report.windowStart(), report.windowStart().plusNanos(1));
      Optional<UsageReport> expected = rollups.isEmpty() || !rollups.get(0).hour().equals(report.windowStart())
          ? Optional.empty() : reportOf(tx, org, meter, rollups.get(0), now);
      if (expected.isEmpty() || !sameReport(expected.get(), report)) {
        throw new ConflictException("usage report", "is not a report of usage not yet reported; unreported() lists "
            + expected.map(CoreUsage::describe).orElse("nothing") + " for meter '" + report.meter() + "' at "
            + report.windowStart() + ", not " + describe(report));
      }
      tx.usage().addReported(report.meter(), report.windowStart(), report.quantity());
      return null;
    });
  }

  private static boolean sameReport(UsageReport expected, UsageReport given) {
    return expected.meter().equals(given.meter()) && expected.windowStart().equals(given.windowStart())
        && expected.windowEnd().equals(given.windowEnd()) && expected.quantity().compareTo(given.quantity()) == 0
        && expected.revision() == given.revision() && expected.identifier().equals(given.identifier());
  }

  /** A report in a message: the quantity in scientific notation and the identifier cut, whatever a caller sent. */
  private static String describe(UsageReport r) {
    String id = r.identifier().length() <= 300 ? r.identifier() : r.identifier().substring(0, 300) + "...";
    return r.quantity() + " in [" + r.windowStart() + ", " + r.windowEnd() + ") as revision " + r.revision() + " '"
        + id + "'";
  }

  /** Every meter's total over {@code period}, by its aggregation. Needs {@code features.read}. */
  @Override
  public Map<String, BigDecimal> totals(Actor actor, OrgId org, Period period) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(period, "period");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.FEATURES_READ);
      return usage(tx, period);
    });
  }

  /** Every meter's total over {@code period}, read from rollups only, inside a tenant transaction. */
  @Override
  public Map<String, BigDecimal> usage(TenantTransaction tx, Period period) {
    Map<String, BigDecimal> totals = new LinkedHashMap<>();
    for (Meter m : catalog.meters()) {
      totals.put(m.key(), total(tx.usage(), m, period));
    }
    return totals;
  }

  static BigDecimal total(UsageRepository usage, Meter meter, Period period) {
    if (meter.aggregation() == Aggregation.UNIQUE_COUNT) {
      return BigDecimal.valueOf(usage.uniqueValues(meter.key(), period.start()).size());
    }
    List<HourlyRollup> rollups = usage.rollups(meter.key(), period.start(), period.end());
    BigDecimal total = BigDecimal.ZERO;
    HourlyRollup latest = null;
    for (HourlyRollup r : rollups) {
      switch (meter.aggregation()) {
        case SUM -> total = total.add(r.sum());
        case COUNT -> total = total.add(BigDecimal.valueOf(r.count()));
        case MAX -> total = r.max().map(total::max).orElse(total);
        case LAST -> {
          if (r.lastAt().isPresent() && (latest == null || r.lastAt().get().isAfter(latest.lastAt().get())
              || (r.lastAt().get().equals(latest.lastAt().get()) && r.lastKey().get().compareTo(latest.lastKey().get()) > 0))) {
            latest = r;
          }
        }
        default -> { }
      }
    }
    if (meter.aggregation() == Aggregation.LAST) {
      return latest == null ? BigDecimal.ZERO : latest.last().orElse(BigDecimal.ZERO);
    }
    return total;
  }
}
