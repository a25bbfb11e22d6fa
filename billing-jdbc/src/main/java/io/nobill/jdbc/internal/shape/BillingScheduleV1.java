package io.nobill.jdbc.internal.shape;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nobill.core.id.SubscriptionId;
import io.nobill.core.rating.ProrationItem;
import io.nobill.core.subscription.BillingSchedule;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Version 1 of {@code nobill_billing_schedule.body}. Bodies written before billing anchors
 * existed have no {@code anchor}: they read as having none.
 */
record BillingScheduleV1(
    @JsonProperty("v") Integer v,
    @JsonProperty("subscription") Common.Id subscription,
    @JsonProperty("pendingProrations") List<Proration> pendingProrations,
    @JsonProperty("scheduledPlan") Common.Plan scheduledPlan,
    @JsonProperty("discountsApplied") Map<String, Integer> discountsApplied,
    @JsonProperty("anchor") Instant anchor) {
  static final int VERSION = 1;

  @JsonCreator
  BillingScheduleV1 {
  }

  static BillingScheduleV1 from(BillingSchedule s) {
    return new BillingScheduleV1(VERSION, Common.Id.of(s.subscription()),
        s.pendingProrations().stream().map(Proration::of).toList(), Common.Plan.ofNullable(s.scheduledPlan()),
        new TreeMap<>(s.discountsApplied()), s.anchor().orElse(null));
  }

  BillingSchedule toDomain() {
    return new BillingSchedule(subscription.to(SubscriptionId::of),
        pendingProrations.stream().map(Proration::toDomain).toList(), Common.Plan.optional(scheduledPlan),
        discountsApplied, Optional.ofNullable(anchor));
  }

  /** A proration waiting for the next invoice. */
  record Proration(
      @JsonProperty("description") String description,
      @JsonProperty("priceKey") String priceKey,
      @JsonProperty("period") Common.Period period,
      @JsonProperty("quantity") BigDecimal quantity,
      @JsonProperty("amount") Common.Money amount) {
    @JsonCreator
    Proration {
    }

    static Proration of(ProrationItem p) {
      return new Proration(p.description(), p.priceKey().orElse(null),
          Common.Period.of(p.period()), p.quantity(), Common.Money.of(p.amount()));
    }

    ProrationItem toDomain() {
      return new ProrationItem(description, Optional.ofNullable(priceKey), period.toDomain(), quantity, amount.toDomain());
    }
  }
}
