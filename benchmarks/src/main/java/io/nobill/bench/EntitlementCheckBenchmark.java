package io.nobill.bench;

import io.nobill.core.entitlement.EntitlementRules;
import io.nobill.core.catalog.Enforcement;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.entitlement.Decision;
import io.nobill.core.entitlement.EntitlementInputs;
import io.nobill.core.entitlement.EntitlementOverride;
import io.nobill.core.entitlement.EntitlementSnapshot;
import io.nobill.core.entitlement.Entitlements;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Entitlement checks per second on one thread, against a warm snapshot of the seed Pro plan
 * with usage: {@code check} rotates over eight meter/quantity pairs prepared in setup — the
 * plan's soft-limited API calls (three within the limit, one into overage), a hard limit
 * from an override (one allowed, one denied), an unlimited meter and one the plan lacks.
 * The {@code baseline} answers the same questions with a {@code HashMap<String, long[]>}
 * lookup and a {@code long} comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EntitlementCheckBenchmark {
  private static final int MASK = 7;
  private static final String[] METERS = {
      "api_calls", "storage_gb", "api_calls", "exports", "api_calls", "storage_gb", "api_calls", "fax_pages"};
  private static final long[] QUANTITIES = {1, 5, 10, 1_000, 100, 100, 700_000, 1};

  private EntitlementSnapshot snapshot;
  private BigDecimal[] quantities;
  private Map<String, long[]> plain;
  private int next;

  @Setup
  public void setUp() {
    Plan pro = SeedCatalog.create("EUR").latest(SeedCatalog.PRO).orElseThrow();
    Instant now = Instant.parse("2026-03-10T12:00:00Z");
    List<EntitlementOverride> overrides = List.of(
        new EntitlementOverride.LimitOverride("storage_gb", Optional.of(new BigDecimal("100")), Enforcement.HARD,
            Optional.empty()),
        new EntitlementOverride.LimitOverride("exports", Optional.empty(), Enforcement.HARD, Optional.empty()),
        new EntitlementOverride.FeatureGrant("sso", Optional.of(now.plusSeconds(86_400))));
    snapshot = EntitlementRules.evaluate(new EntitlementInputs(Optional.of(pro), true, overrides,
        Map.of("api_calls", new BigDecimal("400000"), "storage_gb", new BigDecimal("40")), 12, now));
    quantities = new BigDecimal[QUANTITIES.length];
    for (int i = 0; i < QUANTITIES.length; i++) {
      quantities[i] = BigDecimal.valueOf(QUANTITIES[i]);
    }
    // {included, used, hard ? 1 : 0}; unlimited is Long.MAX_VALUE included.
    plain = new HashMap<>();
    plain.put("api_calls", new long[] {1_000_000, 400_000, 0});
    plain.put("storage_gb", new long[] {100, 40, 1});
    plain.put("exports", new long[] {Long.MAX_VALUE, 0, 0});
  }

  @Benchmark
  @ResultUnit("checks/s")
  public Decision check() {
    int i = next++ & MASK;
    return snapshot.check(METERS[i], quantities[i]);
  }

  @Benchmark
  public long baseline() {
    int i = next++ & MASK;
    long[] limit = plain.get(METERS[i]);
    if (limit == null) {
      return -1;
    }
    long left = limit[0] - limit[1] - QUANTITIES[i];
    return left >= 0 || limit[2] == 0 ? Math.max(left, 0) : -2;
  }
}
