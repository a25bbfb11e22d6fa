package io.nobill.core.audit;

import io.nobill.core.access.Actor;
import io.nobill.core.error.ConflictException;
import io.nobill.core.id.OrgId;
import java.util.List;

/**
 * Each organization's tamper-evident audit trail. Every mutation in NOBill records
 * its entry inside its own transaction, so the change and its entry commit together or
 * not at all. {@link #verify} re-walks the chain and names the first broken entry. There is
 * no API that changes or deletes an entry.
 */
public interface AuditTrail {

  /** Re-walks the organization's chain. Needs {@code audit.read}. */
  AuditVerification verify(Actor actor, OrgId org);

  /**
   * A page of entries matching {@code query}, in sequence order, after {@code afterSequence}.
   * Needs {@code audit.read}.
   *
   * <p>What a query filters on — time, actor, impersonator, action, target — is part of what
   * each entry's hash covers, and a store returns every entry as the data it filtered on says
   * it is. Each entry returned is checked against its own hash before it is returned, so a
   * query never hands out an entry that was changed in the store. What one query cannot see is
   * an entry changed so that it no longer matches: {@link #verify} reports that one, since its
   * content no longer matches its hash either.
   *
   * @throws ConflictException naming the organization and the entry, if an entry the query
   *     found does not match its hash (or its store returned one the query does not match):
   *     the trail was altered, and {@link #verify} reports it as broken
   */
  List<AuditEntry> query(Actor actor, OrgId org, AuditQuery query, long afterSequence, int limit);
}
