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

  /** Whether a state stamped ({@code at}, {@code event}) is newer than the one applied. */
  public boolean isOlderThan(Instant at, String event) {
    int c = lastChangeAt.compareTo(at);
    return c < 0 || (c == 0 && lastChangeEvent.compareTo(event) < 0);
  }
}
