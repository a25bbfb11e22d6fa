package io.nobill.core.id;

import java.util.Objects;
import java.util.UUID;

/** Identifies a journal entry in an organization's ledger. */
public record JournalEntryId(UUID value) implements TypedId, Comparable<JournalEntryId> {

  public JournalEntryId {
    Objects.requireNonNull(value, "value");
  }

  public static JournalEntryId of(UUID value) {
    return new JournalEntryId(value);
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws io.nobill.core.error.InvalidRequestException naming {@code journalEntryId} if the text is not a canonical UUID
   */
  public static JournalEntryId parse(String text) {
    return new JournalEntryId(IdText.parse(text, "journalEntryId"));
  }

  @Override
  public int compareTo(JournalEntryId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
