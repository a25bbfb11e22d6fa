package io.nobill.core.spi;

import io.nobill.core.tax.TaxLine;
import io.nobill.core.tax.TaxRequest;
import java.util.List;

/**
 * Computes the tax on an invoice. NOBill ships {@code io.nobill.core.tax.regional.RegionalTaxTable}; a host may plug in
 * its own (a tax service) or, with Stripe as billing authority, let Stripe compute tax.
 * Implementations are pure: the same request gives the same answer.
 */
public interface TaxCalculator {

  /** Charges no tax: for hosts whose provider computes tax, or who sell where none applies. */
  TaxCalculator NONE = request -> List.of();

  /**
   * The tax lines for the request: one per rate, in a stable order; empty when no tax
   * applies (an exempt buyer, a country the table does not tax).
   */
  List<TaxLine> calculate(TaxRequest request);
}
