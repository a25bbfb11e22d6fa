package io.nobill.core.tax;

/** Whether prices already include tax. */
public enum TaxBehavior {
  /** Tax is added on top of the price (the default, and the norm for B2B SaaS). */
  EXCLUSIVE,
  /** The price includes tax; the tax is carved out of it. */
  INCLUSIVE
}
