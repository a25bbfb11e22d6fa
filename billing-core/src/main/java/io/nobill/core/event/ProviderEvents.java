package io.nobill.core.event;

import io.nobill.core.access.Actor;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.ledger.Ledger;

/**
 * Applies provider events: in one tenant transaction it deduplicates by event id (the
 * inbox), checks what the event refers to, runs the one reducer, stores the new state
 * and carries out the effects — ledger entries, invoice transitions, audit entries, outbound
 * events. If anything fails, nothing is written and the event is not marked as seen, so the
 * provider's redelivery applies it later.
 */
public interface ProviderEvents {
  /**
   * How far ahead of this instance's clock an event may be stamped: clocks of instances and of
   * the provider may disagree by minutes, never by more.
   */
  java.time.Duration MAX_CLOCK_AHEAD = java.time.Duration.ofMinutes(15);

  /** The outcome of applying an event. */
  public sealed interface Applied {
    String eventId();

    /** The event was new and was applied (or recorded as stale or changing nothing). */
    record Recorded(String eventId, InboxEntry.Outcome outcome) implements Applied {}

    /** The event was applied before; nothing was done this time. */
    record Duplicate(String eventId) implements Applied {}
  }

  /**
   * Applies {@code event} on behalf of {@code actor} (a provider, or NOBill's own billing job).
   *
   * @throws NotFoundException for an unknown organization, or a subscription, invoice or
   *     payment the event refers to that does not exist (yet: the provider's redelivery will retry)
   * @throws InvalidRequestException for a snapshot naming a plan not in the catalog or in
   *     another currency than the organization's, or an event stamped more than
   *     {@link #MAX_CLOCK_AHEAD} ahead of this instance's clock by a provider; for a refund in
   *     another currency than its payment's or exceeding what remains refundable of it (see
   *     {@link Ledger#record(Actor, io.nobill.core.id.OrgId, io.nobill.core.ledger.LedgerFact)})
   */
  Applied apply(Actor actor, ProviderEvent event);
}
