package io.nobill.core.event;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link OutboxDelivery} claims messages and spaces out retries.
 *
 * @param lease how long a deliverer holds a message it is delivering; another deliverer
 *     skips the message until then. Longer than any listener takes, or the message is
 *     delivered twice: once by the slow deliverer, once by the one that took over.
 * @param firstRetry the wait after the first failed attempt; each further failure doubles it
 * @param maxRetry the longest wait between attempts
 */
public record DeliveryPolicy(Duration lease, Duration firstRetry, Duration maxRetry) {

  /** A 30-second lease; retries after 1, 2, 4, 8 … minutes, at most every 6 hours. */
  public static final DeliveryPolicy DEFAULT =
      new DeliveryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofHours(6));

  public DeliveryPolicy {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(firstRetry, "firstRetry");
    Objects.requireNonNull(maxRetry, "maxRetry");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive");
    }
    if (firstRetry.isNegative() || firstRetry.isZero()) {
      throw new IllegalArgumentException("firstRetry must be positive");
    }
    if (maxRetry.compareTo(firstRetry) < 0) {
      throw new IllegalArgumentException("maxRetry must not be shorter than firstRetry");
    }
  }

  /**
   * The wait after the {@code attempts}-th failed attempt: {@code firstRetry × 2^(attempts-1)},
   * at most {@code maxRetry}.
   *
   * @throws IllegalArgumentException if {@code attempts} is less than 1
   */
  public Duration backoff(int attempts) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
    }
    // Doubling step by step stops at the cap after a few dozen steps at most, so a message
    // that has failed a million times neither overflows nor loops long.
    Duration wait = firstRetry;
    for (int i = 1; i < attempts && wait.compareTo(maxRetry) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
  }
}
