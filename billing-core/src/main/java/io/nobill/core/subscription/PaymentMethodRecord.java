package io.nobill.core.subscription;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The organization's payment method on file: a provider reference such as {@code pm_...},
 * never card data. Empty {@code reference} means it was detached. Stamped like a
 * subscription snapshot, so that a late event cannot bring back an old method.
 */
public record PaymentMethodRecord(Optional<String> reference, Instant changedAt, String changeEvent) {
  public PaymentMethodRecord {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(changedAt, "changedAt");
    Objects.requireNonNull(changeEvent, "changeEvent");
  }

  public boolean isOlderThan(Instant at, String event) {
    int c = changedAt.compareTo(at);
    return c < 0 || (c == 0 && changeEvent.compareTo(event) < 0);
  }
}
