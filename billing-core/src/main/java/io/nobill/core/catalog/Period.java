package io.nobill.core.catalog;

import io.nobill.core.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open span of time [{@code start}, {@code end}): a billing or service period. */
public record Period(Instant start, Instant end) {
  public Period {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    InvalidRequestException.require(start.isBefore(end), "period.end", "must be after period.start");
  }

  public Duration length() {
    return Duration.between(start, end);
  }

  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }
}
