package io.nobill.core.event;

import java.time.Duration;
import java.util.Objects;

/**
 * How outbox delivery claims messages and spaces out retries.
 *
 * @param lease how long a deliverer holds a message it is delivering; another deliverer
 *     skips the message until then. Longer than any listener takes, or the message is
 *     delivered twice: once by the slow deliverer, once by the one that took over.
 * @param firstRetry the wait after the first failed attempt; each further failure doubles it
 * @param maxRetry the longest wait between attempts
 * @param maxAttempts the attempts after which a message is dead-lettered: abandoned with its
 *     last error, listed as stuck work, and delivered again only when an operator retries it
 * @param jitterPercent how much longer than the backoff a retry may wait, in percent (0-100):
 *     spreads the retries of messages that failed together, so a listener that comes back is
 *     not hit by all of them at once
 */
public record DeliveryPolicy(Duration lease, Duration firstRetry, Duration maxRetry, int maxAttempts,
    int jitterPercent) {

  /**
   * A 30-second lease; retries after 1, 2, 4, 8 … minutes (up to 10 % later), at most every 6
   * hours; dead-lettered after 20 attempts, about three days.
   */
  public static final DeliveryPolicy DEFAULT =
      new DeliveryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofHours(6), 20, 10);

  /** A policy with 20 attempts and 10 % jitter. */
  public DeliveryPolicy(Duration lease, Duration firstRetry, Duration maxRetry) {
    this(lease, firstRetry, maxRetry, 20, 10);
  }

  public DeliveryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (jitterPercent < 0 || jitterPercent > 100) {
      throw new IllegalArgumentException("jitterPercent must be in 0..100");
    }
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

  /** This policy with {@code maxAttempts}. */
  public DeliveryPolicy withMaxAttempts(int maxAttempts) {
    return new DeliveryPolicy(lease, firstRetry, maxRetry, maxAttempts, jitterPercent);
  }

  /** This policy with {@code jitterPercent}. */
  public DeliveryPolicy withJitterPercent(int jitterPercent) {
    return new DeliveryPolicy(lease, firstRetry, maxRetry, maxAttempts, jitterPercent);
  }

  /**
   * The wait after the {@code attempts}-th attempt of the message {@code seed} stands for:
   * {@link #backoff} plus up to {@code jitterPercent} of it. The jitter is drawn from the seed
   * and the attempt, not from a random source: the same message waits the same on every
   * instance and in every test run, and messages that failed together spread out.
   */
  public Duration backoff(int attempts, long seed) {
    Duration wait = backoff(attempts);
    long span;
    try {
      span = wait.toMillis() / 100 * jitterPercent;
    } catch (ArithmeticException centuries) {
      return wait;
    }
    if (span <= 0) {
      return wait;
    }
    return wait.plusMillis(Math.floorMod(mix(seed + attempts), span));
  }

  /** SplitMix64's finalizer: every bit of the seed moves every bit of the result. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
