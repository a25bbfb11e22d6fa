package io.nobill.core.rating;

/** How a mid-period change of plan or seats is billed, as Stripe names the choices. */
public enum ProrationBehavior {
  /** Credit and charge for the rest of the period on the next invoice. */
  CREATE_PRORATIONS,
  /** Credit and charge for the rest of the period on an invoice issued now. */
  ALWAYS_INVOICE,
  /** Do not prorate: the new price applies from the next period. */
  NONE
}
