package io.nobill.core.id;

import java.util.Objects;
import java.util.UUID;

/** Identifies a subscription of an organization to a plan. */
public record SubscriptionId(UUID value) implements TypedId, Comparable<SubscriptionId> {

  public SubscriptionId {
    Objects.requireNonNull(value, "value");
  }

  public static SubscriptionId of(UUID value) {
    return new SubscriptionId(value);
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws io.nobill.core.error.InvalidRequestException naming {@code subscriptionId} if the text is not a canonical UUID
   */
  public static SubscriptionId parse(String text) {
    return new SubscriptionId(IdText.parse(text, "subscriptionId"));
  }

  @Override
  public int compareTo(SubscriptionId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
