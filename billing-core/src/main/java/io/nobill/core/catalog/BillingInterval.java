package io.nobill.core.catalog;

import io.nobill.core.error.InvalidRequestException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * How often a plan bills: a unit (day, week, month, year) times a count.
 *
 * <p>Periods are anchored: the n-th period boundary is always computed from the anchor, never
 * from the previous boundary, so a subscription anchored on Jan 31 bills on Feb 28 (or 29),
 * then on Mar 31 — the day is clamped for short months and the anchor's day is kept. All
 * arithmetic is in UTC.
 */
public record BillingInterval(Unit unit, int count) {

  /** The unit of an interval. */
  public enum Unit { DAY, WEEK, MONTH, YEAR }

  public BillingInterval {
    Objects.requireNonNull(unit, "unit");
    InvalidRequestException.require(count >= 1 && count <= maxCount(unit), "interval.count",
        "must be between 1 and " + maxCount(unit) + " for " + unit);
  }

  private static int maxCount(Unit unit) {
    return switch (unit) {
      case DAY -> 365;
      case WEEK -> 52;
      case MONTH -> 12;
      case YEAR -> 3;
    };
  }

  public static BillingInterval monthly() {
    return new BillingInterval(Unit.MONTH, 1);
  }

  public static BillingInterval yearly() {
    return new BillingInterval(Unit.YEAR, 1);
  }

  /** The start of the {@code n}-th period after {@code anchor} (n = 0 is the anchor itself). */
  public Instant boundary(Instant anchor, long n) {
    Objects.requireNonNull(anchor, "anchor");
    ZonedDateTime a = anchor.atZone(ZoneOffset.UTC);
    long steps = Math.multiplyExact(n, count);
    ZonedDateTime b = switch (unit) {
      case DAY -> a.plusDays(steps);
      case WEEK -> a.plusWeeks(steps);
      case MONTH -> a.plusMonths(steps);
      case YEAR -> a.plusYears(steps);
    };
    return b.toInstant();
  }

  /** The period of this interval that contains {@code instant}, for a subscription anchored at {@code anchor}. */
  public Period periodContaining(Instant anchor, Instant instant) {
    Objects.requireNonNull(anchor, "anchor");
    Objects.requireNonNull(instant, "instant");
    // Estimate the index from the average length, then correct: boundaries are irregular.
    long approxSeconds = switch (unit) {
      case DAY -> 86_400L;
      case WEEK -> 604_800L;
      case MONTH -> 2_629_746L;
      case YEAR -> 31_556_952L;
    } * count;
    long n = Math.floorDiv(instant.getEpochSecond() - anchor.getEpochSecond(), approxSeconds);
    while (boundary(anchor, n).isAfter(instant)) {
      n--;
    }
    while (!boundary(anchor, n + 1).isAfter(instant)) {
      n++;
    }
    return new Period(boundary(anchor, n), boundary(anchor, n + 1));
  }
}
