package io.nobill.jdbc.internal;

import io.nobill.core.error.ConflictException;
import io.nobill.core.event.InboxEntry;
import io.nobill.core.spi.InboxRepository;
import java.util.Objects;
import java.util.Optional;

final class JdbcInboxRepository implements InboxRepository {
  private final JdbcTenant tx;

  JdbcInboxRepository(JdbcTenant tx) {
    this.tx = tx;
  }

  @Override
  public Optional<InboxEntry> find(String eventId) {
    Objects.requireNonNull(eventId, "eventId");
    return tx.handle().createQuery("SELECT body FROM nobill_inbox WHERE org_id = :org AND event_id = :id")
        .bind("org", tx.orgId())
        .bind("id", eventId)
        .mapTo(String.class)
        .findOne()
        .map(body -> tx.bodies().readInboxEntry(body));
  }

  @Override
  public void insert(InboxEntry entry) {
    Objects.requireNonNull(entry, "entry");
    if (find(entry.eventId()).isPresent()) {
      throw new ConflictException(entry.eventId(), "was received already");
    }
    tx.handle().createUpdate("INSERT INTO nobill_inbox (org_id, event_id, body) VALUES (:org, :id, :body)")
        .bind("org", tx.orgId())
        .bind("id", entry.eventId())
        .bind("body", tx.bodies().write(entry))
        .execute();
  }
}
