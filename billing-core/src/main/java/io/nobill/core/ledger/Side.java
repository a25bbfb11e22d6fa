package io.nobill.core.ledger;

/** The side of a posting. */
public enum Side {
  DEBIT,
  CREDIT;

  /** The other side: what a reversal posts. */
  public Side opposite() {
    return this == DEBIT ? CREDIT : DEBIT;
  }
}
