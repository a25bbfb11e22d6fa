package io.nobill.core.invoice;

import io.nobill.core.catalog.BillingTiming;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.TierCharge;
import io.nobill.core.money.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of an invoice. Its amount is rounded once, HALF_UP, to the minor unit; the unit
 * amount and the tiers that explain it keep their exact, possibly fractional, minor units.
 *
 * @param priceKey   the plan price it comes from, if any
 * @param period     the service period it pays for
 * @param quantity   seats, units of usage, or 1 for a flat fee
 * @param unitAmount the price of one unit in minor units, when one price applies to every unit
 * @param tiers      how a tiered price arrived at the amount; empty for untiered lines
 */
public record InvoiceLine(LineKind kind, String description, Optional<String> priceKey, Period period,
    BigDecimal quantity, Optional<BigDecimal> unitAmount, Money amount, BillingTiming timing, List<TierCharge> tiers) {

  public InvoiceLine {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(priceKey, "priceKey");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(unitAmount, "unitAmount");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(timing, "timing");
    tiers = List.copyOf(Objects.requireNonNull(tiers, "tiers"));
  }
}
