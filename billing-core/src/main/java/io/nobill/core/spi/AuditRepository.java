package io.nobill.core.spi;

import io.nobill.core.audit.AuditEntry;
import io.nobill.core.audit.AuditHead;
import io.nobill.core.audit.AuditQuery;
import java.util.List;

/**
 * The audit trail of the organization in scope: append-only. There is no update or delete.
 */
public interface AuditRepository {

  /** The newest sequence and hash; {@link AuditHead#EMPTY} for an empty trail. */
  AuditHead head();

  /**
   * Appends an entry and moves the head to it.
   *
   * @throws io.nobill.core.error.ConflictException if its sequence is not the head's + 1 or it does
   *     not chain to the head's hash
   */
  void append(AuditEntry entry);

  /** Entries in sequence order with a sequence greater than {@code afterSequence}, at most {@code limit}. */
  List<AuditEntry> range(long afterSequence, int limit);

  /** Entries matching {@code query}, in sequence order, after {@code afterSequence}, at most {@code limit}. */
  List<AuditEntry> query(AuditQuery query, long afterSequence, int limit);
}
