package io.nobill.core.catalog;

import io.nobill.core.InvalidRequestException;
import io.nobill.core.money.Money;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An organization's deal: custom prices that replace a plan's prices by key (an enterprise
 * contract), discounts in the order they apply, and a minimum spend per invoice.
 *
 * @param customPrices  replacement prices by price key; each must be of the same kind as the
 *                      plan price it replaces and, for metered prices, on the same meter
 * @param discounts     discounts, applied in order before tax
 * @param minimumSpend  when an invoice's charges (flat, seat and usage lines, before
 *                      discounts and prorations) fall short of it, a true-up line makes up the
 *                      difference
 */
public record PricingOverrides(Map<String, Price> customPrices, List<Discount> discounts, Optional<Money> minimumSpend) {

  public static final PricingOverrides NONE = new PricingOverrides(Map.of(), List.of(), Optional.empty());

  public PricingOverrides {
    customPrices = Map.copyOf(new LinkedHashMap<>(Objects.requireNonNull(customPrices, "customPrices")));
    customPrices.forEach((key, price) -> InvalidRequestException.require(key.equals(price.key()), "customPrices",
        "must be keyed by the key of the price they hold; '" + key + "' holds '" + price.key() + "'"));
    discounts = List.copyOf(Objects.requireNonNull(discounts, "discounts"));
    Objects.requireNonNull(minimumSpend, "minimumSpend");
    minimumSpend.ifPresent(m -> InvalidRequestException.require(m.isPositive(), "minimumSpend", "must be positive"));
    long distinct = discounts.stream().map(Discount::key).distinct().count();
    InvalidRequestException.require(distinct == discounts.size(), "discounts", "must have unique keys");
  }

  /**
   * The prices of {@code plan} with this organization's custom prices in place of the list ones.
   *
   * @throws InvalidRequestException naming {@code customPrices} if a custom price has no
   *     counterpart in the plan, is of another kind, another meter or another currency
   */
  public List<Price> pricesOf(Plan plan) {
    Objects.requireNonNull(plan, "plan");
    for (Price custom : customPrices.values()) {
      Price listed = plan.price(custom.key()).orElseThrow(() -> new InvalidRequestException("customPrices",
          "must replace a price of plan " + plan.ref() + "; it has no price '" + custom.key() + "'"));
      InvalidRequestException.require(listed.getClass() == custom.getClass(), "customPrices",
          "must be of the same kind as the price it replaces ('" + custom.key() + "')");
      if (custom instanceof Price.Metered m) {
        InvalidRequestException.require(m.meter().equals(((Price.Metered) listed).meter()), "customPrices",
            "must price the same meter as the price it replaces ('" + custom.key() + "')");
      }
      if (custom instanceof Price.FlatFee f) {
        InvalidRequestException.require(f.amount().currency().equals(plan.currency()), "customPrices",
            "must be in the plan's currency ('" + custom.key() + "')");
      }
    }
    minimumSpend.ifPresent(m -> InvalidRequestException.require(m.currency().equals(plan.currency()), "minimumSpend",
        "must be in the plan's currency " + plan.currency().getCurrencyCode()));
    return plan.prices().stream().map(p -> customPrices.getOrDefault(p.key(), p)).toList();
  }
}
