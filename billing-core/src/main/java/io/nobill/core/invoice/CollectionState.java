package io.nobill.core.invoice;

import io.nobill.core.id.InvoiceId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where collecting an invoice stands: attempts made, when the first failed, when the next
 * is due (empty when none is: paid, or dunning is over), and the last failure code.
 */
public record CollectionState(InvoiceId invoice, Optional<io.nobill.core.id.SubscriptionId> subscription, int attempts,
    Optional<Instant> firstFailureAt,
    Optional<Instant> nextAttemptAt, Optional<String> lastFailure) {
  public CollectionState {
    Objects.requireNonNull(invoice, "invoice");
    Objects.requireNonNull(subscription, "subscription");
    Objects.requireNonNull(firstFailureAt, "firstFailureAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(lastFailure, "lastFailure");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative");
    }
  }

  /** A first attempt, due at {@code at}. */
  public static CollectionState due(InvoiceId invoice, Optional<io.nobill.core.id.SubscriptionId> subscription, Instant at) {
    return new CollectionState(invoice, subscription, 0, Optional.empty(), Optional.of(at), Optional.empty());
  }
}
