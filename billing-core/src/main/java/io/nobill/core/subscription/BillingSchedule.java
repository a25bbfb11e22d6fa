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
 * invoices each discount has reduced, the billing anchor its periods are counted from, and the
 * plans the current period was on before a change in its middle (whose usage they price).
 *
 * @param planChanges the plan changes made in the current period, oldest first: usage up to
 *                    each change's instant is rated on the plan it changed from
 */
public record BillingSchedule(SubscriptionId subscription, List<ProrationItem> pendingProrations,
    Optional<PlanRef> scheduledPlan, Map<String, Integer> discountsApplied, Optional<java.time.Instant> anchor,
    List<PlanChange> planChanges) {

  /** A plan change in the middle of a period: {@code from} was the plan until {@code at}. */
  public record PlanChange(PlanRef from, java.time.Instant at) {
    public PlanChange {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(at, "at");
    }
  }

  public BillingSchedule {
    Objects.requireNonNull(subscription, "subscription");
    planChanges = List.copyOf(Objects.requireNonNull(planChanges, "planChanges"));
    for (int i = 1; i < planChanges.size(); i++) {
      if (planChanges.get(i).at().isBefore(planChanges.get(i - 1).at())) {
        throw new IllegalArgumentException("plan changes must be oldest first");
      }
    }
    pendingProrations = List.copyOf(Objects.requireNonNull(pendingProrations, "pendingProrations"));
    Objects.requireNonNull(scheduledPlan, "scheduledPlan");
    discountsApplied = Map.copyOf(Objects.requireNonNull(discountsApplied, "discountsApplied"));
    Objects.requireNonNull(anchor, "anchor");
  }

  /** A schedule without plan changes in the current period. */
  public BillingSchedule(SubscriptionId subscription, List<ProrationItem> pendingProrations,
      Optional<PlanRef> scheduledPlan, Map<String, Integer> discountsApplied, Optional<java.time.Instant> anchor) {
    this(subscription, pendingProrations, scheduledPlan, discountsApplied, anchor, List.of());
  }

  /** With {@code change} recorded after the current period's earlier ones. */
  public BillingSchedule withPlanChange(PlanChange change) {
    List<PlanChange> all = new ArrayList<>(planChanges);
    all.add(Objects.requireNonNull(change, "change"));
    return new BillingSchedule(subscription, pendingProrations, scheduledPlan, discountsApplied, anchor, all);
  }

  /** Without plan changes: a new period began, or the period they were in was invoiced. */
  public BillingSchedule withoutPlanChanges() {
    return new BillingSchedule(subscription, pendingProrations, scheduledPlan, discountsApplied, anchor, List.of());
  }

  public BillingSchedule withPendingProrations(List<ProrationItem> items) {
    return new BillingSchedule(subscription, items, scheduledPlan, discountsApplied, anchor, planChanges);
  }

  public BillingSchedule withScheduledPlan(Optional<PlanRef> plan) {
    return new BillingSchedule(subscription, pendingProrations, plan, discountsApplied, anchor, planChanges);
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
    return new BillingSchedule(subscription, pendingProrations, scheduledPlan, applied, anchor, planChanges);
  }

  /** The billing anchor: periods are its n-th interval boundaries, so a month end stays a month end. */
  public BillingSchedule withAnchor(java.time.Instant at) {
    return new BillingSchedule(subscription, pendingProrations, scheduledPlan, discountsApplied, Optional.of(at),
        planChanges);
  }

  public static BillingSchedule empty(SubscriptionId subscription) {
    return new BillingSchedule(subscription, List.of(), Optional.empty(), Map.of(), Optional.empty());
  }
}
