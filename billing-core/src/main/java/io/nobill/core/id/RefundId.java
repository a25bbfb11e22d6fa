package io.nobill.core.id;

import java.util.Objects;
import java.util.UUID;

/** Identifies a refund of a payment. */
public record RefundId(UUID value) implements TypedId, Comparable<RefundId> {

  public RefundId {
    Objects.requireNonNull(value, "value");
  }

  public static RefundId of(UUID value) {
    return new RefundId(value);
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws io.nobill.core.error.InvalidRequestException naming {@code refundId} if the text is not a canonical UUID
   */
  public static RefundId parse(String text) {
    return new RefundId(IdText.parse(text, "refundId"));
  }

  @Override
  public int compareTo(RefundId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
