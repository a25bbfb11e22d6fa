package io.nobill.core.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it. Thread-safe; clocks derived with
 * {@link #withZone} share the same instant.
 *
 * <p>The contract kit's own clock: billing-core cannot depend on billing-testing, whose
 * {@code io.nobill.testing.TestClock} is the one for host applications' tests.
 */
public final class TestClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private TestClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A UTC clock standing at {@code instant}. */
  public static TestClock at(Instant instant) {
    return new TestClock(new AtomicReference<>(Objects.requireNonNull(instant, "instant")), ZoneOffset.UTC);
  }

  /** A UTC clock standing at the given ISO-8601 instant, e.g. {@code "2026-01-15T00:00:00Z"}. */
  public static TestClock at(String instant) {
    return at(Instant.parse(instant));
  }

  /** Moves the clock forward (or, with a negative duration, back). */
  public TestClock advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    now.updateAndGet(i -> i.plus(duration));
    return this;
  }

  /** Sets the clock to {@code instant}. */
  public TestClock set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
    return this;
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new TestClock(now, Objects.requireNonNull(zone, "zone"));
  }
}
