package io.nobill.core.store;

import io.nobill.core.audit.AuditEntry;
import io.nobill.core.id.OrgId;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.AuditContract;
import java.util.List;

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
}
