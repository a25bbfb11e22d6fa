package io.nobill.bench;

import io.nobill.core.Actor;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
 * occurrence times spread over the last hours of the trial. A fresh store each iteration
 * keeps the event table from growing without bound. The {@code baseline} builds the same
 * 1,000 events and appends them to an {@code ArrayList}.
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

  /** A clock that stands still after setup moves it: the trial starts at provisioning, events come a day later. */
  private static final class SettableClock extends Clock {
    private volatile Instant instant;

    SettableClock(Instant instant) {
      this.instant = instant;
    }

    @Override
    public Instant instant() {
      return instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Setup(Level.Iteration)
  public void setUp() {
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
    plain = new ArrayList<>();
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
    return billing.usage().recordAll(JOB, org, batch());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int baseline() {
    // Started afresh every million events, about what the store holds after an iteration:
    // appending is far faster than ingesting, and keeping an iteration's worth would measure
    // the garbage collector copying it rather than the appends.
    if (plain.size() >= 1_000_000) {
      plain = new ArrayList<>();
    }
    for (UsageEvent e : batch()) {
      plain.add(e);
    }
    return plain.size();
  }
}
