package io.nobill.core.event;

import io.nobill.core.text.TextPolicy;
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

  /** The most characters (code points) of an inbox entry's id. */
  public static final int MAX_EVENT_ID = 300;

  public InboxEntry {
    // The event id is a column; an event's own id is at most ProviderEvent.MAX_ID, a request
    // key's entry ("request:" and the key) a little longer.
    TextPolicy.key(eventId, "eventId", MAX_EVENT_ID);
    TextPolicy.key(type, "type", ProviderEvent.MAX_ID);
    TextPolicy.key(objectId, "objectId", ProviderEvent.MAX_ID);
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(outcome, "outcome");
  }
}
