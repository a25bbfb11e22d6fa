package io.nobill.core.id;

import java.util.Objects;
import java.util.UUID;

/** Identifies one outbound event waiting for, or delivered to, one listener. */
public record OutboxMessageId(UUID value) implements TypedId, Comparable<OutboxMessageId> {

  public OutboxMessageId {
    Objects.requireNonNull(value, "value");
  }

  public static OutboxMessageId of(UUID value) {
    return new OutboxMessageId(value);
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws io.nobill.core.error.InvalidRequestException naming {@code outboxMessageId} if the text is not a canonical UUID
   */
  public static OutboxMessageId parse(String text) {
    return new OutboxMessageId(IdText.parse(text, "outboxMessageId"));
  }

  @Override
  public int compareTo(OutboxMessageId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
