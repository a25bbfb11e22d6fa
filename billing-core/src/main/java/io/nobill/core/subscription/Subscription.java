package io.nobill.core.subscription;

import io.nobill.core.InvalidRequestException;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.PlanRef;
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
   * Whether the subscription grants access at {@code now}: trialing and active do; past due
   * does for {@code grace} after the current period started billing; nothing else does.
   */
  public boolean grantsAccess(Instant now, Duration grace) {
    return switch (status) {
      case TRIALING, ACTIVE -> true;
      case PAST_DUE -> now.isBefore(currentPeriod.start().plus(grace));
      default -> false;
    };
  }

  /** Whether a state stamped ({@code at}, {@code event}) is newer than the one applied. */
  public boolean isOlderThan(Instant at, String event) {
    int c = lastChangeAt.compareTo(at);
    return c < 0 || (c == 0 && lastChangeEvent.compareTo(event) < 0);
  }
}
