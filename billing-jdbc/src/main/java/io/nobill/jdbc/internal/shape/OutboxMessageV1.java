package io.nobill.jdbc.internal.shape;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nobill.core.event.OutboxMessage;
import io.nobill.core.id.OutboxMessageId;
import java.time.Instant;
import java.util.Optional;

/** Version 1 of {@code nobill_outbox.body}: the message and its event ({@link EventV1}). */
record OutboxMessageV1(
    @JsonProperty("v") Integer v,
    @JsonProperty("id") Common.Id id,
    @JsonProperty("event") EventV1 event,
    @JsonProperty("listener") String listener,
    @JsonProperty("attempts") int attempts,
    @JsonProperty("nextAttemptAt") Instant nextAttemptAt,
    @JsonProperty("claimedUntil") Instant claimedUntil,
    @JsonProperty("deliveredAt") Instant deliveredAt,
    @JsonProperty("abandonedAt") Instant abandonedAt,
    @JsonProperty("lastError") String lastError,
    @JsonProperty("version") long version) {
  static final int VERSION = 1;

  @JsonCreator
  OutboxMessageV1 {
  }

  static OutboxMessageV1 from(OutboxMessage m) {
    return new OutboxMessageV1(VERSION, Common.Id.of(m.id()), EventV1.of(m.event()), m.listener(), m.attempts(),
        m.nextAttemptAt(), m.claimedUntil().orElse(null), m.deliveredAt().orElse(null), m.abandonedAt().orElse(null),
        m.lastError().orElse(null), m.version());
  }

  OutboxMessage toDomain() {
    return new OutboxMessage(id.to(OutboxMessageId::of), event.toDomain(), listener, attempts, nextAttemptAt,
        Optional.ofNullable(claimedUntil), Optional.ofNullable(deliveredAt), Optional.ofNullable(abandonedAt),
        Optional.ofNullable(lastError), version);
  }
}
