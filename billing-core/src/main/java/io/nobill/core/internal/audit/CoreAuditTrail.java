package io.nobill.core.internal.audit;

import io.nobill.core.access.Actor;
import io.nobill.core.access.Permission;
import io.nobill.core.audit.*;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.id.OrgId;
import io.nobill.core.internal.access.Access;
import io.nobill.core.spi.AuditRepository;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.TenantTransaction;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Each organization's tamper-evident audit trail. Every mutation in NOBill calls
 * {@link #record} inside its own transaction, so the change and its entry commit together or
 * not at all. {@link #verify} re-walks the chain and names the first broken entry. There is
 * no API that changes or deletes an entry.
 */
public final class CoreAuditTrail implements AuditTrail {
  /** Verification reads the chain in pages of this size. */
  private static final int PAGE = 1_000;

  private final BillingStore store;
  private final Clock clock;

  private CoreAuditTrail(BillingStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public static CoreAuditTrail create(BillingStore store, Clock clock) {
    return new CoreAuditTrail(Objects.requireNonNull(store, "store"), Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Appends an entry for an action inside a running tenant transaction. An operator
   * impersonating a member is recorded as the member, with the operator as impersonator.
   */
  public AuditEntry record(TenantTransaction tx, Actor actor, String action, AuditTarget target,
      Map<String, String> before, Map<String, String> after) {
    Objects.requireNonNull(tx, "tx");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    String who = actor.describe();
    Optional<String> impersonator = Optional.empty();
    if (actor instanceof Actor.Impersonating i) {
      who = Actor.member(i.user()).describe();
      impersonator = Optional.of(Actor.operator(i.operatorId()).describe());
    }
    AuditRepository audit = tx.audit();
    AuditHead head = audit.head();
    AuditEntry entry = AuditEntry.chain(tx.org(), head.sequence() + 1, clock.instant(), who, impersonator, action, target,
        before, after, head.hash());
    audit.append(entry);
    return entry;
  }

  /** Re-walks the organization's chain. Needs {@code audit.read}. */
  @Override
  public AuditVerification verify(Actor actor, OrgId org) {
    Objects.requireNonNull(org, "org");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.AUDIT_READ);
      return verify(tx);
    });
  }

  /** Re-walks the chain inside a running tenant transaction. */
  public static AuditVerification verify(TenantTransaction tx) {
    AuditRepository audit = tx.audit();
    String previous = AuditEntry.GENESIS;
    long expected = 1;
    while (true) {
      List<AuditEntry> page = audit.range(expected - 1, PAGE);
      if (page.isEmpty()) {
        break;
      }
      for (AuditEntry e : page) {
        if (e.sequence() != expected) {
          return new AuditVerification.Broken(expected, "entry " + expected + " is missing; the next entry is " + e.sequence());
        }
        if (!e.org().equals(tx.org())) {
          return new AuditVerification.Broken(expected, "entry " + expected + " belongs to another organization");
        }
        if (!e.previousHash().equals(previous)) {
          return new AuditVerification.Broken(expected, "entry " + expected + " does not chain to entry " + (expected - 1));
        }
        if (!e.recomputeHash().equals(e.hash())) {
          return new AuditVerification.Broken(expected, "entry " + expected + " was altered: its content does not match its hash");
        }
        previous = e.hash();
        expected++;
      }
    }
    AuditHead head = audit.head();
    long last = expected - 1;
    if (head.sequence() != last || !head.hash().equals(previous)) {
      return new AuditVerification.Broken(last + 1, "the trail ends at entry " + last + " but its head records entry "
          + head.sequence() + ": entries were removed");
    }
    return new AuditVerification.Intact(last, previous);
  }

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
  @Override
  public List<AuditEntry> query(Actor actor, OrgId org, AuditQuery query, long afterSequence, int limit) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(query, "query");
    InvalidRequestException.require(afterSequence >= 0, "afterSequence", "must not be negative");
    InvalidRequestException.require(limit >= 1 && limit <= PAGE, "limit", "must be in 1.." + PAGE);
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.AUDIT_READ);
      List<AuditEntry> found = tx.audit().query(query, afterSequence, limit);
      for (AuditEntry e : found) {
        if (!e.recomputeHash().equals(e.hash())) {
          throw new ConflictException(org, "audit entry " + e.sequence()
              + " was altered: its content does not match its hash; verify reports the trail as broken");
        }
        if (!query.matches(e) || e.sequence() <= afterSequence || !e.org().equals(org)) {
          throw new ConflictException(org, "audit entry " + e.sequence() + " was returned for a query it does not match");
        }
      }
      return found;
    });
  }
}
