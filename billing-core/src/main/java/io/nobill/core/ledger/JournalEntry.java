package io.nobill.core.ledger;

import io.nobill.core.id.JournalEntryId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A posted, immutable journal entry. Corrections are new entries: a {@link Ledger#reverse
 * reversal} posts the exact mirror and names the entry it {@link #reverses()}.
 *
 * @param sequence the entry's position in its organization's ledger, from 1, without gaps
 * @param recordedAt when NOBill recorded it, by the billing clock
 */
public record JournalEntry(JournalEntryId id, long sequence, String idempotencyKey, Instant occurredAt,
    Instant recordedAt, Reference reference, String memo, List<Posting> postings,
    Optional<JournalEntryId> reverses) {

  public JournalEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(memo, "memo");
    Objects.requireNonNull(reverses, "reverses");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1, was " + sequence);
    }
    // Re-validates key, balance and posting count through the draft's constructor.
    postings = new NewJournalEntry(idempotencyKey, occurredAt, reference, memo, postings).postings();
  }

  /** The content the entry was posted with, for comparing a repeated post against it. */
  public NewJournalEntry content() {
    return new NewJournalEntry(idempotencyKey, occurredAt, reference, memo, postings);
  }
}
