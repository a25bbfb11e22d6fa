package io.nobill.core.ledger;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.id.AccountId;
import io.nobill.core.money.Bounds;
import io.nobill.core.money.Money;
import java.util.Objects;

/**
 * One line of a journal entry: an amount on one side of one account. The amount is always
 * positive, at most {@link Bounds#MAX_AMOUNT} minor units; the side says which way it moves.
 */
public record Posting(AccountId account, Side side, Money amount) {
  public Posting {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(amount, "amount");
    if (!amount.isPositive()) {
      throw new InvalidRequestException("amount", "must be positive, was " + amount);
    }
    Bounds.checkAmount(amount, "amount");
  }

  public static Posting debit(AccountId account, Money amount) {
    return new Posting(account, Side.DEBIT, amount);
  }

  public static Posting credit(AccountId account, Money amount) {
    return new Posting(account, Side.CREDIT, amount);
  }

  /** The same amount on the other side: what a reversal posts. */
  public Posting mirrored() {
    return new Posting(account, side.opposite(), amount);
  }
}
