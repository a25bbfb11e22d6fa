package io.nobill.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The benchmarks' clock: set by the set-up (and by a benchmark between runs), read by billing. */
final class SettableClock extends Clock {
  volatile Instant instant;

  SettableClock(Instant instant) {
    this.instant = instant;
  }

  @Override
  public Instant instant() {
    return instant;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
