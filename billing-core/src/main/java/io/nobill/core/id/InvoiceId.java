package io.nobill.core.id;

import java.util.Objects;
import java.util.UUID;

/** Identifies an invoice. */
public record InvoiceId(UUID value) implements TypedId, Comparable<InvoiceId> {

  public InvoiceId {
    Objects.requireNonNull(value, "value");
  }

  public static InvoiceId of(UUID value) {
    return new InvoiceId(value);
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws io.nobill.core.error.InvalidRequestException naming {@code invoiceId} if the text is not a canonical UUID
   */
  public static InvoiceId parse(String text) {
    return new InvoiceId(IdText.parse(text, "invoiceId"));
  }

  @Override
  public int compareTo(InvoiceId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
