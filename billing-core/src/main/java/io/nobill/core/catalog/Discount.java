package io.nobill.core.catalog;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.money.Money;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A reduction of an organization's invoices, applied before tax: a percentage of what is
 * left to discount, or a fixed amount (never more than is left). Several discounts apply in
 * their order.
 */
public sealed interface Discount {

  /** The discount's key ("launch-20", "partner"). */
  String key();

  /** For how many periods it applies. */
  DiscountDuration duration();

  /** What invoices print. */
  String description();

  /** A percentage off, 0 &lt; percent ≤ 100. */
  record Percent(String key, String description, BigDecimal percent, DiscountDuration duration) implements Discount {
    public Percent {
      CatalogKeys.check(key, "discount.key");
      CatalogKeys.name(description, "discount.description");
      Objects.requireNonNull(percent, "percent");
      Objects.requireNonNull(duration, "duration");
      InvalidRequestException.require(percent.signum() > 0 && percent.compareTo(BigDecimal.valueOf(100)) <= 0,
          "discount.percent", "must be greater than 0 and at most 100");
    }
  }

  /** A fixed amount off. */
  record Amount(String key, String description, Money amount, DiscountDuration duration) implements Discount {
    public Amount {
      CatalogKeys.check(key, "discount.key");
      CatalogKeys.name(description, "discount.description");
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(duration, "duration");
      InvalidRequestException.require(amount.isPositive(), "discount.amount", "must be positive");
    }
  }
}
