package io.nobill.core.store;

import io.nobill.core.audit.AuditEntry;
import io.nobill.core.audit.AuditHead;
import io.nobill.core.audit.AuditQuery;
import io.nobill.core.error.ConflictException;
import io.nobill.core.spi.AuditRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

final class InMemoryAuditRepository implements AuditRepository {

  /** One organization's trail and head. Package-visible so tests can tamper with it. */
  static final class Tables {
    final List<AuditEntry> entries = new ArrayList<>();
    AuditHead head = AuditHead.EMPTY;
  }

  private final Transaction tx;
  private final Tables t;

  InMemoryAuditRepository(Transaction tx, Tables tables) {
    this.tx = tx;
    this.t = tables;
  }

  @Override
  public AuditHead head() {
    tx.check();
    return t.head;
  }

  @Override
  public void append(AuditEntry entry) {
    tx.check();
    Objects.requireNonNull(entry, "entry");
    AuditHead before = t.head;
    if (entry.sequence() != before.sequence() + 1 || !entry.previousHash().equals(before.hash())) {
      throw ConflictException.concurrent(entry.org(), "audit entry " + entry.sequence() + " does not follow the head at "
          + before.sequence());
    }
    t.entries.add(entry);
    t.head = new AuditHead(entry.sequence(), entry.hash());
    tx.onRollback(() -> {
      t.entries.remove(t.entries.size() - 1);
      t.head = before;
    });
  }

  @Override
  public List<AuditEntry> range(long afterSequence, int limit) {
    tx.check();
    InMemoryBillingStore.checkLimit(limit);
    List<AuditEntry> page = new ArrayList<>();
    for (AuditEntry e : t.entries) {
      if (e.sequence() > afterSequence) {
        page.add(e);
        if (page.size() == limit) {
          break;
        }
      }
    }
    return page;
  }

  @Override
  public List<AuditEntry> query(AuditQuery query, long afterSequence, int limit) {
    tx.check();
    Objects.requireNonNull(query, "query");
    InMemoryBillingStore.checkLimit(limit);
    List<AuditEntry> page = new ArrayList<>();
    for (AuditEntry e : t.entries) {
      if (e.sequence() > afterSequence && query.matches(e)) {
        page.add(e);
        if (page.size() == limit) {
          break;
        }
      }
    }
    return page;
  }
}
