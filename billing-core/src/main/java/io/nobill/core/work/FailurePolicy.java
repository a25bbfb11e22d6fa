package io.nobill.core.work;

import java.time.Duration;
import java.util.Objects;

/**
 * When failing items are retried and reported.
 *
 * @param stuckAfter failures in a row after which an item counts as stuck: logged at WARN,
 *     raised as a {@link io.nobill.core.event.BillingEvent.WorkStuck} and listed by {@code BackgroundWork.stuck}
 * @param firstRetry the wait after the first failure; each further failure doubles it
 * @param maxRetry the longest wait between attempts
 */
public record FailurePolicy(int stuckAfter, Duration firstRetry, Duration maxRetry) {
  /** Stuck after 3 failures; retried after 1, 2, 4 … minutes, at least hourly. */
  public static final FailurePolicy DEFAULT = new FailurePolicy(3, Duration.ofMinutes(1), Duration.ofHours(1));

  public FailurePolicy {
    Objects.requireNonNull(firstRetry, "firstRetry");
    Objects.requireNonNull(maxRetry, "maxRetry");
    if (stuckAfter < 1) {
      throw new IllegalArgumentException("stuckAfter must be at least 1");
    }
    if (firstRetry.isNegative()) {
      throw new IllegalArgumentException("firstRetry must not be negative");
    }
    if (maxRetry.compareTo(firstRetry) < 0) {
      throw new IllegalArgumentException("maxRetry must not be shorter than firstRetry");
    }
  }

  /** The wait after the {@code failures}-th failure in a row: doubling from firstRetry, at most maxRetry. */
  public Duration backoff(int failures) {
    Duration wait = firstRetry;
    for (int i = 1; i < failures && wait.compareTo(maxRetry) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
  }
}
