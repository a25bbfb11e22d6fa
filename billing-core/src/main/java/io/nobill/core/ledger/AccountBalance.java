package io.nobill.core.ledger;

import io.nobill.core.money.Money;
import java.util.Objects;

/**
 * What has been posted to one account: the sum of its debits and of its credits, and the
 * net on the account's normal side (positive for a receivable customers owe, for revenue
 * earned, for tax collected).
 */
public record AccountBalance(Account account, Money debits, Money credits) {
  public AccountBalance {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(debits, "debits");
    Objects.requireNonNull(credits, "credits");
  }

  /** A balance with nothing posted. */
  public static AccountBalance empty(Account account) {
    Money zero = Money.zero(account.currency());
    return new AccountBalance(account, zero, zero);
  }

  /** Adds one posting. */
  public AccountBalance plus(Posting posting) {
    return posting.side() == Side.DEBIT
        ? new AccountBalance(account, debits.plus(posting.amount()), credits)
        : new AccountBalance(account, debits, credits.plus(posting.amount()));
  }

  /** The balance on the account's normal side. */
  public Money net() {
    return account.type().normalSide() == Side.DEBIT ? debits.minus(credits) : credits.minus(debits);
  }
}
