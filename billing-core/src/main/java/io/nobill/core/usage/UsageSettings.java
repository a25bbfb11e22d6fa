package io.nobill.core.usage;

import java.time.Duration;
import java.util.Objects;

/**
 * How usage is accepted: how old an event may be, and what happens to one whose billing period
 * was already invoiced. Passed to {@code Billing.builder().usage(...)}.
 *
 * @param lateWindow how long after it occurred an event is still accepted (35 days by default:
 *                   a month's usage can arrive until the next one has started, as Stripe allows
 *                   meter events up to 35 days old)
 * @param latePolicy what happens to an event for a period already invoiced
 */
public record UsageSettings(Duration lateWindow, LateEventPolicy latePolicy) {
  /** The longest late window: beyond a year it is a mistake, and the rollups would be kept for nothing. */
  public static final Duration MAX_LATE_WINDOW = Duration.ofDays(366);

  /** 35 days, and late events count in the current period. */
  public static final UsageSettings DEFAULT = new UsageSettings(Duration.ofDays(35), LateEventPolicy.COUNT_IN_CURRENT_PERIOD);

  /**
   * @throws IllegalArgumentException if the late window is not positive or longer than
   *     {@link #MAX_LATE_WINDOW}: these are configuration, not requests
   */
  public UsageSettings {
    Objects.requireNonNull(lateWindow, "lateWindow");
    Objects.requireNonNull(latePolicy, "latePolicy");
    if (lateWindow.isNegative() || lateWindow.isZero() || lateWindow.compareTo(MAX_LATE_WINDOW) > 0) {
      throw new IllegalArgumentException("usage.lateWindow must be more than 0 and at most 366 days, was " + lateWindow);
    }
  }

  /** These settings with another late window. */
  public UsageSettings withLateWindow(Duration window) {
    return new UsageSettings(window, latePolicy);
  }

  /** These settings with another late-event policy. */
  public UsageSettings withLatePolicy(LateEventPolicy policy) {
    return new UsageSettings(lateWindow, policy);
  }
}
