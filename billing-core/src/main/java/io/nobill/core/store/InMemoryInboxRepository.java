package io.nobill.core.store;

import io.nobill.core.error.ConflictException;
import io.nobill.core.event.InboxEntry;
import io.nobill.core.spi.InboxRepository;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

final class InMemoryInboxRepository implements InboxRepository {
  private final Transaction tx;
  private final Map<String, InboxEntry> entries;

  InMemoryInboxRepository(Transaction tx, Map<String, InboxEntry> entries) {
    this.tx = tx;
    this.entries = entries;
  }

  @Override
  public Optional<InboxEntry> find(String eventId) {
    tx.check();
    return Optional.ofNullable(entries.get(Objects.requireNonNull(eventId, "eventId")));
  }

  @Override
  public void insert(InboxEntry entry) {
    tx.check();
    Objects.requireNonNull(entry, "entry");
    if (entries.containsKey(entry.eventId())) {
      throw new ConflictException(entry.eventId(), "event was recorded already");
    }
    entries.put(entry.eventId(), entry);
    tx.onRollback(() -> entries.remove(entry.eventId()));
  }
}
