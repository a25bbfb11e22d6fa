package io.nobill.core.rating;

import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.error.InvalidRequestException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
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
 * @param usage the aggregated quantity of each metered meter over the arrears period
 */
public record RatingInput(Plan plan, PricingOverrides overrides, Optional<Period> advancePeriod, int seats,
    Optional<Period> arrearsPeriod, Map<String, BigDecimal> usage, List<ProrationItem> prorations,
    List<DiscountApplication> discounts) {

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
  }

  /** An invoice that only bills a period in advance, e.g. the first one after a trial. */
  public static RatingInput advanceOnly(Plan plan, PricingOverrides overrides, Period period, int seats) {
    return new RatingInput(plan, overrides, Optional.of(period), seats, Optional.empty(), Map.of(), List.of(), List.of());
  }
}
