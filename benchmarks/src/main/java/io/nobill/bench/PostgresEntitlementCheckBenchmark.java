package io.nobill.bench;

import io.nobill.core.access.Actor;
import io.nobill.core.Billing;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.entitlement.Decision;
import io.nobill.core.entitlement.EntitlementSnapshot;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.jdbc.JdbcBillingStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Entitlement checks per second through {@code Billing.entitlements().check} over the JDBC
 * store on PostgreSQL with a warm cache: the actor's permission and the organization's
 * snapshot come from the store's read cache, so no transaction runs. It rotates over four
 * meter/quantity pairs of a Pro trial. The {@code baseline} asks the same questions of the
 * snapshot itself, with no cache and no permission check; target at least 1,000,000 checks/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PostgresEntitlementCheckBenchmark {
  private static final String[] METERS = {"api_calls", "storage_gb", "api_calls", "fax_pages"};
  private static final BigDecimal[] QUANTITIES = {BigDecimal.ONE, BigDecimal.TEN, new BigDecimal("2000000"), BigDecimal.ONE};

  private JdbcBillingStore store;
  private Billing billing;
  private Actor owner;
  private OrgId org;
  private EntitlementSnapshot snapshot;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    store = BenchDatabases.create(BenchDatabases.Kind.POSTGRESQL).store(2);
    Clock clock = Clock.fixed(Instant.parse("2026-01-02T09:00:00Z"), ZoneOffset.UTC);
    billing = Billing.builder().store(store).catalog(SeedCatalog.create("EUR")).taxCalculator(TaxCalculator.NONE)
        .subscriptions(SubscriptionSettings.defaults(SeedCatalog.PRO)).clock(clock)
        .idGenerator(IdGenerator.timeOrdered(clock)).build();
    UserId user = billing.ids().next(UserId::of);
    owner = Actor.member(user);
    org = billing.organizations().provision(owner, new NewOrganization(Optional.empty(), "Acme", "billing@acme.example",
        "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, user)).id();
    snapshot = billing.entitlements().snapshot(owner, org);
    billing.entitlements().check(owner, org, METERS[0], QUANTITIES[0]);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    store.close();
  }

  @Benchmark
  @ResultUnit("checks/s")
  public Decision check() {
    int i = next++ & 3;
    return billing.entitlements().check(owner, org, METERS[i], QUANTITIES[i]);
  }

  @Benchmark
  public Decision baseline() {
    int i = next++ & 3;
    return snapshot.check(METERS[i], QUANTITIES[i]);
  }
}
