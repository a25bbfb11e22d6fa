package io.nobill.core.id;

import java.util.Objects;
import java.util.UUID;

/** Identifies a credit note. */
public record CreditNoteId(UUID value) implements TypedId, Comparable<CreditNoteId> {

  public CreditNoteId {
    Objects.requireNonNull(value, "value");
  }

  public static CreditNoteId of(UUID value) {
    return new CreditNoteId(value);
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws io.nobill.core.error.InvalidRequestException naming {@code creditNoteId} if the text is not a canonical UUID
   */
  public static CreditNoteId parse(String text) {
    return new CreditNoteId(IdText.parse(text, "creditNoteId"));
  }

  @Override
  public int compareTo(CreditNoteId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
