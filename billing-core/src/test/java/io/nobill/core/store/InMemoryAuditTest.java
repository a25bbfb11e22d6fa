package io.nobill.core.store;

import io.nobill.core.audit.AuditEntry;
import io.nobill.core.id.OrgId;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.AuditContract;
import io.nobill.core.audit.AuditTarget;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

class InMemoryAuditTest extends AuditContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }

  @Override
  protected void editEntry(BillingStore store, OrgId org, long sequence, String newAction) {
    List<AuditEntry> entries = ((InMemoryBillingStore) store).auditEntriesForTamperTests(org);
    int i = (int) sequence - 1;
    AuditEntry e = entries.get(i);
    entries.set(i, new AuditEntry(e.org(), e.sequence(), e.occurredAt(), e.actor(), e.impersonator(), newAction, e.target(),
        e.before(), e.after(), e.previousHash(), e.hash()));
  }

  @Override
  protected void deleteEntry(BillingStore store, OrgId org, long sequence) {
    ((InMemoryBillingStore) store).auditEntriesForTamperTests(org).remove((int) sequence - 1);
  }

  @Override
  protected void editQueriedField(BillingStore store, OrgId org, long sequence, QueriedField field, String value) {
    List<AuditEntry> entries = ((InMemoryBillingStore) store).auditEntriesForTamperTests(org);
    int i = (int) sequence - 1;
    AuditEntry e = entries.get(i);
    entries.set(i, new AuditEntry(e.org(), e.sequence(),
        field == QueriedField.OCCURRED_AT ? Instant.parse(value) : e.occurredAt(),
        field == QueriedField.ACTOR ? value : e.actor(),
        field == QueriedField.IMPERSONATOR ? Optional.of(value) : e.impersonator(),
        field == QueriedField.ACTION ? value : e.action(),
        new AuditTarget(field == QueriedField.TARGET_TYPE ? value : e.target().kind(),
            field == QueriedField.TARGET_ID ? value : e.target().id()),
        e.before(), e.after(), e.previousHash(), e.hash()));
  }
}
