package io.nobill.core.spi;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Where new ids come from. Production uses {@link #timeOrdered(Clock) time-ordered UUIDv7s},
 * which keep B-tree inserts local and sort by creation; tests use {@link #sequential()} so
 * that every run produces the same ids. Implementations must be thread-safe.
 */
public interface IdGenerator {

  /** A new, never before returned UUID. */
  UUID next();

  /** A new id of the given type, e.g. {@code ids.next(OrgId::of)}. */
  default <T> T next(Function<UUID, T> idType) {
    Objects.requireNonNull(idType, "idType");
    return idType.apply(next());
  }

  /**
   * RFC 9562 version 7 UUIDs: a 48-bit millisecond timestamp read from {@code clock}, a
   * 12-bit counter that keeps ids strictly increasing within a millisecond and when the
   * clock steps back, and 62 random bits.
   */
  static IdGenerator timeOrdered(Clock clock) {
    return new TimeOrderedIdGenerator(Objects.requireNonNull(clock, "clock"), new SecureRandom());
  }

  /**
   * Deterministic, strictly increasing UUIDs ({@code 00000000-0000-7000-8000-000000000001},
   * {@code ...0002}, …) for tests and reproducible examples.
   */
  static IdGenerator sequential() {
    return new SequentialIdGenerator(1);
  }
}
