package io.nobill.core.spi;

import io.nobill.core.event.InboxEntry;
import java.util.Optional;

/**
 * The provider events of the organization in scope that were applied, by event id: the
 * record that makes a duplicate delivery a no-op. Written in the same transaction as the
 * event's effects, so an event is either applied and recorded, or neither.
 */
public interface InboxRepository {

  Optional<InboxEntry> find(String eventId);

  /**
   * @throws io.nobill.core.error.ConflictException if the event id is recorded already
   */
  void insert(InboxEntry entry);
}
