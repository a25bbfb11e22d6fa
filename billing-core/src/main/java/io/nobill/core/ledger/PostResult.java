package io.nobill.core.ledger;

import java.util.Objects;

/** The outcome of posting an entry: newly posted, or already posted under the same key. */
public sealed interface PostResult {

  /** The entry as it stands in the ledger. */
  JournalEntry entry();

  /** The entry was new and is now posted. */
  record Posted(JournalEntry entry) implements PostResult {
    public Posted {
      Objects.requireNonNull(entry, "entry");
    }
  }

  /** An entry with the same key and content was posted before; this is that entry, unchanged. */
  record AlreadyPosted(JournalEntry entry) implements PostResult {
    public AlreadyPosted {
      Objects.requireNonNull(entry, "entry");
    }
  }
}
