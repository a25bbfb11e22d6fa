package io.nobill.core.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One meter's usage in one hour, kept current as events arrive, so that totals never scan
 * raw events: the sum and count of quantities, the largest, and the latest by occurrence
 * time (ties broken by idempotency key).
 *
 * @param hour the rollup's start: an hour, or the start of a billing period that begins within
 *             that hour ({@link UsageRecord#bucket()})
 */
public record HourlyRollup(String meter, Instant hour, BigDecimal sum, long count, Optional<BigDecimal> max,
    Optional<Instant> lastAt, Optional<String> lastKey, Optional<BigDecimal> last) {
  public HourlyRollup {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(hour, "hour");
    Objects.requireNonNull(sum, "sum");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(lastAt, "lastAt");
    Objects.requireNonNull(lastKey, "lastKey");
    Objects.requireNonNull(last, "last");
  }

  public static HourlyRollup empty(String meter, Instant hour) {
    return new HourlyRollup(meter, hour, BigDecimal.ZERO, 0, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /** This rollup with one more event. */
  public HourlyRollup plus(UsageRecord r) {
    BigDecimal q = r.quantity();
    boolean later = lastAt.isEmpty() || r.occurredAt().isAfter(lastAt.get())
        || (r.occurredAt().equals(lastAt.get()) && r.idempotencyKey().compareTo(lastKey.get()) > 0);
    return new HourlyRollup(meter, hour, sum.add(q), count + 1, Optional.of(max.map(m -> m.max(q)).orElse(q)),
        later ? Optional.of(r.occurredAt()) : lastAt, later ? Optional.of(r.idempotencyKey()) : lastKey,
        later ? Optional.of(q) : last);
  }
}
