package io.nobill.jdbc.internal.shape;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.SubscriptionId;
import io.nobill.core.subscription.Subscription;
import io.nobill.core.subscription.SubscriptionStatus;
import java.time.Instant;
import java.util.Optional;

/** Version 1 of {@code nobill_subscription.body}. */
record SubscriptionV1(
    @JsonProperty("v") Integer v,
    @JsonProperty("id") Common.Id id,
    @JsonProperty("org") Common.Id org,
    @JsonProperty("providerId") String providerId,
    @JsonProperty("plan") Common.Plan plan,
    @JsonProperty("seats") int seats,
    @JsonProperty("status") String status,
    @JsonProperty("currentPeriod") Common.Period currentPeriod,
    @JsonProperty("trialEnd") Instant trialEnd,
    @JsonProperty("cancelAtPeriodEnd") boolean cancelAtPeriodEnd,
    @JsonProperty("canceledAt") Instant canceledAt,
    @JsonProperty("endedAt") Instant endedAt,
    @JsonProperty("lastChangeAt") Instant lastChangeAt,
    @JsonProperty("lastChangeEvent") String lastChangeEvent,
    @JsonProperty("version") long version) {
  static final int VERSION = 1;

  @JsonCreator
  SubscriptionV1 {
  }

  static SubscriptionV1 from(Subscription s) {
    return new SubscriptionV1(VERSION, Common.Id.of(s.id()), Common.Id.of(s.org()), s.providerId(), Common.Plan.of(s.plan()),
        s.seats(), s.status().name(), Common.Period.of(s.currentPeriod()), s.trialEnd().orElse(null), s.cancelAtPeriodEnd(),
        s.canceledAt().orElse(null), s.endedAt().orElse(null), s.lastChangeAt(), s.lastChangeEvent(), s.version());
  }

  Subscription toDomain() {
    return new Subscription(id.to(SubscriptionId::of), org.to(OrgId::of), providerId, plan.toDomain(), seats,
        Common.constant(SubscriptionStatus.class, status), currentPeriod.toDomain(), Optional.ofNullable(trialEnd),
        cancelAtPeriodEnd, Optional.ofNullable(canceledAt), Optional.ofNullable(endedAt), lastChangeAt, lastChangeEvent,
        version);
  }
}
