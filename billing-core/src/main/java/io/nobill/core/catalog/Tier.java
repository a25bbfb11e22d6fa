package io.nobill.core.catalog;

import io.nobill.core.error.InvalidRequestException;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One tier of a tiered price. Amounts are in minor units of the plan's currency and may
 * be fractional (0.06 cents per call).
 *
 * @param upTo       the last quantity in this tier; empty for the final, unbounded tier
 * @param unitAmount the price of one unit in this tier
 * @param flatAmount a fee for reaching this tier, zero if none
 */
public record Tier(Optional<BigDecimal> upTo, BigDecimal unitAmount, BigDecimal flatAmount) {
  public Tier {
    Objects.requireNonNull(upTo, "upTo");
    Objects.requireNonNull(unitAmount, "unitAmount");
    Objects.requireNonNull(flatAmount, "flatAmount");
    upTo.ifPresent(u -> InvalidRequestException.require(u.signum() > 0, "tiers.upTo", "must be positive"));
    InvalidRequestException.require(unitAmount.signum() >= 0, "tiers.unitAmount", "must not be negative");
    InvalidRequestException.require(flatAmount.signum() >= 0, "tiers.flatAmount", "must not be negative");
  }

  /** A tier ending at {@code upTo} units, priced per unit in minor units. */
  public static Tier upTo(long upTo, String unitAmount) {
    return new Tier(Optional.of(BigDecimal.valueOf(upTo)), new BigDecimal(unitAmount), BigDecimal.ZERO);
  }

  /** A tier ending at {@code upTo} units, with a per-unit price and a flat fee, in minor units. */
  public static Tier upTo(long upTo, String unitAmount, String flatAmount) {
    return new Tier(Optional.of(BigDecimal.valueOf(upTo)), new BigDecimal(unitAmount), new BigDecimal(flatAmount));
  }

  /** The final, unbounded tier, priced per unit in minor units. */
  public static Tier rest(String unitAmount) {
    return new Tier(Optional.empty(), new BigDecimal(unitAmount), BigDecimal.ZERO);
  }

  /** The final, unbounded tier, with a per-unit price and a flat fee, in minor units. */
  public static Tier rest(String unitAmount, String flatAmount) {
    return new Tier(Optional.empty(), new BigDecimal(unitAmount), new BigDecimal(flatAmount));
  }
}
