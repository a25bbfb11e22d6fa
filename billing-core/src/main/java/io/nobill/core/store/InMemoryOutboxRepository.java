package io.nobill.core.store;

import io.nobill.core.error.ConflictException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.event.OutboxMessage;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.OutboxMessageId;
import io.nobill.core.id.TypedId;
import io.nobill.core.spi.OutboxRepository;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

final class InMemoryOutboxRepository implements OutboxRepository {

  /** One organization's outbox. */
  static final class Tables {
    final NavigableMap<OutboxMessageId, OutboxMessage> messages = new TreeMap<>(TypedId.ORDER);
    // The messages still pending, so that finding due work does not walk every delivered one.
    final NavigableSet<OutboxMessageId> pending = new TreeSet<>(TypedId.ORDER);
  }

  private final Transaction tx;
  private final OrgId org;
  private final Tables t;

  InMemoryOutboxRepository(Transaction tx, OrgId org, Tables tables) {
    this.tx = tx;
    this.org = org;
    this.t = tables;
  }

  @Override
  public void append(OutboxMessage message) {
    tx.check();
    checkScope(message);
    if (t.messages.containsKey(message.id())) {
      throw new ConflictException(message.id(), "outbox message already exists");
    }
    t.messages.put(message.id(), message);
    boolean pending = message.state() == OutboxMessage.State.PENDING;
    if (pending) {
      t.pending.add(message.id());
    }
    tx.onRollback(() -> {
      t.messages.remove(message.id());
      t.pending.remove(message.id());
    });
  }

  @Override
  public Optional<OutboxMessage> find(OutboxMessageId id) {
    tx.check();
    return Optional.ofNullable(t.messages.get(Objects.requireNonNull(id, "id")));
  }

  @Override
  public void update(OutboxMessage message) {
    tx.check();
    checkScope(message);
    OutboxMessage before = t.messages.get(message.id());
    if (before == null) {
      throw new NotFoundException("outbox message", message.id());
    }
    if (before.version() != message.version() - 1) {
      throw ConflictException.concurrent(message.id(), "was changed concurrently (stored version " + before.version()
          + ", update expects " + (message.version() - 1) + ")");
    }
    t.messages.put(message.id(), message);
    boolean wasPending = t.pending.contains(message.id());
    if (message.state() == OutboxMessage.State.PENDING) {
      t.pending.add(message.id());
    } else {
      t.pending.remove(message.id());
    }
    tx.onRollback(() -> {
      t.messages.put(message.id(), before);
      if (wasPending) {
        t.pending.add(message.id());
      } else {
        t.pending.remove(message.id());
      }
    });
  }

  private void checkScope(OutboxMessage message) {
    Objects.requireNonNull(message, "message");
    if (!message.org().equals(org)) {
      throw new IllegalArgumentException("outbox message " + message.id() + " of organization " + message.org()
          + " cannot be written from the transaction of organization " + org);
    }
  }
}
