package io.nobill.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A provider event that was received: its id, what it was about, and whether it changed
 * anything or was recorded and ignored (a duplicate is never recorded twice; a stale
 * snapshot is recorded as ignored).
 */
public record InboxEntry(String eventId, String type, String objectId, Instant occurredAt, Instant receivedAt,
    Outcome outcome) {

  /** What applying the event did. */
  public enum Outcome { APPLIED, IGNORED_STALE, NO_CHANGE }

  public InboxEntry {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(objectId, "objectId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(outcome, "outcome");
  }
}
