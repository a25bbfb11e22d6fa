package io.nobill.core.invoice;

/** What an invoice line charges for. */
public enum LineKind {
  /** A flat fee for the period. */
  FLAT,
  /** Seats for the period. */
  SEATS,
  /** Metered usage over the period. */
  USAGE,
  /** A credit or charge for part of a period after a change of plan or seats. */
  PRORATION,
  /** The difference between the charges and the organization's minimum spend. */
  MINIMUM,
  /** A discount (negative). */
  DISCOUNT
}
