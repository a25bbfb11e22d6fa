package io.nobill.core.spi;

import io.nobill.core.id.OrgId;
import io.nobill.core.id.OutboxMessageId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A transaction across tenants for sweeps and reports. It returns ids only — never tenant
 * data — so that every read of an organization's data happens in that organization's own
 * transaction.
 */
public interface PlatformTransaction {

  /** The largest page any listing returns. */
  int MAX_PAGE = 10_000;

  /**
   * Organization ids in ascending {@link io.nobill.core.id.TypedId#ORDER order}, starting
   * after {@code after} (from the beginning when empty), at most {@code limit} of them.
   *
   * @throws IllegalArgumentException if {@code limit} is not in 1..{@value #MAX_PAGE}
   */
  List<OrgId> organizations(Optional<OrgId> after, int limit);

  /**
   * The ids of the organizations {@link io.nobill.core.org.OrganizationQuery#matches matching}
   * {@code query}, paged as {@link #organizations}.
   *
   * @throws IllegalArgumentException if {@code limit} is not in 1..{@value #MAX_PAGE}
   */
  List<OrgId> searchOrganizations(io.nobill.core.org.OrganizationQuery query, Optional<OrgId> after, int limit);

  /**
   * Subscriptions that need the billing engine at {@code now}: trials that ended or will end
   * within {@code notice}, and active or past-due subscriptions whose period ended; ids only.
   */
  List<java.util.Map.Entry<OrgId, io.nobill.core.id.SubscriptionId>> dueSubscriptions(java.time.Instant now,
      java.time.Duration notice, int limit);

  /** Invoices whose next collection attempt is due at {@code now}; ids only. */
  List<java.util.Map.Entry<OrgId, io.nobill.core.id.InvoiceId>> dueCollections(java.time.Instant now, int limit);

  /** Organizations with revenue still to recognize; ids only. */
  List<OrgId> organizationsWithDeferredRevenue(int limit);

  /** The organizations {@code user} is a member of (active or deactivated), in id order. */
  List<OrgId> organizationsOf(io.nobill.core.id.UserId user);

  /**
   * The outbox messages due at {@code now}, each with its organization: pending (neither
   * delivered nor abandoned), {@code nextAttemptAt} at or before {@code now}, and no claim
   * running past {@code now}. The longest-waiting first: by {@code nextAttemptAt}, then by
   * id. At most {@code limit} of them. Each is then claimed and read in its organization's
   * own transaction, where it may turn out to be taken already.
   *
   * @throws IllegalArgumentException if {@code limit} is not in 1..{@value #MAX_PAGE}
   */
  List<Map.Entry<OrgId, OutboxMessageId>> dueOutbox(Instant now, int limit);

  /**
   * The organizations with failing work: of {@code kind} (every kind when empty), with at
   * least {@code minFailures} failures in a row or given up; ids only, the organization whose
   * oldest such failure is oldest first (then by id), at most {@code limit} of them. Their
   * records are then read in each organization's own transaction.
   *
   * @throws IllegalArgumentException if {@code limit} is not in 1..{@value #MAX_PAGE}
   */
  List<OrgId> organizationsWithWorkFailures(Optional<String> kind, int minFailures, int limit);
}
