package io.nobill.core.ledger;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.id.TypedId;
import io.nobill.core.text.TextPolicy;
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
    // Ids are compared and stored as given; " x" would be a different reference from "x".
    String rule = TextPolicy.violation(id, TextPolicy.Shape.KEY, MAX_ID);
    InvalidRequestException.require(rule == null, "reference.id", TextPolicy.EMPTY.equals(rule) ? TextPolicy.BLANK : rule);
  }

  public static Reference of(Kind kind, TypedId id) {
    return new Reference(kind, Objects.requireNonNull(id, "id").value().toString());
  }
}
