package io.nobill.core.spi;

import java.time.Clock;
import java.util.Random;
import java.util.UUID;

/** UUIDv7 (RFC 9562, method 1: a fixed-length counter in {@code rand_a}). */
public final class TimeOrderedIdGenerator implements IdGenerator {
  private static final long MAX_COUNTER = 0xFFF;

  private final Clock clock;
  private final Random random;
  private long lastMillis = -1;
  private long counter;

  public TimeOrderedIdGenerator(Clock clock, Random random) {
    this.clock = clock;
    this.random = random;
  }

  @Override
  public synchronized UUID next() {
    long millis = clock.millis() & 0xFFFF_FFFF_FFFFL;
    if (millis > lastMillis) {
      lastMillis = millis;
      // Start low in the counter space so that many ids fit into the same millisecond.
      counter = random.nextInt(0x200);
    } else {
      // Same millisecond, or the clock stepped back: stay on the last timestamp and count up,
      // borrowing the next millisecond when the counter runs out.
      counter++;
      if (counter > MAX_COUNTER) {
        lastMillis++;
        counter = 0;
      }
    }
    long msb = (lastMillis << 16) | 0x7000L | counter;
    long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb);
  }
}
