package io.nobill.core.catalog;

/** When a price is billed relative to the service it pays for. */
public enum BillingTiming {
  /** At the start of the period it covers (flat fees, seats). */
  IN_ADVANCE,
  /** At the end of the period it covers (metered usage). */
  IN_ARREARS
}
