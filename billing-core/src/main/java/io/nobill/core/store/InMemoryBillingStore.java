package io.nobill.core.store;

import io.nobill.core.event.OutboxMessage;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.OutboxMessageId;
import io.nobill.core.id.TypedId;
import io.nobill.core.id.UserId;
import io.nobill.core.org.Membership;
import io.nobill.core.spi.AuditRepository;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.MembershipRepository;
import io.nobill.core.spi.InboxRepository;
import io.nobill.core.spi.OverrideRepository;
import io.nobill.core.spi.SubscriptionRepository;
import io.nobill.core.spi.InvoiceRepository;
import io.nobill.core.spi.LedgerRepository;
import io.nobill.core.spi.OrganizationRepository;
import io.nobill.core.spi.OutboxRepository;
import io.nobill.core.spi.PlatformTransaction;
import io.nobill.core.spi.PlatformWork;
import io.nobill.core.spi.TenantTransaction;
import io.nobill.core.spi.TenantWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link BillingStore} held in memory, for unit tests and the quickstart. Nothing survives
 * the JVM; production uses {@code JdbcBillingStore} from {@code io.nobill:billing-jdbc}.
 *
 * <p>It is fully transactional: transactions run one at a time (serializable by
 * construction) and every write records how to undo itself, so a work that throws leaves
 * no trace. It passes the same contract suites as the JDBC store.
 */
public final class InMemoryBillingStore implements BillingStore {

  private final ReentrantLock lock = new ReentrantLock();
  private final ThreadLocal<Transaction> current = new ThreadLocal<>();
  private final Map<OrgId, TenantData> tenants = new HashMap<>();
  private final NavigableSet<OrgId> organizations = new TreeSet<>(TypedId.ORDER);
  private final Map<UserId, NavigableSet<OrgId>> organizationsByUser = new HashMap<>();
  /** The store-wide unique index of organizations' external references. */
  private final Map<String, OrgId> organizationsByExternalRef = new HashMap<>();
  /** The numbering counters, shared by every tenant. */
  private final Map<String, Long> counters = new HashMap<>();

  private InMemoryBillingStore() {}

  /** A new, empty store. */
  public static InMemoryBillingStore create() {
    return new InMemoryBillingStore();
  }

  @Override
  public <T> T inTenant(OrgId org, TenantWork<T> work) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(work, "work");
    return run(tx -> work.execute(new Tenant(tx, org, tenants.computeIfAbsent(org, o -> new TenantData()))));
  }

  @Override
  public <T> T inPlatform(PlatformWork<T> work) {
    Objects.requireNonNull(work, "work");
    return run(tx -> work.execute(new Platform(tx)));
  }

  private <T> T run(java.util.function.Function<Transaction, T> body) {
    if (current.get() != null) {
      throw new IllegalStateException("a NOBill transaction is already open on this thread; transactions do not nest");
    }
    lock.lock();
    Transaction tx = new Transaction();
    current.set(tx);
    try {
      T result = body.apply(tx);
      tx.commit();
      return result;
    } catch (RuntimeException | Error e) {
      tx.rollback();
      throw e;
    } finally {
      current.remove();
      lock.unlock();
    }
  }

  /** The rows of one organization. */
  static final class TenantData {
    io.nobill.core.org.Organization organization;
    final InMemoryLedgerRepository.Tables ledger = new InMemoryLedgerRepository.Tables();
    final InMemoryInvoiceRepository.Tables invoices = new InMemoryInvoiceRepository.Tables();
    final InMemoryAuditRepository.Tables audit = new InMemoryAuditRepository.Tables();
    final Map<UserId, Membership> members = new LinkedHashMap<>();
    final InMemoryOverrideRepository.Tables overrides = new InMemoryOverrideRepository.Tables();
    final InMemorySubscriptionRepository.Tables subscriptions = new InMemorySubscriptionRepository.Tables();
    final Map<String, io.nobill.core.event.InboxEntry> inbox = new HashMap<>();
    final InMemoryUsageRepository.Tables usage = new InMemoryUsageRepository.Tables();
    final InMemoryOutboxRepository.Tables outbox = new InMemoryOutboxRepository.Tables();
    final Map<Map.Entry<String, String>, io.nobill.core.work.WorkFailure> workFailures =
        InMemoryWorkFailureRepository.table();
  }

  private final class Tenant implements TenantTransaction {
    private final Transaction tx;
    private final OrgId org;
    private final OrganizationRepository organizationRepository;
    private final LedgerRepository ledgerRepository;
    private final InvoiceRepository invoiceRepository;
    private final MembershipRepository membershipRepository;
    private final AuditRepository auditRepository;
    private final OverrideRepository overrideRepository;
    private final SubscriptionRepository subscriptionRepository;
    private final InboxRepository inboxRepository;
    private final OutboxRepository outboxRepository;
    private final io.nobill.core.spi.UsageRepository usageRepository;
    private final io.nobill.core.spi.WorkFailureRepository workFailureRepository;
    private final io.nobill.core.spi.NumberingRepository numberingRepository;

    Tenant(Transaction tx, OrgId org, TenantData data) {
      this.tx = tx;
      this.org = org;
      this.organizationRepository = new InMemoryOrganizationRepository(tx, org, data, organizations, organizationsByExternalRef);
      this.ledgerRepository = new InMemoryLedgerRepository(tx, data.ledger);
      this.invoiceRepository = new InMemoryInvoiceRepository(tx, org, data.invoices);
      this.membershipRepository = new InMemoryMembershipRepository(tx, org, data.members, organizationsByUser);
      this.auditRepository = new InMemoryAuditRepository(tx, data.audit);
      this.overrideRepository = new InMemoryOverrideRepository(tx, data.overrides);
      this.subscriptionRepository = new InMemorySubscriptionRepository(tx, data.subscriptions);
      this.inboxRepository = new InMemoryInboxRepository(tx, data.inbox);
      this.outboxRepository = new InMemoryOutboxRepository(tx, org, data.outbox);
      this.usageRepository = new InMemoryUsageRepository(tx, data.usage);
      this.workFailureRepository = new InMemoryWorkFailureRepository(tx, org, data.workFailures);
      this.numberingRepository = new InMemoryNumberingRepository(tx, counters);
    }

    @Override
    public io.nobill.core.spi.NumberingRepository numbering() {
      tx.check();
      return numberingRepository;
    }

    @Override
    public io.nobill.core.spi.WorkFailureRepository workFailures() {
      tx.check();
      return workFailureRepository;
    }

    @Override
    public io.nobill.core.spi.UsageRepository usage() {
      tx.check();
      return usageRepository;
    }

    @Override
    public SubscriptionRepository subscriptions() {
      tx.check();
      return subscriptionRepository;
    }

    @Override
    public InboxRepository inbox() {
      tx.check();
      return inboxRepository;
    }

    @Override
    public OutboxRepository outbox() {
      tx.check();
      return outboxRepository;
    }

    @Override
    public OverrideRepository overrides() {
      tx.check();
      return overrideRepository;
    }

    @Override
    public MembershipRepository memberships() {
      tx.check();
      return membershipRepository;
    }

    @Override
    public AuditRepository audit() {
      tx.check();
      return auditRepository;
    }

    @Override
    public InvoiceRepository invoices() {
      tx.check();
      return invoiceRepository;
    }

    @Override
    public LedgerRepository ledger() {
      tx.check();
      return ledgerRepository;
    }

    @Override
    public OrgId org() {
      tx.check();
      return org;
    }

    @Override
    public OrganizationRepository organization() {
      tx.check();
      return organizationRepository;
    }
  }

  private final class Platform implements PlatformTransaction {
    private final Transaction tx;

    Platform(Transaction tx) {
      this.tx = tx;
    }

    @Override
    public List<OrgId> organizations(Optional<OrgId> after, int limit) {
      tx.check();
      Objects.requireNonNull(after, "after");
      checkLimit(limit);
      NavigableSet<OrgId> tail = after.isPresent() ? organizations.tailSet(after.get(), false) : organizations;
      List<OrgId> page = new ArrayList<>(Math.min(limit, tail.size()));
      for (OrgId id : tail) {
        if (page.size() == limit) {
          break;
        }
        page.add(id);
      }
      return List.copyOf(page);
    }

    @Override
    public List<OrgId> searchOrganizations(io.nobill.core.org.OrganizationQuery query, Optional<OrgId> after,
        int limit) {
      tx.check();
      Objects.requireNonNull(query, "query");
      Objects.requireNonNull(after, "after");
      checkLimit(limit);
      NavigableSet<OrgId> tail = after.isPresent() ? organizations.tailSet(after.get(), false) : organizations;
      List<OrgId> page = new ArrayList<>();
      for (OrgId id : tail) {
        if (page.size() == limit) {
          break;
        }
        io.nobill.core.org.Organization o = tenants.get(id).organization;
        if (o != null && query.matches(o)) {
          page.add(id);
        }
      }
      return List.copyOf(page);
    }

    @Override
    public List<Map.Entry<OrgId, io.nobill.core.id.SubscriptionId>> dueSubscriptions(java.time.Instant now,
        java.time.Duration notice, int limit) {
      tx.check();
      Objects.requireNonNull(now, "now");
      Objects.requireNonNull(notice, "notice");
      checkLimit(limit);
      List<Map.Entry<OrgId, io.nobill.core.id.SubscriptionId>> due = new ArrayList<>();
      for (OrgId org : organizations) {
        for (io.nobill.core.subscription.Subscription s : tenants.get(org).subscriptions.subscriptions.values()) {
          if (due.size() == limit) {
            return List.copyOf(due);
          }
          if (isDue(s, now, notice)) {
            due.add(Map.entry(org, s.id()));
          }
        }
      }
      return List.copyOf(due);
    }

    @Override
    public List<Map.Entry<OrgId, io.nobill.core.id.InvoiceId>> dueCollections(java.time.Instant now, int limit) {
      tx.check();
      Objects.requireNonNull(now, "now");
      checkLimit(limit);
      List<Map.Entry<OrgId, io.nobill.core.id.InvoiceId>> due = new ArrayList<>();
      for (OrgId org : organizations) {
        for (io.nobill.core.invoice.CollectionState c : tenants.get(org).invoices.collections.values()) {
          if (due.size() == limit) {
            return List.copyOf(due);
          }
          if (c.nextAttemptAt().isPresent() && !c.nextAttemptAt().get().isAfter(now)) {
            due.add(Map.entry(org, c.invoice()));
          }
        }
      }
      return List.copyOf(due);
    }

    @Override
    public List<OrgId> organizationsWithDeferredRevenue(int limit) {
      tx.check();
      checkLimit(limit);
      List<OrgId> orgs = new ArrayList<>();
      for (OrgId org : organizations) {
        if (orgs.size() == limit) {
          break;
        }
        if (tenants.get(org).invoices.revenue.values().stream().anyMatch(r -> !r.complete())) {
          orgs.add(org);
        }
      }
      return List.copyOf(orgs);
    }

    @Override
    public List<OrgId> organizationsOf(UserId user) {
      tx.check();
      Objects.requireNonNull(user, "user");
      NavigableSet<OrgId> orgs = organizationsByUser.get(user);
      return orgs == null ? List.of() : List.copyOf(orgs);
    }

    @Override
    public List<Map.Entry<OrgId, OutboxMessageId>> dueOutbox(Instant now, int limit) {
      tx.check();
      Objects.requireNonNull(now, "now");
      checkLimit(limit);
      // A walk over every pending message: fine for tests and the quickstart; a database
      // answers this from an index on the pending messages' next attempt time.
      List<OutboxMessage> due = new ArrayList<>();
      for (TenantData data : tenants.values()) {
        for (OutboxMessageId id : data.outbox.pending) {
          OutboxMessage message = data.outbox.messages.get(id);
          if (message.isDue(now)) {
            due.add(message);
          }
        }
      }
      due.sort(Comparator.comparing(OutboxMessage::nextAttemptAt).thenComparing(OutboxMessage::id, TypedId.ORDER));
      List<Map.Entry<OrgId, OutboxMessageId>> page = new ArrayList<>(Math.min(limit, due.size()));
      for (OutboxMessage message : due.subList(0, Math.min(limit, due.size()))) {
        page.add(Map.entry(message.org(), message.id()));
      }
      return List.copyOf(page);
    }

    @Override
    public List<OrgId> organizationsWithWorkFailures(Optional<String> kind, int minFailures, int limit) {
      tx.check();
      Objects.requireNonNull(kind, "kind");
      checkLimit(limit);
      Map<OrgId, Instant> oldest = new java.util.HashMap<>();
      for (Map.Entry<OrgId, TenantData> tenant : tenants.entrySet()) {
        for (io.nobill.core.work.WorkFailure f : tenant.getValue().workFailures.values()) {
          if (InMemoryWorkFailureRepository.matches(f, kind, minFailures)) {
            oldest.merge(tenant.getKey(), f.firstFailureAt(), (a, b) -> a.isBefore(b) ? a : b);
          }
        }
      }
      return oldest.entrySet().stream()
          .sorted(Map.Entry.<OrgId, Instant>comparingByValue().thenComparing(Map.Entry::getKey, TypedId.ORDER))
          .limit(limit).map(Map.Entry::getKey).toList();
    }
  }

  /**
   * Test access to one organization's audit entries, to prove that {@code verify} detects
   * what no API can do: an edited or deleted entry. Not for production use.
   */
  List<io.nobill.core.audit.AuditEntry> auditEntriesForTamperTests(OrgId org) {
    return tenants.get(org).audit.entries;
  }

  /** The rule {@code dueSubscriptions} lists by; the JDBC store writes it as SQL. */
  static boolean isDue(io.nobill.core.subscription.Subscription s, java.time.Instant now, java.time.Duration notice) {
    return switch (s.status()) {
      case TRIALING -> s.trialEnd().map(end -> !end.minus(notice).isAfter(now)).orElse(false);
      case ACTIVE, PAST_DUE -> !s.currentPeriod().end().isAfter(now);
      default -> false;
    };
  }

  static void checkLimit(int limit) {
    if (limit < 1 || limit > PlatformTransaction.MAX_PAGE) {
      throw new IllegalArgumentException("limit must be in 1.." + PlatformTransaction.MAX_PAGE + ", was " + limit);
    }
  }
}
