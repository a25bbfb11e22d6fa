package io.nobill.jdbc.internal.shape;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nobill.core.event.InboxEntry;
import java.time.Instant;

/** Version 1 of {@code nobill_inbox.body}. */
record InboxEntryV1(
    @JsonProperty("v") Integer v,
    @JsonProperty("eventId") String eventId,
    @JsonProperty("type") String type,
    @JsonProperty("objectId") String objectId,
    @JsonProperty("occurredAt") Instant occurredAt,
    @JsonProperty("receivedAt") Instant receivedAt,
    @JsonProperty("outcome") String outcome) {
  static final int VERSION = 1;

  @JsonCreator
  InboxEntryV1 {
  }

  static InboxEntryV1 from(InboxEntry e) {
    return new InboxEntryV1(VERSION, e.eventId(), e.type(), e.objectId(), e.occurredAt(), e.receivedAt(), e.outcome().name());
  }

  InboxEntry toDomain() {
    return new InboxEntry(eventId, type, objectId, occurredAt, receivedAt, Common.constant(InboxEntry.Outcome.class, outcome));
  }
}
