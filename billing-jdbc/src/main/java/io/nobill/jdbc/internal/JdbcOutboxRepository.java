package io.nobill.jdbc.internal;

import io.nobill.core.error.ConflictException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.event.OutboxMessage;
import io.nobill.core.id.OutboxMessageId;
import io.nobill.core.spi.OutboxRepository;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The outbox: each message whole as JSON, beside the columns the platform sweep reads —
 * {@code due_at}, its next attempt time while it is pending (NULL once it is final), and
 * {@code claimed_until}, a deliverer's claim — and the version the optimistic check compares.
 */
final class JdbcOutboxRepository implements OutboxRepository {
  private final JdbcTenant tx;

  JdbcOutboxRepository(JdbcTenant tx) {
    this.tx = tx;
  }

  @Override
  public void append(OutboxMessage message) {
    checkScope(message);
    if (storedVersion(message.id()).isPresent()) {
      throw new ConflictException(message.id(), "outbox message already exists");
    }
    tx.handle().createUpdate("INSERT INTO nobill_outbox (org_id, message_id, due_at, claimed_until, version, body) "
            + "VALUES (:org, :id, :dueAt, :claimedUntil, :version, :body)")
        .bind("org", tx.orgId())
        .bind("id", message.id().value())
        .bind("dueAt", dueAt(message))
        .bind("claimedUntil", Instants.nanosOrNull(message.claimedUntil()))
        .bind("version", message.version())
        .bind("body", tx.bodies().write(message))
        .execute();
  }

  @Override
  public Optional<OutboxMessage> find(OutboxMessageId id) {
    Objects.requireNonNull(id, "id");
    return tx.handle().createQuery("SELECT body FROM nobill_outbox WHERE org_id = :org AND message_id = :id")
        .bind("org", tx.orgId())
        .bind("id", id.value())
        .mapTo(String.class)
        .findOne()
        .map(body -> tx.bodies().readOutboxMessage(body));
  }

  @Override
  public void update(OutboxMessage message) {
    checkScope(message);
    // The version check is in the statement, so the usual case is one round trip; only a
    // refused update reads why it was refused.
    int rows = tx.handle().createUpdate("UPDATE nobill_outbox SET due_at = :dueAt, claimed_until = :claimedUntil, "
            + "version = :version, body = :body WHERE org_id = :org AND message_id = :id AND version = :expected")
        .bind("org", tx.orgId())
        .bind("id", message.id().value())
        .bind("dueAt", dueAt(message))
        .bind("claimedUntil", Instants.nanosOrNull(message.claimedUntil()))
        .bind("version", message.version())
        .bind("expected", message.version() - 1)
        .bind("body", tx.bodies().write(message))
        .execute();
    if (rows == 1) {
      return;
    }
    long stored = storedVersion(message.id()).orElseThrow(() -> new NotFoundException("outbox message", message.id()));
    throw ConflictException.concurrent(message.id(), "was changed concurrently (stored version " + stored
        + ", update expects " + (message.version() - 1) + ")");
  }

  private Optional<Long> storedVersion(OutboxMessageId id) {
    return tx.handle().createQuery("SELECT version FROM nobill_outbox WHERE org_id = :org AND message_id = :id")
        .bind("org", tx.orgId())
        .bind("id", id.value())
        .mapTo(Long.class)
        .findOne();
  }

  /** The next attempt time while the message is pending; final messages are never due. */
  private static Long dueAt(OutboxMessage message) {
    Instant next = message.nextAttemptAt();
    return message.state() == OutboxMessage.State.PENDING ? Instants.nanos(next) : null;
  }

  private void checkScope(OutboxMessage message) {
    Objects.requireNonNull(message, "message");
    tx.check();
    if (!message.org().equals(tx.org())) {
      throw new IllegalArgumentException("outbox message " + message.id() + " of organization " + message.org()
          + " cannot be written from the transaction of organization " + tx.org());
    }
  }
}
