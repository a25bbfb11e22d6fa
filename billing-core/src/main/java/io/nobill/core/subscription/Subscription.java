package io.nobill.core.subscription;

import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.PlanRef;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.SubscriptionId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An organization's subscription to a plan, as the billing authority last reported it.
 *
 * @param providerId       the billing authority's id for it (Stripe's {@code sub_...}, or
 *                         NOBill's own id when NOBill is the biller)
 * @param currentPeriod    the billing period in progress
 * @param trialEnd         when the trial ends (or ended), if there was one
 * @param endedAt          when the authority deleted it: final, whatever snapshots arrive later
 * @param lastChangeAt     the authority's timestamp of the newest state applied; an older
 *                         snapshot arriving late is recorded and ignored
 * @param lastChangeEvent  the id of the event that carried it (breaks timestamp ties)
 * @param version          incremented by every change, for optimistic concurrency
 */
public record Subscription(SubscriptionId id, OrgId org, String providerId, PlanRef plan, int seats,
    SubscriptionStatus status, Period currentPeriod, Optional<Instant> trialEnd, boolean cancelAtPeriodEnd,
    Optional<Instant> canceledAt, Optional<Instant> endedAt, Instant lastChangeAt, String lastChangeEvent,
    long version) {

  public Subscription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(currentPeriod, "currentPeriod");
    Objects.requireNonNull(trialEnd, "trialEnd");
    Objects.requireNonNull(canceledAt, "canceledAt");
    Objects.requireNonNull(endedAt, "endedAt");
    if (endedAt.isPresent() && status != SubscriptionStatus.CANCELED) {
      throw new IllegalArgumentException("a deleted subscription is canceled");
    }
    Objects.requireNonNull(lastChangeAt, "lastChangeAt");
    Objects.requireNonNull(lastChangeEvent, "lastChangeEvent");
    InvalidRequestException.require(seats >= 1, "seats", "must be at least 1");
  }

  /**
   * Whether the subscription grants access at {@code now}. Trialing and active do until their
   * trial or period ends; past due does for {@code grace} after the current period started
   * billing; nothing else does. Every status loses access once {@code grace} has passed since
   * its trial or period ended unrenewed, whatever kept it from renewing — a renewal that keeps
   * failing is not free service.
   *
   * @param grace how long access outlasts a period that should have been renewed or paid
   */
  public boolean grantsAccess(Instant now, Duration grace) {
    Instant periodEnd = currentPeriod.end();
    return switch (status) {
      case TRIALING -> now.isBefore(trialEnd.orElse(periodEnd).plus(grace));
      case ACTIVE -> now.isBefore(periodEnd.plus(grace));
      case PAST_DUE -> now.isBefore(currentPeriod.start().plus(grace)) && now.isBefore(periodEnd.plus(grace));
      default -> false;
    };
  }

  /**
   * When {@link #grantsAccess} turns false by the passing of time alone, if it grants access
   * now: what a cache of the decision must not outlive.
   */
  public Optional<Instant> accessEndsAt(Duration grace) {
    Instant periodEnd = currentPeriod.end().plus(grace);
    return switch (status) {
      case TRIALING -> Optional.of(trialEnd.map(t -> t.plus(grace)).orElse(periodEnd));
      case ACTIVE -> Optional.of(periodEnd);
      case PAST_DUE -> {
        Instant graceEnd = currentPeriod.start().plus(grace);
        yield Optional.of(graceEnd.isBefore(periodEnd) ? graceEnd : periodEnd);
      }
      default -> Optional.empty();
    };
  }

  // ---- predicates a host calls, as Laravel Cashier and Pay name them ------------------------
  //
  // They read this subscription alone: no settings are needed. Access decisions that depend
  // on the grace period NOBill gives past-due subscriptions are grantsAccess's, not theirs.

  /** Whether it is in its trial at {@code now}: trialing, and the trial has not ended. */
  public boolean onTrial(Instant now) {
    Objects.requireNonNull(now, "now");
    return status == SubscriptionStatus.TRIALING && trialEnd.isPresent() && now.isBefore(trialEnd.get());
  }

  /**
   * Whether it is active at {@code now} in Cashier's sense: trialing or active, and not ended —
   * a subscription set to cancel at the period end stays active until then (its grace period).
   * Past due, unpaid, incomplete and paused subscriptions are not active (Cashier's default,
   * without {@code keepPastDueSubscriptionsActive}); whether they still grant access is
   * {@link #grantsAccess}'s question.
   */
  public boolean active(Instant now) {
    return (status == SubscriptionStatus.ACTIVE || status == SubscriptionStatus.TRIALING) && !ended(now);
  }

  /**
   * Whether it is on its grace period at {@code now}, in Cashier's meaning: canceled at the
   * period end, and the period has not ended yet — service continues until then and
   * {@code resume} is still possible. This is not NOBill's {@link SubscriptionSettings#gracePeriod()},
   * the time a past-due subscription keeps access while payment is retried (see
   * {@link #grantsAccess}).
   */
  public boolean onGracePeriod(Instant now) {
    Objects.requireNonNull(now, "now");
    return cancelAtPeriodEnd && !status.isEnded() && now.isBefore(currentPeriod.end());
  }

  /** Whether a payment failed and is being retried (Stripe's {@code past_due}). */
  public boolean pastDue() {
    return status == SubscriptionStatus.PAST_DUE;
  }

  /** Whether collection is paused ({@code pause}): no invoices until it is resumed. */
  public boolean paused() {
    return status == SubscriptionStatus.PAUSED;
  }

  /** Whether its first payment has not succeeded (yet, or ever). */
  public boolean incomplete() {
    return status == SubscriptionStatus.INCOMPLETE || status == SubscriptionStatus.INCOMPLETE_EXPIRED;
  }

  /**
   * Whether it was canceled, in Cashier's meaning: a cancellation was asked for, whether it
   * has taken effect (status canceled) or takes effect at the period end (on its grace period).
   */
  public boolean canceled() {
    return cancelAtPeriodEnd || status == SubscriptionStatus.CANCELED;
  }

  /**
   * Whether it is over at {@code now}: canceled or expired, or set to cancel at a period end
   * that has passed (before the renewal sweep has ended it). A new subscription is needed to
   * bill again.
   */
  public boolean ended(Instant now) {
    Objects.requireNonNull(now, "now");
    return status.isEnded() || (cancelAtPeriodEnd && !now.isBefore(currentPeriod.end()));
  }

  /**
   * Whole days left in the trial at {@code now}, a started day counting as one (as Pay's
   * {@code days_till_end}); 0 when not on trial.
   */
  public long daysLeftInTrial(Instant now) {
    return onTrial(now) ? daysUntil(now, trialEnd.get()) : 0;
  }

  /**
   * Whole days left in the current period at {@code now}, a started day counting as one; 0
   * when it has ended or the subscription is over.
   */
  public long daysLeftInPeriod(Instant now) {
    Objects.requireNonNull(now, "now");
    return status.isEnded() || !now.isBefore(currentPeriod.end()) ? 0 : daysUntil(now, currentPeriod.end());
  }

  private static long daysUntil(Instant now, Instant end) {
    long seconds = Duration.between(now, end).getSeconds() + (Duration.between(now, end).getNano() > 0 ? 1 : 0);
    return Math.max(0, Math.floorDiv(seconds + 86_399, 86_400));
  }

  /** Whether a state stamped ({@code at}, {@code event}) is newer than the one applied. */
  public boolean isOlderThan(Instant at, String event) {
    int c = lastChangeAt.compareTo(at);
    return c < 0 || (c == 0 && lastChangeEvent.compareTo(event) < 0);
  }
}
