package io.nobill.core.ledger;

/** A position in an account statement: after this posting of this entry. */
public record StatementCursor(long entrySequence, int postingIndex) {
  public StatementCursor {
    if (entrySequence < 1 || postingIndex < 0) {
      throw new IllegalArgumentException("cursor must name an entry sequence >= 1 and a posting index >= 0");
    }
  }

  /** Whether a posting at ({@code sequence}, {@code index}) comes after this cursor. */
  public boolean isBefore(long sequence, int index) {
    return sequence > entrySequence || (sequence == entrySequence && index > postingIndex);
  }
}
