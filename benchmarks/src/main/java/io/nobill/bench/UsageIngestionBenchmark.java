package io.nobill.bench;

import io.nobill.core.access.Actor;
import io.nobill.core.Billing;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.usage.UsageEvent;
import io.nobill.core.usage.UsageResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Usage events per second through {@code Usage.recordAll} in batches of 1,000, into one
 * organization on the in-memory store: permission check, per-event validation, access and
 * period resolution, in-batch and stored deduplication, the stored event, its hourly rollup
 * and the soft-limit quota check of the seed Pro plan. The organization is on a Pro trial so
 * every event has access; keys are distinct, quantities small (the limit is never crossed),
 * occurrence times spread over the last hours of the trial. The {@code baseline} builds the
 * same 1,000 events and appends them to an {@code ArrayList}.
 *
 * <p>Both start afresh every million events — a new store and organization for {@code
 * recordAll}, a new list for the baseline — and the restart is inside the measured time. Every
 * stored event stays reachable, so without a bound an iteration would measure the garbage
 * collector copying an ever larger live set (several million events, over a second of
 * collection per three-second iteration) rather than ingestion.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class UsageIngestionBenchmark {
  private static final int BATCH = 1_000;
  private static final Actor JOB = Actor.job("benchmark");
  private static final BigDecimal[] QUANTITIES = {BigDecimal.ONE, BigDecimal.valueOf(3), BigDecimal.TEN};

  private Billing billing;
  private OrgId org;
  private Instant now;
  private long next;
  private List<UsageEvent> plain;

  private static final int RESTART_AFTER = 1_000_000;
  private long stored;

  @Setup(Level.Iteration)
  public void setUp() {
    freshStore();
    plain = new ArrayList<>();
  }

  private void freshStore() {
    stored = 0;
    // The clock stands still once set: the trial starts at provisioning, events come a day later.
    SettableClock clock = new SettableClock(Instant.parse("2026-01-01T09:00:00Z"));
    billing = Billing.builder()
        .store(InMemoryBillingStore.create())
        .catalog(SeedCatalog.create("EUR"))
        .taxCalculator(TaxCalculator.NONE)
        .subscriptions(SubscriptionSettings.defaults(SeedCatalog.PRO))
        .clock(clock)
        .idGenerator(IdGenerator.sequential())
        .build();
    UserId owner = billing.ids().next(UserId::of);
    org = billing.organizations().provision(Actor.member(owner), new NewOrganization(Optional.empty(), "Acme",
        "billing@acme.example", "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, owner)).id();
    clock.instant = clock.instant.plus(Duration.ofDays(1));
    now = clock.instant();
  }

  /** 1,000 events with fresh keys, spread over the last 1,000 minutes. */
  private List<UsageEvent> batch() {
    List<UsageEvent> events = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      long n = next++;
      events.add(UsageEvent.of(SeedCatalog.API_CALLS, "evt-" + n, now.minusSeconds(60L * i), QUANTITIES[i % 3]));
    }
    return events;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  @ResultUnit("events/s")
  public List<UsageResult> recordAll() {
    if (stored >= RESTART_AFTER) {
      freshStore();
    }
    stored += BATCH;
    return billing.usage().recordAll(JOB, org, batch());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int baseline() {
    if (plain.size() >= RESTART_AFTER) {
      plain = new ArrayList<>();
    }
    for (UsageEvent e : batch()) {
      plain.add(e);
    }
    return plain.size();
  }
}
