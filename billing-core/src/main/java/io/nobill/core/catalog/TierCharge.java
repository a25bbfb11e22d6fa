package io.nobill.core.catalog;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one tier contributed to a price: the quantity priced in it, its unit amount, its flat
 * fee and the exact (unrounded) amount in minor units. Invoices show these to explain a line.
 */
public record TierCharge(int tier, BigDecimal quantity, BigDecimal unitAmount, BigDecimal flatAmount, BigDecimal amount) {
  public TierCharge {
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(unitAmount, "unitAmount");
    Objects.requireNonNull(flatAmount, "flatAmount");
    Objects.requireNonNull(amount, "amount");
  }
}
