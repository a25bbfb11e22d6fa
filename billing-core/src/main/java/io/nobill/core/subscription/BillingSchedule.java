package io.nobill.core.subscription;

import io.nobill.core.catalog.PlanRef;
import io.nobill.core.id.SubscriptionId;
import io.nobill.core.rating.ProrationItem;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What NOBill's own billing engine keeps about a subscription besides its state: prorations
 * waiting for the next invoice, a plan change scheduled for the period end, and how many
 * invoices each discount has reduced.
 */
public record BillingSchedule(SubscriptionId subscription, List<ProrationItem> pendingProrations,
    Optional<PlanRef> scheduledPlan, Map<String, Integer> discountsApplied) {
  public BillingSchedule {
    Objects.requireNonNull(subscription, "subscription");
    pendingProrations = List.copyOf(Objects.requireNonNull(pendingProrations, "pendingProrations"));
    Objects.requireNonNull(scheduledPlan, "scheduledPlan");
    discountsApplied = Map.copyOf(Objects.requireNonNull(discountsApplied, "discountsApplied"));
  }

  public static BillingSchedule empty(SubscriptionId subscription) {
    return new BillingSchedule(subscription, List.of(), Optional.empty(), Map.of());
  }
}
