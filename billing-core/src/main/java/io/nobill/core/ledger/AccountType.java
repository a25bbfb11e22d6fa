package io.nobill.core.ledger;

/** The five account types of double-entry bookkeeping, each with its normal side. */
public enum AccountType {
  ASSET(Side.DEBIT),
  EXPENSE(Side.DEBIT),
  LIABILITY(Side.CREDIT),
  EQUITY(Side.CREDIT),
  REVENUE(Side.CREDIT);

  private final Side normalSide;

  AccountType(Side normalSide) {
    this.normalSide = normalSide;
  }

  /** The side on which a balance of this type is positive. */
  public Side normalSide() {
    return normalSide;
  }
}
