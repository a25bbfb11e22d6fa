package io.nobill.core.id;

import java.util.Objects;
import java.util.UUID;

/** Identifies a payment collected against an invoice. */
public record PaymentId(UUID value) implements TypedId, Comparable<PaymentId> {

  public PaymentId {
    Objects.requireNonNull(value, "value");
  }

  public static PaymentId of(UUID value) {
    return new PaymentId(value);
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws io.nobill.core.error.InvalidRequestException naming {@code paymentId} if the text is not a canonical UUID
   */
  public static PaymentId parse(String text) {
    return new PaymentId(IdText.parse(text, "paymentId"));
  }

  @Override
  public int compareTo(PaymentId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
