package io.nobill.core.tax;

import io.nobill.core.money.Money;
import java.util.Objects;

/**
 * The tax at one rate on an invoice: the amount it applies to and the tax, rounded once,
 * HALF_UP, to the minor unit. For tax-inclusive prices the taxable amount is the net
 * carved out of the gross.
 */
public record TaxLine(TaxRate rate, Money taxableAmount, Money tax) {
  public TaxLine {
    Objects.requireNonNull(rate, "rate");
    Objects.requireNonNull(taxableAmount, "taxableAmount");
    Objects.requireNonNull(tax, "tax");
  }
}
