package io.nobill.core.store;

import io.nobill.core.id.OrgId;
import io.nobill.core.id.TypedId;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.InvoiceRepository;
import io.nobill.core.spi.LedgerRepository;
import io.nobill.core.spi.OrganizationRepository;
import io.nobill.core.spi.PlatformTransaction;
import io.nobill.core.spi.PlatformWork;
import io.nobill.core.spi.TenantTransaction;
import io.nobill.core.spi.TenantWork;
import java.util.ArrayList;
import java.util.HashMap;
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
  }

  private final class Tenant implements TenantTransaction {
    private final Transaction tx;
    private final OrgId org;
    private final OrganizationRepository organizationRepository;
    private final LedgerRepository ledgerRepository;
    private final InvoiceRepository invoiceRepository;

    Tenant(Transaction tx, OrgId org, TenantData data) {
      this.tx = tx;
      this.org = org;
      this.organizationRepository = new InMemoryOrganizationRepository(tx, org, data, organizations);
      this.ledgerRepository = new InMemoryLedgerRepository(tx, data.ledger);
      this.invoiceRepository = new InMemoryInvoiceRepository(tx, org, data.invoices);
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
  }

  static void checkLimit(int limit) {
    if (limit < 1 || limit > PlatformTransaction.MAX_PAGE) {
      throw new IllegalArgumentException("limit must be in 1.." + PlatformTransaction.MAX_PAGE + ", was " + limit);
    }
  }
}
