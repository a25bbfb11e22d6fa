package io.nobill.jdbc.internal;

import io.nobill.core.error.NotFoundException;
import io.nobill.core.catalog.Period;
import io.nobill.core.spi.UsageRepository;
import io.nobill.core.usage.HourlyRollup;
import io.nobill.core.usage.UsageRecord;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Usage in five tables: raw events, hourly rollups, unique-count values, raised quota warnings
 * and what was reported to a provider. Ingestion is the hot path, so a batch of events costs a
 * fixed number of round trips — on PostgreSQL one insert that returns the new keys, on H2 one
 * lookup of the keys stored already and one batched insert — and rollups are upserted in one
 * batch.
 */
final class JdbcUsageRepository implements UsageRepository {

  /** How many keys one lookup names, so one statement's array stays bounded. */
  private static final int LOOKUP_CHUNK = 1000;

  private static final String EVENT_COLUMNS = "idempotency_key, meter, occurred_at, quantity, unique_value, properties, "
      + "counted_start, counted_end, received_at, canceled";

  private static final String ROLLUP_COLUMNS = "meter, hour_start, total, event_count, max_quantity, last_at, last_key, "
      + "last_quantity";

  private final JdbcTenant tx;

  JdbcUsageRepository(JdbcTenant tx) {
    this.tx = tx;
  }

  @Override
  public Optional<UsageRecord> find(String idempotencyKey) {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    return tx.handle().createQuery("SELECT " + EVENT_COLUMNS + " FROM nobill_usage_event "
            + "WHERE org_id = :org AND idempotency_key = :key")
        .bind("org", tx.orgId())
        .bind("key", idempotencyKey)
        .map((rs, ctx) -> record(rs))
        .findOne();
  }

  @Override
  public Set<String> insertNew(List<UsageRecord> records) {
    Objects.requireNonNull(records, "records");
    Handle h = tx.handle();
    if (records.isEmpty()) {
      return new HashSet<>();
    }
    if (tx.dialect() == Dialect.POSTGRESQL) {
      return insertNewPostgres(h, records);
    }
    List<String> keys = new ArrayList<>(records.size());
    for (UsageRecord r : records) {
      keys.add(Objects.requireNonNull(r, "record").idempotencyKey());
    }
    Set<String> existing = storedKeys(keys);
    // The tenant lock is held since the transaction began, so no other writer can store one of
    // these keys between the lookup and the insert.
    PreparedBatch batch = h.prepareBatch("INSERT INTO nobill_usage_event (org_id, " + EVENT_COLUMNS + ", bucket) "
        + "VALUES (:org, :key, :meter, :occurredAt, :quantity, :value, :properties, :countedStart, :countedEnd, "
        + ":receivedAt, :canceled, :bucket)");
    int added = 0;
    for (UsageRecord r : records) {
      if (existing.contains(r.idempotencyKey())) {
        continue;
      }
      batch.bind("org", tx.orgId())
          .bind("key", r.idempotencyKey())
          .bind("meter", r.meter())
          .bind("occurredAt", Instants.nanos(r.occurredAt()))
          .bind("quantity", r.quantity().toString())
          .bind("value", r.value().orElse(null))
          .bind("properties", properties(r))
          .bind("countedStart", Instants.nanos(r.countedIn().start()))
          .bind("countedEnd", Instants.nanos(r.countedIn().end()))
          .bind("receivedAt", Instants.nanos(r.receivedAt()))
          .bind("canceled", r.canceled())
          .bind("bucket", Instants.nanos(r.bucket()))
          .add();
      added++;
    }
    if (added > 0) {
      batch.execute();
    }
    return existing;
  }

  private String properties(UsageRecord r) {
    return r.properties().isEmpty() ? null : tx.bodies().writeUsageProperties(r.properties());
  }

  /**
   * PostgreSQL: the whole batch in one statement, one array per column, and the unique key
   * decides: {@code ON CONFLICT DO NOTHING RETURNING} names the keys that were new, so there is
   * no lookup whose plan could degrade into a scan of the organization's events as they grow.
   */
  private Set<String> insertNewPostgres(Handle h, List<UsageRecord> records) {
    int n = records.size();
    List<String> keys = new ArrayList<>(n);
    List<String> meters = new ArrayList<>(n);
    List<Long> occurred = new ArrayList<>(n);
    List<String> quantities = new ArrayList<>(n);
    List<String> values = new ArrayList<>(n);
    List<String> props = new ArrayList<>(n);
    List<Long> countedStart = new ArrayList<>(n);
    List<Long> countedEnd = new ArrayList<>(n);
    List<Long> received = new ArrayList<>(n);
    List<Boolean> canceled = new ArrayList<>(n);
    List<Long> buckets = new ArrayList<>(n);
    for (UsageRecord r : records) {
      Objects.requireNonNull(r, "record");
      keys.add(r.idempotencyKey());
      meters.add(r.meter());
      occurred.add(Instants.nanos(r.occurredAt()));
      quantities.add(r.quantity().toString());
      values.add(r.value().orElse(null));
      props.add(properties(r));
      countedStart.add(Instants.nanos(r.countedIn().start()));
      countedEnd.add(Instants.nanos(r.countedIn().end()));
      received.add(Instants.nanos(r.receivedAt()));
      canceled.add(r.canceled());
      buckets.add(Instants.nanos(r.bucket()));
    }
    Set<String> inserted = new HashSet<>(n * 2);
    h.createQuery("INSERT INTO nobill_usage_event (org_id, " + EVENT_COLUMNS + ", bucket) "
            + "SELECT :org, k, m, o, q, v, p, cs, ce, r, c, b FROM unnest(CAST(:keys AS varchar[]), "
            + "CAST(:meters AS varchar[]), CAST(:occurred AS bigint[]), CAST(:quantities AS varchar[]), "
            + "CAST(:uniqueValues AS varchar[]), CAST(:props AS varchar[]), CAST(:countedStart AS bigint[]), "
            + "CAST(:countedEnd AS bigint[]), CAST(:received AS bigint[]), CAST(:canceled AS boolean[]), "
            + "CAST(:buckets AS bigint[])) AS t(k, m, o, q, v, p, cs, ce, r, c, b) "
            + "ON CONFLICT (org_id, idempotency_key) DO NOTHING RETURNING idempotency_key")
        .bind("org", tx.orgId())
        .bindArray("keys", String.class, keys)
        .bindArray("meters", String.class, meters)
        .bindArray("occurred", Long.class, occurred)
        .bindArray("quantities", String.class, quantities)
        .bindArray("uniqueValues", String.class, values)
        .bindArray("props", String.class, props)
        .bindArray("countedStart", Long.class, countedStart)
        .bindArray("countedEnd", Long.class, countedEnd)
        .bindArray("received", Long.class, received)
        .bindArray("canceled", Boolean.class, canceled)
        .bindArray("buckets", Long.class, buckets)
        .mapTo(String.class)
        .forEach(inserted::add);
    Set<String> existing = new HashSet<>();
    for (String key : keys) {
      if (!inserted.contains(key)) {
        existing.add(key);
      }
    }
    return existing;
  }

  @Override
  public Set<String> storedKeys(Collection<String> keys) {
    Objects.requireNonNull(keys, "keys");
    Handle h = tx.handle();
    List<String> all = List.copyOf(keys);
    Set<String> stored = new HashSet<>();
    for (int from = 0; from < all.size(); from += LOOKUP_CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + LOOKUP_CHUNK));
      // Both databases probe the primary key once per key: PostgreSQL through unnest, H2
      // through a table of the keys (an IN list on the second key column scans on H2).
      String keysTable = tx.dialect() == Dialect.POSTGRESQL ? "unnest(CAST(:keys AS varchar[])) AS t(k)"
          : "TABLE(k VARCHAR = :keys) t";
      h.createQuery("SELECT e.idempotency_key FROM " + keysTable
              + " JOIN nobill_usage_event e ON e.org_id = :org AND e.idempotency_key = t.k")
          .bind("org", tx.orgId())
          .bindArray("keys", String.class, chunk)
          .mapTo(String.class)
          .forEach(stored::add);
    }
    return stored;
  }

  @Override
  public void markCanceled(String idempotencyKey) {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    int rows = tx.handle().createUpdate("UPDATE nobill_usage_event SET canceled = TRUE "
            + "WHERE org_id = :org AND idempotency_key = :key")
        .bind("org", tx.orgId())
        .bind("key", idempotencyKey)
        .execute();
    if (rows == 0) {
      throw new NotFoundException("usage event", idempotencyKey);
    }
  }

  @Override
  public List<UsageRecord> recordsInHour(String meter, Instant hour) {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(hour, "hour");
    // A rollup's events are re-folded order-independently (ties broken by key), so the order
    // only needs to be stable.
    return tx.handle().createQuery("SELECT " + EVENT_COLUMNS + " FROM nobill_usage_event "
            + "WHERE org_id = :org AND meter = :meter AND bucket = :bucket ORDER BY idempotency_key")
        .bind("org", tx.orgId())
        .bind("meter", meter)
        .bind("bucket", Instants.nanos(hour))
        .map((rs, ctx) -> record(rs))
        .list();
  }

  @Override
  public List<HourlyRollup> rollups(String meter, Instant from, Instant to) {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return tx.handle().createQuery("SELECT " + ROLLUP_COLUMNS + " FROM nobill_usage_rollup "
            + "WHERE org_id = :org AND meter = :meter AND hour_start >= :from AND hour_start < :to ORDER BY hour_start")
        .bind("org", tx.orgId())
        .bind("meter", meter)
        .bind("from", Instants.nanos(from))
        .bind("to", Instants.nanos(to))
        .map((rs, ctx) -> rollup(rs))
        .list();
  }

  @Override
  public void saveRollups(Collection<HourlyRollup> rollups) {
    Objects.requireNonNull(rollups, "rollups");
    Handle h = tx.handle();
    // The last of several rollups for one hour wins, as in a map; one upsert per hour keeps
    // PostgreSQL from seeing the same key twice in one statement.
    Map<Map.Entry<String, Instant>, HourlyRollup> byHour = new LinkedHashMap<>();
    for (HourlyRollup r : rollups) {
      Objects.requireNonNull(r, "rollup");
      byHour.put(Map.entry(r.meter(), r.hour()), r);
    }
    if (byHour.isEmpty()) {
      return;
    }
    String values = "(:org, :meter, :hour, :total, :count, :max, :lastAt, :lastKey, :last)";
    String sql = tx.dialect() == Dialect.POSTGRESQL
        ? "INSERT INTO nobill_usage_rollup (org_id, " + ROLLUP_COLUMNS + ") VALUES " + values
            + " ON CONFLICT (org_id, meter, hour_start) DO UPDATE SET total = EXCLUDED.total, "
            + "event_count = EXCLUDED.event_count, max_quantity = EXCLUDED.max_quantity, last_at = EXCLUDED.last_at, "
            + "last_key = EXCLUDED.last_key, last_quantity = EXCLUDED.last_quantity"
        : "MERGE INTO nobill_usage_rollup (org_id, " + ROLLUP_COLUMNS + ") KEY (org_id, meter, hour_start) VALUES "
            + values;
    PreparedBatch batch = h.prepareBatch(sql);
    for (HourlyRollup r : byHour.values()) {
      batch.bind("org", tx.orgId())
          .bind("meter", r.meter())
          .bind("hour", Instants.nanos(r.hour()))
          .bind("total", r.sum().toString())
          .bind("count", r.count())
          .bind("max", r.max().map(BigDecimal::toString).orElse(null))
          .bind("lastAt", Instants.nanosOrNull(r.lastAt()))
          .bind("lastKey", r.lastKey().orElse(null))
          .bind("last", r.last().map(BigDecimal::toString).orElse(null))
          .add();
    }
    batch.execute();
  }

  @Override
  public Map<String, Long> uniqueValues(String meter, Instant periodStart) {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(periodStart, "periodStart");
    Map<String, Long> values = new HashMap<>();
    tx.handle().createQuery("SELECT unique_value, occurrences FROM nobill_usage_unique "
            + "WHERE org_id = :org AND meter = :meter AND period_start = :period")
        .bind("org", tx.orgId())
        .bind("meter", meter)
        .bind("period", Instants.nanos(periodStart))
        .map((rs, ctx) -> Map.entry(rs.getString("unique_value"), rs.getLong("occurrences")))
        .forEach(e -> values.put(e.getKey(), e.getValue()));
    return Map.copyOf(values);
  }

  @Override
  public void adjustUniqueValue(String meter, Instant periodStart, String value, long delta) {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(periodStart, "periodStart");
    Objects.requireNonNull(value, "value");
    Handle h = tx.handle();
    long period = Instants.nanos(periodStart);
    if (delta > 0) {
      // Ingestion adds one per event with a value: a single statement on PostgreSQL.
      if (tx.dialect() == Dialect.POSTGRESQL) {
        h.createUpdate("INSERT INTO nobill_usage_unique (org_id, meter, period_start, unique_value, occurrences) "
                + "VALUES (:org, :meter, :period, :value, :delta) ON CONFLICT (org_id, meter, period_start, unique_value) "
                + "DO UPDATE SET occurrences = nobill_usage_unique.occurrences + EXCLUDED.occurrences")
            .bind("org", tx.orgId()).bind("meter", meter).bind("period", period).bind("value", value)
            .bind("delta", delta)
            .execute();
        return;
      }
      int rows = h.createUpdate("UPDATE nobill_usage_unique SET occurrences = occurrences + :delta "
              + "WHERE org_id = :org AND meter = :meter AND period_start = :period AND unique_value = :value")
          .bind("org", tx.orgId()).bind("meter", meter).bind("period", period).bind("value", value)
          .bind("delta", delta)
          .execute();
      if (rows == 0) {
        h.createUpdate("INSERT INTO nobill_usage_unique (org_id, meter, period_start, unique_value, occurrences) "
                + "VALUES (:org, :meter, :period, :value, :delta)")
            .bind("org", tx.orgId()).bind("meter", meter).bind("period", period).bind("value", value)
            .bind("delta", delta)
            .execute();
      }
      return;
    }
    // A value absent and lowered stays absent; one lowered to zero or below is gone.
    h.createUpdate("UPDATE nobill_usage_unique SET occurrences = occurrences + :delta "
            + "WHERE org_id = :org AND meter = :meter AND period_start = :period AND unique_value = :value")
        .bind("org", tx.orgId()).bind("meter", meter).bind("period", period).bind("value", value)
        .bind("delta", delta)
        .execute();
    h.createUpdate("DELETE FROM nobill_usage_unique "
            + "WHERE org_id = :org AND meter = :meter AND period_start = :period AND unique_value = :value "
            + "AND occurrences <= 0")
        .bind("org", tx.orgId()).bind("meter", meter).bind("period", period).bind("value", value)
        .execute();
  }

  @Override
  public boolean quotaWarned(String meter, Instant periodStart) {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(periodStart, "periodStart");
    return tx.handle().createQuery("SELECT COUNT(*) FROM nobill_quota_warning "
            + "WHERE org_id = :org AND meter = :meter AND period_start = :period")
        .bind("org", tx.orgId())
        .bind("meter", meter)
        .bind("period", Instants.nanos(periodStart))
        .mapTo(Long.class)
        .one() > 0;
  }

  @Override
  public void markQuotaWarned(String meter, Instant periodStart) {
    if (quotaWarned(meter, periodStart)) {
      return;
    }
    tx.handle().createUpdate("INSERT INTO nobill_quota_warning (org_id, meter, period_start) "
            + "VALUES (:org, :meter, :period)")
        .bind("org", tx.orgId())
        .bind("meter", meter)
        .bind("period", Instants.nanos(periodStart))
        .execute();
  }

  @Override
  public Map.Entry<BigDecimal, Integer> reported(String meter, Instant bucket) {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(bucket, "bucket");
    return tx.handle().createQuery("SELECT quantity, revision FROM nobill_usage_reported "
            + "WHERE org_id = :org AND meter = :meter AND bucket = :bucket")
        .bind("org", tx.orgId())
        .bind("meter", meter)
        .bind("bucket", Instants.nanos(bucket))
        .map((rs, ctx) -> Map.entry(new BigDecimal(rs.getString("quantity")), rs.getInt("revision")))
        .findOne()
        .orElse(Map.entry(BigDecimal.ZERO, 0));
  }

  @Override
  public void addReported(String meter, Instant bucket, BigDecimal quantity) {
    Objects.requireNonNull(quantity, "quantity");
    Map.Entry<BigDecimal, Integer> before = reported(meter, bucket);
    Handle h = tx.handle();
    if (before.getValue() == 0) {
      h.createUpdate("INSERT INTO nobill_usage_reported (org_id, meter, bucket, quantity, revision) "
              + "VALUES (:org, :meter, :bucket, :quantity, 1)")
          .bind("org", tx.orgId())
          .bind("meter", meter)
          .bind("bucket", Instants.nanos(bucket))
          .bind("quantity", quantity.toString())
          .execute();
    } else {
      h.createUpdate("UPDATE nobill_usage_reported SET quantity = :quantity, revision = :revision "
              + "WHERE org_id = :org AND meter = :meter AND bucket = :bucket")
          .bind("org", tx.orgId())
          .bind("meter", meter)
          .bind("bucket", Instants.nanos(bucket))
          .bind("quantity", before.getKey().add(quantity).toString())
          .bind("revision", before.getValue() + 1)
          .execute();
    }
  }

  private UsageRecord record(ResultSet rs) throws SQLException {
    String properties = rs.getString("properties");
    return new UsageRecord(
        rs.getString("meter"),
        rs.getString("idempotency_key"),
        Instants.instant(rs.getLong("occurred_at")),
        new BigDecimal(rs.getString("quantity")),
        Optional.ofNullable(rs.getString("unique_value")),
        properties == null ? Map.of() : tx.bodies().readUsageProperties(properties),
        new Period(Instants.instant(rs.getLong("counted_start")), Instants.instant(rs.getLong("counted_end"))),
        Instants.instant(rs.getLong("received_at")),
        rs.getBoolean("canceled"));
  }

  private static HourlyRollup rollup(ResultSet rs) throws SQLException {
    long lastAt = rs.getLong("last_at");
    Optional<Instant> at = rs.wasNull() ? Optional.empty() : Optional.of(Instants.instant(lastAt));
    return new HourlyRollup(
        rs.getString("meter"),
        Instants.instant(rs.getLong("hour_start")),
        new BigDecimal(rs.getString("total")),
        rs.getLong("event_count"),
        Optional.ofNullable(rs.getString("max_quantity")).map(BigDecimal::new),
        at,
        Optional.ofNullable(rs.getString("last_key")),
        Optional.ofNullable(rs.getString("last_quantity")).map(BigDecimal::new));
  }
}
