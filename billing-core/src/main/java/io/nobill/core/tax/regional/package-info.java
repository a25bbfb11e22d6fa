/**
 * A {@link io.nobill.core.spi.TaxCalculator} from a table of dated regional rates (EU VAT with
 * reverse charge and OSS, and any rates the host adds). Kept apart from the tax values so that the
 * SPI can use those values without depending on an implementation of itself.
 */
package io.nobill.core.tax.regional;
