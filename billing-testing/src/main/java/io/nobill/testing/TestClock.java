package io.nobill.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it: pass it to {@code Billing.builder().clock(...)}
 * and move it with {@link #set} and {@link #advance}.
 *
 * <p>It may go backwards — {@code set} to an earlier instant, or {@code advance} by a negative
 * duration — because tests need to show what billing does when two instances' clocks disagree or
 * a host's clock is corrected. It never moves to {@code null} or outside the range of
 * {@link Instant}: such a call throws and leaves the clock where it was.
 *
 * <p>Thread-safe: every read sees the latest move, and concurrent {@code advance} calls all count
 * (they are applied atomically, one after the other). Clocks derived with {@link #withZone} share
 * this clock's instant, so moving either moves both. The zone is UTC unless derived otherwise.
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

  /**
   * A UTC clock standing at an ISO-8601 instant, e.g. {@code "2026-01-15T00:00:00Z"}.
   *
   * @throws IllegalArgumentException if {@code instant} is not such an instant
   */
  public static TestClock at(String instant) {
    return at(parse(instant));
  }

  /** Moves the clock to {@code instant}, earlier or later than where it stands. */
  public TestClock set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
    return this;
  }

  /**
   * Moves the clock to an ISO-8601 instant, e.g. {@code "2026-02-01T10:00:00Z"}.
   *
   * @throws IllegalArgumentException if {@code instant} is not such an instant
   */
  public TestClock set(String instant) {
    return set(parse(instant));
  }

  /**
   * Moves the clock forward by {@code duration}, or back when it is negative.
   *
   * @throws java.time.DateTimeException if that leaves the range of {@link Instant}; the clock
   *     does not move
   */
  public TestClock advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    now.updateAndGet(i -> i.plus(duration));
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

  /** A clock in {@code zone} that shares this clock's instant: moving one moves the other. */
  @Override
  public TestClock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    return zone.equals(this.zone) ? this : new TestClock(now, zone);
  }

  @Override
  public String toString() {
    return "TestClock[" + now.get() + ", " + zone + "]";
  }

  private static Instant parse(String instant) {
    Objects.requireNonNull(instant, "instant");
    try {
      return Instant.parse(instant);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("instant must be ISO-8601 in UTC, e.g. 2026-01-15T00:00:00Z, was \""
          + instant + "\"", e);
    }
  }
}
