package io.nobill.core.usage;

import static io.nobill.core.testkit.UsageContract.CALLS;
import static io.nobill.core.testkit.UsageContract.GAUGE;
import static io.nobill.core.testkit.UsageContract.PEAK;
import static io.nobill.core.testkit.UsageContract.REQUESTS;
import static io.nobill.core.testkit.UsageContract.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.access.Actor;
import io.nobill.core.Billing;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.catalog.Period;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.testkit.TestClock;
import io.nobill.core.testkit.UsageContract;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever events arrive — repeated keys within and across batches, invalid events,
 * cancellations (of counted, canceled and unknown keys), in any order of occurrence — every
 * meter's total for the period equals a naive recomputation over the events that were
 * accepted and not canceled: the sum, the count, the largest, the latest by (occurrence time,
 * key), and the number of distinct values. Periods start at a random second within an hour,
 * so hours cut by the period boundary are exercised too.
 */
class UsageProperties {
  private static final Actor JOB = Actor.job("usage-properties");
  private static final String[] METERS = {CALLS, REQUESTS, PEAK, GAUGE, USERS};
  private static final int KEYS = 30;
  private static final int[] SECONDS = {0, 1, 1_799, 3_599};

  /** One generated event: indexes pick the meter, the key and the value; {@code bad} makes its quantity negative. */
  record Ev(int meter, int key, int hour, int second, long unscaled, int scale, int value, boolean bad) {
    UsageEvent toEvent(Instant periodStart) {
      BigDecimal q = BigDecimal.valueOf(unscaled, scale);
      return new UsageEvent(METERS[meter], "k" + key, periodStart.plusSeconds(hour * 3_600L + SECONDS[second]),
          bad ? q.negate().subtract(BigDecimal.ONE) : q,
          METERS[meter].equals(USERS) ? Optional.of("user-" + value) : Optional.empty(), Map.of());
    }
  }

  /** A batch of events, or (when {@code events} is empty) the cancellation of {@code cancelKey}. */
  record Op(List<Ev> events, int cancelKey) {}

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Ev> ev = Combinators.combine(
        Arbitraries.integers().between(0, METERS.length - 1),
        Arbitraries.integers().between(0, KEYS - 1),
        Arbitraries.integers().between(0, 60),
        Arbitraries.integers().between(0, SECONDS.length - 1),
        Arbitraries.longs().between(0, 100_000),
        Arbitraries.integers().between(0, 3),
        Arbitraries.integers().between(0, 5),
        Arbitraries.integers().between(0, 9).map(i -> i == 0)).as(Ev::new);
    Arbitrary<Op> batch = ev.list().ofMinSize(1).ofMaxSize(12).map(events -> new Op(events, -1));
    Arbitrary<Op> cancel = Arbitraries.integers().between(0, KEYS + 2).map(k -> new Op(List.of(), k));
    return Arbitraries.frequencyOf(Tuple.of(3, batch), Tuple.of(1, cancel))
        .list().ofMinSize(1).ofMaxSize(25);
  }

  @Property(tries = 250)
  void totalsEqualANaiveRecomputationOfTheLiveEvents(@ForAll("operations") List<Op> ops,
      @ForAll @IntRange(min = 0, max = 3_599) int startSecond) {
    TestClock clock = TestClock.at(Instant.parse("2026-03-01T00:00:00Z").plusSeconds(startSecond));
    Billing billing = Billing.builder()
        .store(InMemoryBillingStore.create())
        .catalog(UsageContract.aggregationCatalog())
        .taxCalculator(TaxCalculator.NONE)
        .subscriptions(SubscriptionSettings.defaults(UsageContract.METERED))
        .clock(clock)
        .idGenerator(IdGenerator.sequential())
        .build();
    UserId owner = billing.ids().next(UserId::of);
    OrgId org = billing.organizations().provision(Actor.member(owner), new NewOrganization(Optional.empty(), "Acme",
        "billing@acme.example", "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, owner)).id();
    Period period = billing.subscriptions().current(JOB, org).orElseThrow().currentPeriod();
    clock.set(period.start().plus(Duration.ofDays(3)));

    Map<String, UsageEvent> accepted = new HashMap<>();
    Set<String> canceled = new HashSet<>();
    for (Op op : ops) {
      if (op.events().isEmpty()) {
        String key = "k" + op.cancelKey();
        if (!accepted.containsKey(key)) {
          assertThatThrownBy(() -> billing.usage().cancel(JOB, org, key)).isInstanceOf(NotFoundException.class);
        } else if (!canceled.add(key)) {
          assertThatThrownBy(() -> billing.usage().cancel(JOB, org, key)).isInstanceOf(ConflictException.class);
        } else {
          billing.usage().cancel(JOB, org, key);
        }
      } else {
        List<UsageEvent> batch = op.events().stream().map(e -> e.toEvent(period.start())).toList();
        List<UsageResult> results = billing.usage().recordAll(JOB, org, batch);
        assertThat(results).hasSize(batch.size());
        for (int i = 0; i < batch.size(); i++) {
          UsageEvent e = batch.get(i);
          UsageResult r = results.get(i);
          assertThat(r.idempotencyKey()).isEqualTo(e.idempotencyKey());
          if (e.quantity().signum() < 0) {
            assertThat(r).isInstanceOfSatisfying(UsageResult.Rejected.class,
                x -> assertThat(x.field()).isEqualTo("quantity"));
          } else if (accepted.containsKey(e.idempotencyKey())) {
            assertThat(r).isInstanceOf(UsageResult.Duplicate.class);
          } else {
            assertThat(r).isInstanceOf(UsageResult.Accepted.class);
            accepted.put(e.idempotencyKey(), e);
          }
        }
      }
      Map<String, BigDecimal> totals = billing.usage().totals(JOB, org, period);
      Map<String, BigDecimal> expected = naive(accepted, canceled);
      assertThat(totals).containsOnlyKeys(expected.keySet());
      expected.forEach((meter, q) -> assertThat(totals.get(meter)).as(meter).isEqualByComparingTo(q));
    }
  }

  /** Every meter's total, recomputed from scratch from the live (accepted, not canceled) events. */
  private static Map<String, BigDecimal> naive(Map<String, UsageEvent> accepted, Set<String> canceled) {
    Map<String, List<UsageEvent>> live = new LinkedHashMap<>();
    for (String meter : METERS) {
      live.put(meter, new ArrayList<>());
    }
    accepted.forEach((key, e) -> {
      if (!canceled.contains(key)) {
        live.get(e.meter()).add(e);
      }
    });
    Map<String, BigDecimal> totals = new LinkedHashMap<>();
    totals.put(CALLS, live.get(CALLS).stream().map(UsageEvent::quantity).reduce(BigDecimal.ZERO, BigDecimal::add));
    totals.put(REQUESTS, BigDecimal.valueOf(live.get(REQUESTS).size()));
    totals.put(PEAK, live.get(PEAK).stream().map(UsageEvent::quantity).max(Comparator.naturalOrder()).orElse(BigDecimal.ZERO));
    totals.put(GAUGE, live.get(GAUGE).stream()
        .max(Comparator.comparing(UsageEvent::occurredAt).thenComparing(UsageEvent::idempotencyKey))
        .map(UsageEvent::quantity).orElse(BigDecimal.ZERO));
    totals.put(USERS, BigDecimal.valueOf(live.get(USERS).stream().map(e -> e.value().orElseThrow()).distinct().count()));
    return totals;
  }
}
