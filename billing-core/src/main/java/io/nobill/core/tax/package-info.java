/**
 * Taxes: the buyer's {@link io.nobill.core.tax.TaxProfile}, rates, and the tax lines of an
 * invoice. The {@link io.nobill.core.spi.TaxCalculator} port computes them;
 * {@link io.nobill.core.tax.regional.RegionalTaxTable} is the built-in table of EU VAT, GST and
 * configured US sales tax rates.
 */
package io.nobill.core.tax;
