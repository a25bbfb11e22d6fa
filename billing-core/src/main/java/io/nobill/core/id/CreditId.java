package io.nobill.core.id;

import java.util.Objects;
import java.util.UUID;

/** Identifies a grant of customer credit. */
public record CreditId(UUID value) implements TypedId, Comparable<CreditId> {

  public CreditId {
    Objects.requireNonNull(value, "value");
  }

  public static CreditId of(UUID value) {
    return new CreditId(value);
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws io.nobill.core.error.InvalidRequestException naming {@code creditId} if the text is not a canonical UUID
   */
  public static CreditId parse(String text) {
    return new CreditId(IdText.parse(text, "creditId"));
  }

  @Override
  public int compareTo(CreditId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
