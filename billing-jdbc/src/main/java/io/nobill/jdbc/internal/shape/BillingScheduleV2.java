package io.nobill.jdbc.internal.shape;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nobill.core.id.SubscriptionId;
import io.nobill.core.subscription.BillingSchedule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Version 2 of {@code nobill_billing_schedule.body}: version 1 with the plan changes made in the
 * current period, whose usage before each change is rated on the plan it changed from. A
 * schedule without plan changes is still written as version 1, so that older releases running
 * beside this one read it; one with plan changes is refused by them rather than read without
 * them (which would rate the period's usage on the wrong plan).
 */
record BillingScheduleV2(
    @JsonProperty("v") Integer v,
    @JsonProperty("subscription") Common.Id subscription,
    @JsonProperty("pendingProrations") List<BillingScheduleV1.Proration> pendingProrations,
    @JsonProperty("scheduledPlan") Common.Plan scheduledPlan,
    @JsonProperty("discountsApplied") Map<String, Integer> discountsApplied,
    @JsonProperty("anchor") Instant anchor,
    @JsonProperty("planChanges") List<PlanChange> planChanges) {
  static final int VERSION = 2;

  @JsonCreator
  BillingScheduleV2 {
  }

  static BillingScheduleV2 from(BillingSchedule s) {
    return new BillingScheduleV2(VERSION, Common.Id.of(s.subscription()),
        s.pendingProrations().stream().map(BillingScheduleV1.Proration::of).toList(),
        Common.Plan.ofNullable(s.scheduledPlan()), new TreeMap<>(s.discountsApplied()), s.anchor().orElse(null),
        s.planChanges().stream().map(PlanChange::of).toList());
  }

  BillingSchedule toDomain() {
    return new BillingSchedule(subscription.to(SubscriptionId::of),
        pendingProrations.stream().map(BillingScheduleV1.Proration::toDomain).toList(),
        Common.Plan.optional(scheduledPlan), discountsApplied, Optional.ofNullable(anchor),
        planChanges.stream().map(PlanChange::toDomain).toList());
  }

  /** A plan change in the current period: {@code from} was the plan until {@code at}. */
  record PlanChange(@JsonProperty("from") Common.Plan from, @JsonProperty("at") Instant at) {
    @JsonCreator
    PlanChange {
    }

    static PlanChange of(BillingSchedule.PlanChange c) {
      return new PlanChange(Common.Plan.of(c.from()), c.at());
    }

    BillingSchedule.PlanChange toDomain() {
      return new BillingSchedule.PlanChange(from.toDomain(), at);
    }
  }
}
