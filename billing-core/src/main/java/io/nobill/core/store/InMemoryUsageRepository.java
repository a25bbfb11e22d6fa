package io.nobill.core.store;

import io.nobill.core.error.NotFoundException;
import io.nobill.core.spi.UsageRepository;
import io.nobill.core.usage.HourlyRollup;
import io.nobill.core.usage.UsageRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

final class InMemoryUsageRepository implements UsageRepository {

  /** One organization's usage. */
  static final class Tables {
    final Map<String, UsageRecord> records = new HashMap<>();
    final Map<String, Map<Instant, List<String>>> keysByHour = new HashMap<>();
    final Map<String, NavigableMap<Instant, HourlyRollup>> rollups = new HashMap<>();
    final Map<String, Map<String, Long>> unique = new HashMap<>();
    final Set<String> quotaWarnings = new HashSet<>();
    final Map<String, Map.Entry<java.math.BigDecimal, Integer>> reported = new HashMap<>();
  }

  private final Transaction tx;
  private final Tables t;

  InMemoryUsageRepository(Transaction tx, Tables tables) {
    this.tx = tx;
    this.t = tables;
  }

  @Override
  public Optional<UsageRecord> find(String idempotencyKey) {
    tx.check();
    return Optional.ofNullable(t.records.get(Objects.requireNonNull(idempotencyKey, "idempotencyKey")));
  }

  @Override
  public Set<String> insertNew(List<UsageRecord> records) {
    tx.check();
    Set<String> existing = new HashSet<>();
    List<UsageRecord> added = new ArrayList<>(records.size());
    // A batch arrives mostly in runs of one meter and hour: the hour's key list is looked up
    // again only when the run changes, and the key index is probed once per event.
    String runMeter = null;
    long runHour = 0;
    io.nobill.core.catalog.Period runPeriod = null;
    List<String> runKeys = null;
    for (UsageRecord r : records) {
      String key = r.idempotencyKey();
      if (t.records.putIfAbsent(key, r) != null) {
        existing.add(key);
        continue;
      }
      long hour = r.bucketEpochSecond();
      if (runKeys == null || hour != runHour || !r.countedIn().equals(runPeriod) || !r.meter().equals(runMeter)) {
        runMeter = r.meter();
        runHour = hour;
        runPeriod = r.countedIn();
        runKeys = t.keysByHour.computeIfAbsent(runMeter, m -> new HashMap<>())
            .computeIfAbsent(r.bucket(), h -> new ArrayList<>());
      }
      runKeys.add(key);
      added.add(r);
    }
    tx.onRollback(() -> {
      for (UsageRecord r : added) {
        t.records.remove(r.idempotencyKey());
        t.keysByHour.get(r.meter()).get(r.bucket()).remove(r.idempotencyKey());
      }
    });
    return existing;
  }

  @Override
  public void markCanceled(String idempotencyKey) {
    tx.check();
    UsageRecord before = t.records.get(idempotencyKey);
    if (before == null) {
      throw new NotFoundException("usage event", idempotencyKey);
    }
    t.records.put(idempotencyKey, new UsageRecord(before.meter(), before.idempotencyKey(), before.occurredAt(),
        before.quantity(), before.value(), before.properties(), before.countedIn(), before.receivedAt(), true));
    tx.onRollback(() -> t.records.put(idempotencyKey, before));
  }

  @Override
  public List<UsageRecord> recordsInHour(String meter, Instant hour) {
    tx.check();
    List<UsageRecord> out = new ArrayList<>();
    for (String key : t.keysByHour.getOrDefault(meter, Map.of()).getOrDefault(hour, List.of())) {
      out.add(t.records.get(key));
    }
    return out;
  }

  @Override
  public List<HourlyRollup> rollups(String meter, Instant from, Instant to) {
    tx.check();
    NavigableMap<Instant, HourlyRollup> m = t.rollups.get(meter);
    return m == null ? List.of() : List.copyOf(m.subMap(from, true, to, false).values());
  }

  @Override
  public void saveRollups(Collection<HourlyRollup> rollups) {
    tx.check();
    Map<HourlyRollup, HourlyRollup> replaced = new LinkedHashMap<>();
    for (HourlyRollup r : rollups) {
      HourlyRollup before = t.rollups.computeIfAbsent(r.meter(), m -> new TreeMap<>()).put(r.hour(), r);
      replaced.put(r, before);
    }
    tx.onRollback(() -> replaced.forEach((r, before) -> {
      if (before == null) {
        t.rollups.get(r.meter()).remove(r.hour());
      } else {
        t.rollups.get(r.meter()).put(r.hour(), before);
      }
    }));
  }

  @Override
  public Map<String, Long> uniqueValues(String meter, Instant periodStart) {
    tx.check();
    return Map.copyOf(t.unique.getOrDefault(meter + "|" + periodStart, Map.of()));
  }

  @Override
  public void adjustUniqueValue(String meter, Instant periodStart, String value, long delta) {
    tx.check();
    Map<String, Long> values = t.unique.computeIfAbsent(meter + "|" + periodStart, k -> new HashMap<>());
    Long before = values.get(value);
    long after = (before == null ? 0 : before) + delta;
    if (after <= 0) {
      values.remove(value);
    } else {
      values.put(value, after);
    }
    tx.onRollback(() -> {
      if (before == null) {
        values.remove(value);
      } else {
        values.put(value, before);
      }
    });
  }

  @Override
  public boolean quotaWarned(String meter, Instant periodStart) {
    tx.check();
    return t.quotaWarnings.contains(meter + "|" + periodStart);
  }

  @Override
  public void markQuotaWarned(String meter, Instant periodStart) {
    tx.check();
    String key = meter + "|" + periodStart;
    if (t.quotaWarnings.add(key)) {
      tx.onRollback(() -> t.quotaWarnings.remove(key));
    }
  }

  @Override
  public Map.Entry<java.math.BigDecimal, Integer> reported(String meter, Instant bucket) {
    tx.check();
    return t.reported.getOrDefault(meter + "|" + bucket, Map.entry(java.math.BigDecimal.ZERO, 0));
  }

  @Override
  public void addReported(String meter, Instant bucket, java.math.BigDecimal quantity) {
    tx.check();
    String key = meter + "|" + bucket;
    Map.Entry<java.math.BigDecimal, Integer> before = t.reported.get(key);
    Map.Entry<java.math.BigDecimal, Integer> now = before == null ? Map.entry(quantity, 1)
        : Map.entry(before.getKey().add(quantity), before.getValue() + 1);
    t.reported.put(key, now);
    tx.onRollback(() -> {
      if (before == null) {
        t.reported.remove(key);
      } else {
        t.reported.put(key, before);
      }
    });
  }
}
