package io.nobill.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.nobill.core.access.Actor;
import io.nobill.core.Billing;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.usage.UsageEvent;
import io.nobill.core.usage.UsageResult;
import io.nobill.jdbc.JdbcBillingStore;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Usage events per second through {@code Usage.recordAll} in batches of 1,000 on a real
 * database: the permission check, validation, the per-organization lock, one query for the
 * batch's known keys, one batched insert of the events and the upserted hourly rollups, all
 * in one transaction. {@code recordAll} runs on one thread, {@code recordAll2} on two, each
 * thread into its own organization. The {@code baseline} inserts the same rows with plain JDBC
 * — {@code INSERT … ON CONFLICT DO NOTHING}, batches of 1,000, one commit per batch — into a
 * bare table with the same columns and the same unique key (org_id, idempotency_key).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class JdbcUsageIngestion {
  static final int BATCH = 1_000;
  private static final Actor JOB = Actor.job("benchmark");
  private static final BigDecimal[] QUANTITIES = {BigDecimal.ONE, BigDecimal.valueOf(3), BigDecimal.TEN};
  private static final AtomicLong THREADS = new AtomicLong();

  JdbcBillingStore store;
  Billing billing;
  HikariDataSource plain;
  SettableClock clock;
  Instant now;

  abstract BenchDatabases.Kind kind();


  /** One thread's organization, on a Pro trial, and its key counter. */
  @State(Scope.Thread)
  public static class Tenant {
    OrgId org;
    String prefix;
    long next;
    UUID plainOrg;

    /** Provisions the thread's organization on its first call (during warm-up). */
    Tenant ready(JdbcUsageIngestion bench) {
      if (org != null) {
        return this;
      }
      prefix = "t" + THREADS.incrementAndGet() + "-";
      plainOrg = UUID.randomUUID();
      synchronized (bench) {
        Instant saved = bench.clock.instant;
        bench.clock.instant = Instant.parse("2026-01-01T09:00:00Z");
        UserId owner = bench.billing.ids().next(UserId::of);
        org = bench.billing.organizations().provision(Actor.member(owner), new NewOrganization(Optional.empty(), "Acme",
            "billing@acme.example", "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, owner)).id();
        bench.clock.instant = saved;
      }
      return this;
    }

    List<UsageEvent> batch(Instant now) {
      List<UsageEvent> events = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        events.add(UsageEvent.of(SeedCatalog.API_CALLS, prefix + next++, now.minusSeconds(60L * i), QUANTITIES[i % 3]));
      }
      return events;
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    BenchDatabases db = BenchDatabases.create(kind());
    store = db.store(4);
    clock = new SettableClock(Instant.parse("2026-01-02T09:00:00Z"));
    now = clock.instant;
    billing = Billing.builder().store(store).catalog(SeedCatalog.create("EUR")).taxCalculator(TaxCalculator.NONE)
        .subscriptions(SubscriptionSettings.defaults(SeedCatalog.PRO)).clock(clock)
        .idGenerator(IdGenerator.timeOrdered(clock)).build();
    plain = db.plainPool();
    try (Connection c = plain.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE bench_usage_plain (org_id UUID NOT NULL, idempotency_key VARCHAR(300) NOT NULL, "
          + "meter VARCHAR(200) NOT NULL, bucket BIGINT NOT NULL, occurred_at BIGINT NOT NULL, quantity VARCHAR(100) NOT NULL, "
          + "unique_value VARCHAR(300), properties VARCHAR(100000), counted_start BIGINT NOT NULL, counted_end BIGINT NOT NULL, "
          + "received_at BIGINT NOT NULL, canceled BOOLEAN NOT NULL, PRIMARY KEY (org_id, idempotency_key))");
      c.commit();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    store.close();
    plain.close();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  @ResultUnit("events/s")
  public List<UsageResult> recordAll(Tenant t) {
    return billing.usage().recordAll(JOB, t.ready(this).org, t.batch(now));
  }

  @Benchmark
  @Threads(2)
  @OperationsPerInvocation(BATCH)
  @ResultUnit("events/s")
  public List<UsageResult> recordAll2(Tenant t) {
    return billing.usage().recordAll(JOB, t.ready(this).org, t.batch(now));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int baseline(Tenant t) throws SQLException {
    List<UsageEvent> events = t.ready(this).batch(now);
    long received = now.getEpochSecond() * 1_000_000_000L;
    try (Connection c = plain.getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO bench_usage_plain (org_id, idempotency_key, meter, bucket, occurred_at, quantity, unique_value, "
            + "properties, counted_start, counted_end, received_at, canceled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT DO NOTHING")) {
      for (UsageEvent e : events) {
        long at = e.occurredAt().getEpochSecond() * 1_000_000_000L;
        ps.setObject(1, t.plainOrg);
        ps.setString(2, e.idempotencyKey());
        ps.setString(3, e.meter());
        ps.setLong(4, at / 3_600_000_000_000L * 3_600_000_000_000L);
        ps.setLong(5, at);
        ps.setString(6, e.quantity().toString());
        ps.setString(7, null);
        ps.setString(8, "{}");
        ps.setLong(9, received - 86_400_000_000_000L);
        ps.setLong(10, received + 86_400_000_000_000L * 13);
        ps.setLong(11, received);
        ps.setBoolean(12, false);
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      c.commit();
      return counts.length;
    }
  }
}
