package io.nobill.core.subscription;

import io.nobill.core.rating.ProrationBehavior;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How NOBill runs subscriptions when it is the billing authority.
 *
 * @param trialPlan          the plan every new organization gets a trial of (its trial days
 *                           decide the length; the default is 14); empty for no trial
 * @param gracePeriod        how long a past-due subscription keeps access, and how long (plus
 *                           the invoice delay) any subscription keeps it after its trial or
 *                           period ended unrenewed
 * @param retrySchedule      when failed payments are retried, after the first failure
 * @param finalAction        what happens when the retries are exhausted
 * @param prorationBehavior  how mid-period changes are billed unless a call says otherwise
 * @param trialWillEndNotice how long before a trial ends the host is told
 * @param invoiceDelay       how long after a period ends its usage invoice waits for late
 *                           events (Stripe waits an hour before finalizing)
 * @param seatsFollowMembers whether the seat count follows the number of active members
 *                           (prorated like any seat change)
 */
public record SubscriptionSettings(Optional<String> trialPlan, Duration gracePeriod, List<Duration> retrySchedule,
    FinalAction finalAction, ProrationBehavior prorationBehavior, Duration trialWillEndNotice, Duration invoiceDelay,
    boolean seatsFollowMembers) {

  /** What dunning does when every retry failed. */
  public enum FinalAction { CANCEL, MARK_UNPAID }

  /** The longest any of the durations may be: beyond a year they are a mistake, and instants would overflow. */
  public static final Duration MAX_DURATION = Duration.ofDays(366);

  /**
   * @throws IllegalArgumentException naming the setting if a duration is negative or longer than
   *     {@link #MAX_DURATION}, the retries are not increasing, or the trial plan is blank; these
   *     are configuration, not requests
   */
  public SubscriptionSettings {
    Objects.requireNonNull(trialPlan, "trialPlan");
    Objects.requireNonNull(gracePeriod, "gracePeriod");
    retrySchedule = List.copyOf(Objects.requireNonNull(retrySchedule, "retrySchedule"));
    Objects.requireNonNull(finalAction, "finalAction");
    Objects.requireNonNull(prorationBehavior, "prorationBehavior");
    Objects.requireNonNull(trialWillEndNotice, "trialWillEndNotice");
    Objects.requireNonNull(invoiceDelay, "invoiceDelay");
    if (trialPlan.isPresent() && trialPlan.get().isBlank()) {
      throw new IllegalArgumentException("subscriptions.trialPlan must not be blank; leave it empty for no trial");
    }
    checkDuration("invoiceDelay", invoiceDelay);
    checkDuration("gracePeriod", gracePeriod);
    checkDuration("trialWillEndNotice", trialWillEndNotice);
    Duration previous = Duration.ZERO;
    for (Duration d : retrySchedule) {
      Objects.requireNonNull(d, "retrySchedule");
      if (d.compareTo(previous) <= 0) {
        throw new IllegalArgumentException("subscriptions.retrySchedule must be positive and increasing, was "
            + retrySchedule);
      }
      checkDuration("retrySchedule", d);
      previous = d;
    }
  }

  private static void checkDuration(String setting, Duration d) {
    if (d.isNegative() || d.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException("subscriptions." + setting + " must be between 0 and 366 days, was " + d);
    }
  }

  /** These settings with the seat count following the active members, or not. */
  public SubscriptionSettings withSeatsFollowingMembers(boolean follow) {
    return new SubscriptionSettings(trialPlan, gracePeriod, retrySchedule, finalAction, prorationBehavior, trialWillEndNotice,
        invoiceDelay, follow);
  }

  /**
   * A 14-day-style trial of {@code trialPlan}, 7 days of grace, retries 1, 3, 5 and 7 days
   * after the first failure, then cancel; prorations go on the next invoice; a period's
   * invoice waits an hour for late usage.
   */
  public static SubscriptionSettings defaults(String trialPlan) {
    return new SubscriptionSettings(Optional.of(trialPlan), Duration.ofDays(7),
        List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(5), Duration.ofDays(7)), FinalAction.CANCEL,
        ProrationBehavior.CREATE_PRORATIONS, Duration.ofDays(3), Duration.ofHours(1), false);
  }
}
