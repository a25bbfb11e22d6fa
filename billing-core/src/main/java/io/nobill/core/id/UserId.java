package io.nobill.core.id;

import java.util.Objects;
import java.util.UUID;

/** Identifies a user of the host application; users belong to organizations through memberships. */
public record UserId(UUID value) implements TypedId, Comparable<UserId> {

  public UserId {
    Objects.requireNonNull(value, "value");
  }

  public static UserId of(UUID value) {
    return new UserId(value);
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws io.nobill.core.error.InvalidRequestException naming {@code userId} if the text is not a canonical UUID
   */
  public static UserId parse(String text) {
    return new UserId(IdText.parse(text, "userId"));
  }

  @Override
  public int compareTo(UserId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
