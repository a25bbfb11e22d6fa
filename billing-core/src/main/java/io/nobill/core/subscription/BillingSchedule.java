package io.nobill.core.subscription;

import io.nobill.core.catalog.Discount;
import io.nobill.core.catalog.PlanRef;
import io.nobill.core.id.SubscriptionId;
import io.nobill.core.rating.DiscountApplication;
import io.nobill.core.rating.ProrationItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What NOBill's own billing engine keeps about a subscription besides its state: prorations
 * waiting for the next invoice, a plan change scheduled for the period end, and how many
 * invoices each discount has reduced, and the billing anchor its periods are counted from.
 */
public record BillingSchedule(SubscriptionId subscription, List<ProrationItem> pendingProrations,
    Optional<PlanRef> scheduledPlan, Map<String, Integer> discountsApplied, Optional<java.time.Instant> anchor) {
  public BillingSchedule {
    Objects.requireNonNull(subscription, "subscription");
    pendingProrations = List.copyOf(Objects.requireNonNull(pendingProrations, "pendingProrations"));
    Objects.requireNonNull(scheduledPlan, "scheduledPlan");
    discountsApplied = Map.copyOf(Objects.requireNonNull(discountsApplied, "discountsApplied"));
    Objects.requireNonNull(anchor, "anchor");
  }

  public BillingSchedule withPendingProrations(List<ProrationItem> items) {
    return new BillingSchedule(subscription, items, scheduledPlan, discountsApplied, anchor);
  }

  public BillingSchedule withScheduledPlan(Optional<PlanRef> plan) {
    return new BillingSchedule(subscription, pendingProrations, plan, discountsApplied, anchor);
  }

  /** The organization's discounts, in their order, each with the periods it was applied to already. */
  public List<DiscountApplication> discountApplications(List<Discount> discounts) {
    List<DiscountApplication> applications = new ArrayList<>(discounts.size());
    for (Discount d : discounts) {
      applications.add(new DiscountApplication(d, discountsApplied.getOrDefault(d.key(), 0)));
    }
    return applications;
  }

  public BillingSchedule withDiscountsApplied(Map<String, Integer> applied) {
    return new BillingSchedule(subscription, pendingProrations, scheduledPlan, applied, anchor);
  }

  /** The billing anchor: periods are its n-th interval boundaries, so a month end stays a month end. */
  public BillingSchedule withAnchor(java.time.Instant at) {
    return new BillingSchedule(subscription, pendingProrations, scheduledPlan, discountsApplied, Optional.of(at));
  }

  public static BillingSchedule empty(SubscriptionId subscription) {
    return new BillingSchedule(subscription, List.of(), Optional.empty(), Map.of(), Optional.empty());
  }
}
