package io.nobill.core.ledger;

import io.nobill.core.InvalidRequestException;
import io.nobill.core.id.TypedId;
import java.util.Objects;

/** What a journal entry is about: an invoice, a payment, a refund, a credit, a provider event. */
public record Reference(Kind kind, String id) {
  private static final int MAX_ID = 255;

  /** The kinds of thing an entry can refer to. */
  public enum Kind {
    INVOICE,
    PAYMENT,
    REFUND,
    CREDIT,
    PROVIDER_EVENT,
    MANUAL
  }

  public Reference {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    InvalidRequestException.require(!id.isBlank(), "reference.id", "must not be blank");
    InvalidRequestException.require(id.length() <= MAX_ID, "reference.id", "must be at most " + MAX_ID + " characters");
  }

  public static Reference of(Kind kind, TypedId id) {
    return new Reference(kind, Objects.requireNonNull(id, "id").value().toString());
  }
}
