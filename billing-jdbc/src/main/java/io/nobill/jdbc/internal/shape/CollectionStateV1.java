package io.nobill.jdbc.internal.shape;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.SubscriptionId;
import io.nobill.core.invoice.CollectionState;
import java.time.Instant;
import java.util.Optional;

/** Version 1 of {@code nobill_collection.body}. */
record CollectionStateV1(
    @JsonProperty("v") Integer v,
    @JsonProperty("invoice") Common.Id invoice,
    @JsonProperty("subscription") Common.Id subscription,
    @JsonProperty("attempts") int attempts,
    @JsonProperty("firstFailureAt") Instant firstFailureAt,
    @JsonProperty("nextAttemptAt") Instant nextAttemptAt,
    @JsonProperty("lastFailure") String lastFailure) {
  static final int VERSION = 1;

  @JsonCreator
  CollectionStateV1 {
  }

  static CollectionStateV1 from(CollectionState s) {
    return new CollectionStateV1(VERSION, Common.Id.of(s.invoice()), Common.Id.ofNullable(s.subscription()), s.attempts(),
        s.firstFailureAt().orElse(null), s.nextAttemptAt().orElse(null), s.lastFailure().orElse(null));
  }

  CollectionState toDomain() {
    return new CollectionState(invoice.to(InvoiceId::of), Common.Id.to(subscription, SubscriptionId::of), attempts,
        Optional.ofNullable(firstFailureAt), Optional.ofNullable(nextAttemptAt), Optional.ofNullable(lastFailure));
  }
}
