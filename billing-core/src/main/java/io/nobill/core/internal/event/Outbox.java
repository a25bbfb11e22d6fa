package io.nobill.core.internal.event;

import io.nobill.core.event.*;
import io.nobill.core.event.BillingEvent;
import io.nobill.core.id.OutboxMessageId;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.TenantTransaction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Records outbound events in the transaction of the change that caused them: one
 * {@link OutboxMessage} per registered listener. Because the messages commit or roll back
 * with the change, an event exists exactly when its change happened — never for a change
 * that was rolled back, never missing for one that committed. {@link OutboxDelivery} hands
 * them to the listeners afterwards, outside any transaction.
 *
 * <pre>{@code
 * store.inTenant(org, tx -> {
 *   ... change the subscription ...
 *   billing.outbox().append(tx, new BillingEvent.SubscriptionActivated(key, org, now, subscription, plan));
 *   return null;
 * });
 * }</pre>
 */
public final class Outbox {
  private final Clock clock;
  private final IdGenerator ids;
  private final List<String> listeners;

  private Outbox(Clock clock, IdGenerator ids, List<String> listeners) {
    this.clock = clock;
    this.ids = ids;
    this.listeners = listeners;
  }

  /**
   * An outbox writing one message per listener in {@code listeners}, in that order.
   *
   * @throws IllegalArgumentException if a name is not 1-64 characters of {@code [a-z0-9._-]} or appears twice
   */
  public static Outbox create(Clock clock, IdGenerator ids, List<String> listeners) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(ids, "ids");
    List<String> names = List.copyOf(Objects.requireNonNull(listeners, "listeners"));
    for (String name : names) {
      if (!OutboxMessage.isListenerName(name)) {
        throw new IllegalArgumentException("listener name must be 1-64 characters of [a-z0-9._-], was \"" + name + "\"");
      }
    }
    if (new HashSet<>(names).size() != names.size()) {
      throw new IllegalArgumentException("listener names must be unique: " + names);
    }
    return new Outbox(clock, ids, names);
  }

  /** The names of the listeners each event is written for, in registration order. */
  public List<String> listeners() {
    return listeners;
  }

  /**
   * Writes {@code event} for every registered listener in the caller's transaction, due at
   * once. With no listener registered nothing is written.
   *
   * @return the ids of the messages written, one per listener in registration order
   * @throws IllegalArgumentException if the event is about another organization than the transaction's
   */
  public List<OutboxMessageId> append(TenantTransaction tx, BillingEvent event) {
    Objects.requireNonNull(tx, "tx");
    Objects.requireNonNull(event, "event");
    if (!event.org().equals(tx.org())) {
      throw new IllegalArgumentException("event " + event.key() + " of organization " + event.org()
          + " cannot be written from the transaction of organization " + tx.org());
    }
    List<OutboxMessageId> written = new ArrayList<>(listeners.size());
    for (String listener : listeners) {
      OutboxMessage message = OutboxMessage.pending(ids.next(OutboxMessageId::of), event, listener, clock.instant());
      tx.outbox().append(message);
      written.add(message.id());
    }
    return List.copyOf(written);
  }
}
