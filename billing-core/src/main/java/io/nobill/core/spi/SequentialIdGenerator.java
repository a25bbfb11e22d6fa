package io.nobill.core.spi;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Deterministic ids for tests: version and variant bits set, a counter in the low bits. */
public final class SequentialIdGenerator implements IdGenerator {
  private final AtomicLong next;

  public SequentialIdGenerator(long first) {
    if (first < 1) {
      throw new IllegalArgumentException("first must be at least 1, was " + first);
    }
    this.next = new AtomicLong(first);
  }

  @Override
  public UUID next() {
    long n = next.getAndIncrement();
    if (n > 0x3FFF_FFFF_FFFF_FFFFL) {
      throw new IllegalStateException("sequential id space exhausted");
    }
    return new UUID(0x7000L, 0x8000_0000_0000_0000L | n);
  }
}
