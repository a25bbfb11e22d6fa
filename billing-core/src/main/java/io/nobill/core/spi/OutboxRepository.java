package io.nobill.core.spi;

import io.nobill.core.event.OutboxMessage;
import io.nobill.core.id.OutboxMessageId;
import java.util.Optional;

/**
 * The outbox of the organization in scope: events waiting for delivery to listeners,
 * written in the same transaction as the change that caused them. Due messages are found
 * across tenants, by id only, with {@link PlatformTransaction#dueOutbox}.
 */
public interface OutboxRepository {

  /**
   * Stores a new message.
   *
   * @throws io.nobill.core.error.ConflictException if its id exists
   * @throws IllegalArgumentException if its event is about another organization
   */
  void append(OutboxMessage message);

  Optional<OutboxMessage> find(OutboxMessageId id);

  /**
   * Replaces a message whose stored version is {@code message.version() - 1}.
   *
   * @throws io.nobill.core.error.ConflictException if the stored version differs: another deliverer changed it
   * @throws io.nobill.core.error.NotFoundException if it does not exist
   * @throws IllegalArgumentException if its event is about another organization
   */
  void update(OutboxMessage message);
}
