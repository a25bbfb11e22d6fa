package io.nobill.jdbc.internal;

import java.time.Instant;
import java.util.Optional;

/**
 * Instants as the tables keep them: nanoseconds since the epoch in a BIGINT, exact for every
 * instant the core can make until the year 2262 (database timestamps keep microseconds, and an
 * instant that came back different would break the audit hashes and idempotency checks).
 */
final class Instants {
  private Instants() {}

  static long nanos(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }

  static Long nanosOrNull(Optional<Instant> instant) {
    return instant.map(Instants::nanos).orElse(null);
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
