package io.nobill.core.rating;

import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.error.InvalidRequestException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything rating needs for one invoice at a period boundary: the period billed in advance
 * (flat fees and seats), the period whose usage is billed in arrears, and the pending
 * prorations and discounts. A first invoice has no arrears period; a final one no advance period.
 *
 * @param seats the seats in use at the start of the advance period
 * @param usage the aggregated quantity of each metered meter over the arrears period (from the
 *              last of {@code earlierUsage}'s periods, when there are any, to its end)
 * @param earlierUsage usage of the arrears period's first part, before a plan change in its
 *              middle, each rated on the plan it was used under, as Stripe bills metered usage
 *              before an upgrade at the old price; oldest first, within the arrears period
 */
public record RatingInput(Plan plan, PricingOverrides overrides, Optional<Period> advancePeriod, int seats,
    Optional<Period> arrearsPeriod, Map<String, BigDecimal> usage, List<ProrationItem> prorations,
    List<DiscountApplication> discounts, List<EarlierUsage> earlierUsage) {

  /** Usage over {@code period} rated on {@code plan}, the plan in force then. */
  public record EarlierUsage(Plan plan, Period period, Map<String, BigDecimal> usage) {
    public EarlierUsage {
      Objects.requireNonNull(plan, "plan");
      Objects.requireNonNull(period, "period");
      usage = Map.copyOf(new LinkedHashMap<>(Objects.requireNonNull(usage, "usage")));
      for (Map.Entry<String, BigDecimal> u : usage.entrySet()) {
        InvalidRequestException.require(plan.pricedMeters().contains(u.getKey()), "usage",
            "must be for meters the plan prices; plan " + plan.ref() + " does not price '" + u.getKey() + "'");
        InvalidRequestException.require(u.getValue().signum() >= 0, "usage", "must not be negative ('" + u.getKey() + "')");
      }
    }
  }

  /** Rating without a plan change in the arrears period. */
  public RatingInput(Plan plan, PricingOverrides overrides, Optional<Period> advancePeriod, int seats,
      Optional<Period> arrearsPeriod, Map<String, BigDecimal> usage, List<ProrationItem> prorations,
      List<DiscountApplication> discounts) {
    this(plan, overrides, advancePeriod, seats, arrearsPeriod, usage, prorations, discounts, List.of());
  }

  public RatingInput {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(overrides, "overrides");
    Objects.requireNonNull(advancePeriod, "advancePeriod");
    Objects.requireNonNull(arrearsPeriod, "arrearsPeriod");
    usage = Map.copyOf(new LinkedHashMap<>(Objects.requireNonNull(usage, "usage")));
    prorations = List.copyOf(Objects.requireNonNull(prorations, "prorations"));
    discounts = List.copyOf(Objects.requireNonNull(discounts, "discounts"));
    InvalidRequestException.require(seats >= 0, "seats", "must not be negative");
    InvalidRequestException.require(advancePeriod.isPresent() || arrearsPeriod.isPresent() || !prorations.isEmpty(),
        "advancePeriod", "must be given unless there is an arrears period or prorations to bill");
    java.util.Set<String> priced = usage.isEmpty() ? java.util.Set.of() : plan.pricedMeters();
    for (Map.Entry<String, BigDecimal> u : usage.entrySet()) {
      InvalidRequestException.require(priced.contains(u.getKey()), "usage",
          "must be for meters the plan prices; plan " + plan.ref() + " does not price '" + u.getKey() + "'");
      InvalidRequestException.require(u.getValue().signum() >= 0, "usage", "must not be negative ('" + u.getKey() + "')");
    }
    InvalidRequestException.require(usage.isEmpty() || arrearsPeriod.isPresent(), "usage",
        "must come with the arrears period it was measured in");
    earlierUsage = List.copyOf(Objects.requireNonNull(earlierUsage, "earlierUsage"));
    Instant from = arrearsPeriod.map(Period::start).orElse(null);
    for (EarlierUsage e : earlierUsage) {
      InvalidRequestException.require(arrearsPeriod.isPresent() && !e.period().start().isBefore(from)
          && !e.period().end().isAfter(arrearsPeriod.get().end()), "earlierUsage",
          "must lie within the arrears period, oldest first");
      InvalidRequestException.require(e.plan().currency().equals(plan.currency()), "earlierUsage",
          "must be of a plan in " + plan.currency().getCurrencyCode());
      from = e.period().end();
    }
  }

  /** Where the usage of {@link #usage} was measured: the arrears period after the last earlier part. */
  public Optional<Period> usagePeriod() {
    return arrearsPeriod.map(p -> earlierUsage.isEmpty() ? p
        : new Period(earlierUsage.get(earlierUsage.size() - 1).period().end(), p.end()));
  }

  /** An invoice that only bills a period in advance, e.g. the first one after a trial. */
  public static RatingInput advanceOnly(Plan plan, PricingOverrides overrides, Period period, int seats) {
    return new RatingInput(plan, overrides, Optional.of(period), seats, Optional.empty(), Map.of(), List.of(), List.of());
  }
}
