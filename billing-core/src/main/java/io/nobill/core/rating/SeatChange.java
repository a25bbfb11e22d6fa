package io.nobill.core.rating;

import io.nobill.core.error.InvalidRequestException;
import java.time.Instant;
import java.util.Objects;

/** From {@code at} on, {@code seats} seats are in use. */
public record SeatChange(Instant at, int seats) {
  public SeatChange {
    Objects.requireNonNull(at, "at");
    InvalidRequestException.require(seats >= 0, "seats", "must not be negative");
  }
}
