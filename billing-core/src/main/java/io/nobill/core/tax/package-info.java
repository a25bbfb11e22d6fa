/**
 * Taxes: the buyer's {@link io.nobill.core.tax.TaxProfile}, rates, and the tax lines of an
 * invoice. The {@link io.nobill.core.spi.TaxCalculator} port computes them.
 */
package io.nobill.core.tax;
