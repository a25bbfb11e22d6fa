package io.nobill.core.spi;

import io.nobill.core.id.OrgId;

/**
 * One tenant's transaction. Every repository it hands out is bound to {@link #org()}; no
 * repository method takes an organization id.
 */
public interface TenantTransaction {

  /** The organization this transaction is bound to. */
  OrgId org();

  /** The organization's own record. */
  OrganizationRepository organization();

  /** The organization's members. */
  MembershipRepository memberships();

  /** The organization's audit trail. */
  AuditRepository audit();

  /** The organization's ledger. */
  LedgerRepository ledger();

  /** The organization's invoices. */
  InvoiceRepository invoices();

  /** The organization's pricing and entitlement overrides. */
  OverrideRepository overrides();

  /** The organization's subscriptions and payment method on file. */
  SubscriptionRepository subscriptions();

  /** The provider events applied to the organization, by event id. */
  InboxRepository inbox();

  /** The organization's outbox of events waiting for delivery to listeners. */
  OutboxRepository outbox();

  /** The organization's usage events and rollups. */
  UsageRepository usage();

  /** The organization's background work that failed and has not succeeded since. */
  WorkFailureRepository workFailures();

  /**
   * The numbering counters, shared by every tenant: the only repository here that is not bound
   * to {@link #org()}, because a seller's invoices of all organizations are one gap-free series.
   * It exposes nothing but the counters' values.
   */
  NumberingRepository numbering();
}
