package io.nobill.core.catalog;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.money.Bounds;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A half-open span of time [{@code start}, {@code end}): a billing or service period. Both ends
 * lie in the range every store holds ({@link Bounds#checkInstant}).
 */
public record Period(Instant start, Instant end) {
  public Period {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    // Periods are stored (subscriptions, invoices, usage): both ends within what every store holds.
    Bounds.checkInstant(start, "period.start");
    Bounds.checkInstant(end, "period.end");
    InvalidRequestException.require(start.isBefore(end), "period.end", "must be after period.start");
  }

  public Duration length() {
    return Duration.between(start, end);
  }

  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }
}
