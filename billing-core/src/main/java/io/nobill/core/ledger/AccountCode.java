package io.nobill.core.ledger;

/**
 * The accounts every organization's sub-ledger has, once per currency it is billed in.
 * There is no platform-wide account: no row is shared by two tenants' transactions.
 */
public enum AccountCode {
  /** What customers owe on finalized invoices. */
  RECEIVABLE(AccountType.ASSET),
  /** Money collected by a payment processor and not yet settled to the bank. */
  CASH_CLEARING(AccountType.ASSET),
  /** Billed in advance for service not yet delivered. */
  DEFERRED_REVENUE(AccountType.LIABILITY),
  /** Earned revenue. */
  REVENUE(AccountType.REVENUE),
  /** Tax collected on behalf of tax authorities. */
  TAX_PAYABLE(AccountType.LIABILITY),
  /** Credit the customer holds against future invoices. */
  CUSTOMER_CREDIT(AccountType.LIABILITY),
  /** Refunds and goodwill credits: contra-revenue, debit-normal. */
  REFUNDS(AccountType.EXPENSE),
  /** Receivables written off as uncollectible. */
  BAD_DEBT(AccountType.EXPENSE);

  private final AccountType type;

  AccountCode(AccountType type) {
    this.type = type;
  }

  public AccountType type() {
    return type;
  }
}
