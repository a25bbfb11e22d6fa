package io.nobill.jdbc.internal;

import io.nobill.core.id.OrgId;
import io.nobill.core.spi.AuditRepository;
import io.nobill.core.spi.InboxRepository;
import io.nobill.core.spi.InvoiceRepository;
import io.nobill.core.spi.LedgerRepository;
import io.nobill.core.spi.MembershipRepository;
import io.nobill.core.spi.OrganizationRepository;
import io.nobill.core.spi.OutboxRepository;
import io.nobill.core.spi.OverrideRepository;
import io.nobill.core.spi.SubscriptionRepository;
import io.nobill.core.spi.TenantTransaction;
import io.nobill.core.spi.UsageRepository;
import io.nobill.jdbc.internal.shape.PersistedBodies;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * One organization's transaction. Every repository it hands out binds {@code org_id} itself,
 * so no query written through it can name another organization's rows.
 */
final class JdbcTenant implements TenantTransaction {
  private final Handle handle;
  private final OrgId org;
  private final JdbcTransactions transactions;
  private final Thread owner = Thread.currentThread();
  private boolean open = true;

  private OrganizationRepository organizations;
  private MembershipRepository memberships;
  private AuditRepository audit;
  private LedgerRepository ledger;
  private InvoiceRepository invoices;
  private OverrideRepository overrides;
  private SubscriptionRepository subscriptions;
  private InboxRepository inbox;
  private OutboxRepository outbox;
  private UsageRepository usage;
  private io.nobill.core.spi.WorkFailureRepository workFailures;
  private io.nobill.core.spi.NumberingRepository numbering;

  JdbcTenant(Handle handle, OrgId org, JdbcTransactions transactions) {
    this.handle = handle;
    this.org = org;
    this.transactions = transactions;
  }

  /** Fails unless the transaction is open and used on its own thread. */
  void check() {
    if (!open) {
      throw new IllegalStateException("this transaction has ended; use the transaction only inside its work");
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("this transaction belongs to thread " + owner.getName()
          + "; use it only on the thread that runs its work");
    }
  }

  void end() {
    open = false;
  }

  private static <T> T notYet(String name) {
    throw new UnsupportedOperationException(name + "Repository is not implemented yet");
  }

  Handle handle() {
    check();
    return handle;
  }

  UUID orgId() {
    return org.value();
  }

  PersistedBodies bodies() {
    return transactions.bodies();
  }

  Dialect dialect() {
    return transactions.dialect();
  }

  @Override
  public OrgId org() {
    check();
    return org;
  }

  @Override
  public OrganizationRepository organization() {
    check();
    return organizations == null ? organizations = new JdbcOrganizationRepository(this) : organizations;
  }

  @Override
  public MembershipRepository memberships() {
    check();
    return memberships == null ? memberships = new JdbcMembershipRepository(this) : memberships;
  }

  @Override
  public AuditRepository audit() {
    check();
    return audit == null ? audit = new JdbcAuditRepository(this) : audit;
  }

  @Override
  public LedgerRepository ledger() {
    check();
    return ledger == null ? ledger = new JdbcLedgerRepository(this) : ledger;
  }

  @Override
  public InvoiceRepository invoices() {
    check();
    return invoices == null ? invoices = new JdbcInvoiceRepository(this) : invoices;
  }

  @Override
  public OverrideRepository overrides() {
    check();
    return overrides == null ? overrides = new JdbcOverrideRepository(this) : overrides;
  }

  @Override
  public SubscriptionRepository subscriptions() {
    check();
    return subscriptions == null ? subscriptions = new JdbcSubscriptionRepository(this) : subscriptions;
  }

  @Override
  public InboxRepository inbox() {
    check();
    return inbox == null ? inbox = new JdbcInboxRepository(this) : inbox;
  }

  @Override
  public OutboxRepository outbox() {
    check();
    return outbox == null ? outbox = new JdbcOutboxRepository(this) : outbox;
  }

  @Override
  public UsageRepository usage() {
    check();
    return usage == null ? usage = new JdbcUsageRepository(this) : usage;
  }

  @Override
  public io.nobill.core.spi.NumberingRepository numbering() {
    check();
    return numbering == null ? numbering = new JdbcNumberingRepository(this) : numbering;
  }

  @Override
  public io.nobill.core.spi.WorkFailureRepository workFailures() {
    check();
    return workFailures == null ? workFailures = new JdbcWorkFailureRepository(this) : workFailures;
  }
}
