package io.nobill.core.spi;

import io.nobill.core.usage.HourlyRollup;
import io.nobill.core.usage.UsageRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The usage of the organization in scope: raw events (append-only; cancellation marks
 * them), hourly rollups per meter, the distinct values of unique-count meters per period,
 * and which quota warnings were raised. The core computes rollups; a store keeps what it is
 * given, in the caller's transaction, so the dedupe mark and the counted quantity commit
 * together or not at all.
 */
public interface UsageRepository {

  Optional<UsageRecord> find(String idempotencyKey);

  /**
   * Stores the records whose idempotency keys are not stored yet and returns the keys that
   * were (those records are not stored again). Keys within {@code records} are distinct.
   */
  Set<String> insertNew(List<UsageRecord> records);

  /**
   * Which of {@code keys} are stored (counted or canceled). Stores override this to answer in
   * one query; the default asks one key at a time.
   */
  default Set<String> storedKeys(java.util.Collection<String> keys) {
    Set<String> stored = new java.util.HashSet<>();
    for (String key : keys) {
      if (find(key).isPresent()) {
        stored.add(key);
      }
    }
    return stored;
  }

  /** Marks a stored record canceled. */
  void markCanceled(String idempotencyKey);

  /** The records of one meter's rollup starting at {@code hour} ({@link UsageRecord#bucket()}), canceled ones included. */
  List<UsageRecord> recordsInHour(String meter, Instant hour);

  /** One meter's rollups for hours in [{@code from}, {@code to}). */
  List<HourlyRollup> rollups(String meter, Instant from, Instant to);

  /** Creates or replaces rollups. */
  void saveRollups(Collection<HourlyRollup> rollups);

  /** The distinct values of a unique-count meter in the period starting at {@code periodStart}, with how often each was seen. */
  Map<String, Long> uniqueValues(String meter, Instant periodStart);

  /** Adds {@code delta} (±) to how often {@code value} was seen; a value seen zero times is gone. */
  void adjustUniqueValue(String meter, Instant periodStart, String value, long delta);

  /** Whether a quota warning was raised for the meter in the period starting at {@code periodStart}. */
  boolean quotaWarned(String meter, Instant periodStart);

  void markQuotaWarned(String meter, Instant periodStart);

  /** How much of a meter's hour starting at {@code bucket} was reported to the provider, and in how many reports. */
  Map.Entry<java.math.BigDecimal, Integer> reported(String meter, Instant bucket);

  /** Adds a report of {@code quantity} for the meter's hour starting at {@code bucket}. */
  void addReported(String meter, Instant bucket, java.math.BigDecimal quantity);
}
