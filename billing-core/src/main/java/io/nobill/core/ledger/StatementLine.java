package io.nobill.core.ledger;

import io.nobill.core.id.JournalEntryId;
import io.nobill.core.money.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * One posting on an account statement, with the account's balance on its normal side after it.
 *
 * @param entrySequence the entry's sequence in the organization's ledger
 * @param postingIndex  the posting's position within its entry
 */
public record StatementLine(long entrySequence, int postingIndex, JournalEntryId entryId, Instant occurredAt,
    Reference reference, String memo, Side side, Money amount, Money balanceAfter) {

  public StatementLine {
    Objects.requireNonNull(entryId, "entryId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(memo, "memo");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(balanceAfter, "balanceAfter");
  }

  /** Where this line stands, to continue a statement after it. */
  public StatementCursor cursor() {
    return new StatementCursor(entrySequence, postingIndex);
  }
}
