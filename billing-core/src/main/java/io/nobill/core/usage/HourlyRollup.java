package io.nobill.core.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.List;
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
  private static final long WHOLE_FOLD = 100_000_000_000_000_000L;

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

  /**
   * This rollup with many more events, folded in one pass: a batch of a thousand events in
   * one hour makes one new rollup, not a thousand.
   */
  public HourlyRollup plusAll(List<UsageRecord> records) {
    BigDecimal s = sum;
    long c = count;
    BigDecimal m = max.orElse(null);
    Instant at = lastAt.orElse(null);
    String key = lastKey.orElse(null);
    BigDecimal l = last.orElse(null);
    // Whole quantities are summed in a long and folded in at the end: one BigDecimal per
    // addition was a tenth of everything ingestion allocated. Each addend is below 10^17 and
    // the long is folded before it reaches 10^17, so it never overflows.
    long whole = 0;
    for (UsageRecord r : records) {
      BigDecimal q = r.quantity();
      if (q.scale() == 0 && q.precision() <= 17) {
        whole += q.longValueExact();
        if (whole >= WHOLE_FOLD) {
          s = s.add(BigDecimal.valueOf(whole));
          whole = 0;
        }
      } else {
        s = s.add(q);
      }
      c++;
      m = m == null || q.compareTo(m) > 0 ? q : m;
      if (at == null || r.occurredAt().isAfter(at) || (r.occurredAt().equals(at) && r.idempotencyKey().compareTo(key) > 0)) {
        at = r.occurredAt();
        key = r.idempotencyKey();
        l = q;
      }
    }
    if (whole != 0) {
      s = s.add(BigDecimal.valueOf(whole));
    }
    return new HourlyRollup(meter, hour, s, c, Optional.ofNullable(m), Optional.ofNullable(at), Optional.ofNullable(key),
        Optional.ofNullable(l));
  }
}
