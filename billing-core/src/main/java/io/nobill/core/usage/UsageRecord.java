package io.nobill.core.usage;

import io.nobill.core.catalog.Period;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An accepted usage event as stored: append-only, with the billing period it counts in
 * (its own, or — for a late event under the count-in-current-period policy — the current
 * one) and whether it was canceled.
 */
public record UsageRecord(String meter, String idempotencyKey, Instant occurredAt, BigDecimal quantity,
    Optional<String> value, Map<String, String> properties, Period countedIn, Instant receivedAt, boolean canceled) {
  public UsageRecord {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(value, "value");
    properties = Map.copyOf(Objects.requireNonNull(properties, "properties"));
    Objects.requireNonNull(countedIn, "countedIn");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** The hour bucket the event is rolled up in: its time, or the start of the period it was moved to. */
  public Instant bucketTime() {
    return countedIn.contains(occurredAt) ? occurredAt : countedIn.start();
  }

  /**
   * The start of the rollup the event is counted in: the hour of {@link #bucketTime()}, but
   * never before the start of the period it counts in. Periods start at any second (a trial
   * starts when the organization is provisioned), so the hour a period starts in is split into
   * two rollups, one per period; otherwise a period's first minutes would be summed into the
   * previous period, and a late event moved to the period's start would land in an invoiced one.
   */
  public Instant bucket() {
    Instant hour = Instant.ofEpochSecond(Math.floorDiv(bucketTime().getEpochSecond(), 3600L) * 3600L);
    return hour.isBefore(countedIn.start()) ? countedIn.start() : hour;
  }

  /**
   * The whole second {@link #bucket()} starts in, computed without allocating. Together with
   * {@link #countedIn()} it names the bucket exactly, which lets ingestion group a batch's
   * events by bucket cheaply.
   */
  public long bucketEpochSecond() {
    Instant start = countedIn.start();
    long at = countedIn.contains(occurredAt) ? occurredAt.getEpochSecond() : start.getEpochSecond();
    long hour = Math.floorDiv(at, 3600L) * 3600L;
    boolean beforeStart = hour < start.getEpochSecond() || (hour == start.getEpochSecond() && start.getNano() > 0);
    return beforeStart ? start.getEpochSecond() : hour;
  }
}
