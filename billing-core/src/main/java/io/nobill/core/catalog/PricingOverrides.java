package io.nobill.core.catalog;

import io.nobill.core.error.InvalidRequestException;
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
   * The prices of {@code plan} with this organization's custom prices in place of the list
   * ones. A custom price that does not fit {@code plan} — no price of that key, or one of
   * another kind, meter or currency — replaces nothing: overrides are checked against the plan
   * when they are written ({@link #requireFits}), and a later move to another plan must never
   * make the organization's renewals fail.
   */
  public List<Price> pricesOf(Plan plan) {
    Objects.requireNonNull(plan, "plan");
    return plan.prices().stream().map(p -> {
      Price custom = customPrices.get(p.key());
      return custom != null && misfit(custom, p, plan.currency()).isEmpty() ? custom : p;
    }).toList();
  }

  /**
   * Checks that every custom price replaces a price of {@code plan} of the same kind, on the
   * same meter and in its currency, and that money amounts are in the plan's currency.
   *
   * @throws InvalidRequestException naming {@code customPrices}, {@code discounts} or
   *     {@code minimumSpend} and the rule broken
   */
  public void requireFits(Plan plan) {
    Objects.requireNonNull(plan, "plan");
    requireCurrency(plan.currency());
    for (Price custom : customPrices.values()) {
      Price listed = plan.price(custom.key()).orElseThrow(() -> new InvalidRequestException("customPrices",
          "must replace a price of plan " + plan.ref() + "; it has no price '" + custom.key() + "'"));
      misfit(custom, listed, plan.currency()).ifPresent(rule -> {
        throw new InvalidRequestException("customPrices", rule);
      });
    }
  }

  /**
   * Checks that every amount of these overrides is in {@code currency}.
   *
   * @throws InvalidRequestException naming the field with an amount in another currency
   */
  public void requireCurrency(java.util.Currency currency) {
    Objects.requireNonNull(currency, "currency");
    for (Price custom : customPrices.values()) {
      if (custom instanceof Price.FlatFee f) {
        InvalidRequestException.require(f.amount().currency().equals(currency), "customPrices",
            "must be in the currency " + currency.getCurrencyCode() + " ('" + custom.key() + "' is in "
                + f.amount().currency().getCurrencyCode() + ")");
      }
    }
    for (Discount d : discounts) {
      if (d instanceof Discount.Amount a) {
        InvalidRequestException.require(a.amount().currency().equals(currency), "discounts",
            "must be in the currency " + currency.getCurrencyCode() + " ('" + d.key() + "' is in "
                + a.amount().currency().getCurrencyCode() + ")");
      }
    }
    minimumSpend.ifPresent(m -> InvalidRequestException.require(m.currency().equals(currency), "minimumSpend",
        "must be in the currency " + currency.getCurrencyCode()));
  }

  /** Why {@code custom} cannot replace {@code listed} in a plan priced in {@code currency}, if it cannot. */
  private static Optional<String> misfit(Price custom, Price listed, java.util.Currency currency) {
    if (listed.getClass() != custom.getClass()) {
      return Optional.of("must be of the same kind as the price it replaces ('" + custom.key() + "')");
    }
    if (custom instanceof Price.Metered m && !m.meter().equals(((Price.Metered) listed).meter())) {
      return Optional.of("must price the same meter as the price it replaces ('" + custom.key() + "')");
    }
    if (custom instanceof Price.FlatFee f && !f.amount().currency().equals(currency)) {
      return Optional.of("must be in the plan's currency ('" + custom.key() + "')");
    }
    return Optional.empty();
  }
}
