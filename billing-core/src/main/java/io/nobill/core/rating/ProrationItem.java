package io.nobill.core.rating;

import io.nobill.core.catalog.Period;
import io.nobill.core.money.Money;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A pending credit (negative) or charge (positive) for part of a period, created when a plan
 * or seat count changes mid-period and billed on the next invoice (or at once).
 *
 * @param period   the part of the period it covers: from the change to the period's end
 * @param quantity the quantity priced (seats, or 1 for a flat fee)
 * @param amount   rounded once, HALF_UP
 */
public record ProrationItem(String description, Optional<String> priceKey, Period period, BigDecimal quantity,
    Money amount) {
  public ProrationItem {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(priceKey, "priceKey");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(amount, "amount");
  }
}
