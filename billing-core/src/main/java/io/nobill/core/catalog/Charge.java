package io.nobill.core.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The exact price of a quantity under a pricing model, in minor units, not yet rounded, with
 * the tiers that made it up. Rounding happens once per invoice line, in rating.
 */
public record Charge(BigDecimal amount, List<TierCharge> tiers) {
  public Charge {
    Objects.requireNonNull(amount, "amount");
    tiers = List.copyOf(Objects.requireNonNull(tiers, "tiers"));
  }
}
