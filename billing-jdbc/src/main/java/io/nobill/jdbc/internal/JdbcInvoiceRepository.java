package io.nobill.jdbc.internal;

import io.nobill.core.error.ConflictException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.invoice.CollectionState;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceKey;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.invoice.RevenueSchedule;
import io.nobill.core.spi.InvoiceRepository;
import io.nobill.core.spi.PlatformTransaction;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.Query;

final class JdbcInvoiceRepository implements InvoiceRepository {
  private final JdbcTenant tx;

  JdbcInvoiceRepository(JdbcTenant tx) {
    this.tx = tx;
  }

  @Override
  public Optional<Invoice> find(InvoiceId id) {
    Objects.requireNonNull(id, "id");
    return tx.handle().createQuery("SELECT body FROM nobill_invoice WHERE org_id = :org AND invoice_id = :id")
        .bind("org", tx.orgId())
        .bind("id", id.value())
        .mapTo(String.class)
        .findOne()
        .map(body -> tx.bodies().readInvoice(body));
  }

  @Override
  public void insert(Invoice invoice) {
    insert(invoice, Optional.empty());
  }

  @Override
  public void insert(Invoice invoice, InvoiceKey key) {
    insert(invoice, Optional.of(Objects.requireNonNull(key, "key")));
  }

  private void insert(Invoice invoice, Optional<InvoiceKey> key) {
    checkScope(invoice);
    if (storedVersion(invoice.id()).isPresent()) {
      throw new ConflictException(invoice.id(), "invoice already exists");
    }
    if (key.isPresent()) {
      Optional<Invoice> holder = findByKey(key.get());
      if (holder.isPresent()) {
        throw new ConflictException(key.get(), "is invoiced already, by invoice " + holder.get().id());
      }
    }
    // The unique index on (org_id, billing_key) stays the last word: organizations' transactions
    // run one at a time, so the lookup above sees every committed key, but the index holds even
    // for a writer that bypasses it.
    tx.handle().createUpdate("INSERT INTO nobill_invoice (org_id, invoice_id, status, number, version, billing_key, body) "
            + "VALUES (:org, :id, :status, :number, :version, :key, :body)")
        .bind("org", tx.orgId())
        .bind("id", invoice.id().value())
        .bind("status", invoice.status().name())
        .bind("number", invoice.number().orElse(null))
        .bind("version", invoice.version())
        .bind("key", key.map(InvoiceKey::value).orElse(null))
        .bind("body", tx.bodies().write(invoice))
        .execute();
  }

  @Override
  public Optional<Invoice> findByKey(InvoiceKey key) {
    Objects.requireNonNull(key, "key");
    return tx.handle().createQuery("SELECT body FROM nobill_invoice WHERE org_id = :org AND billing_key = :key")
        .bind("org", tx.orgId())
        .bind("key", key.value())
        .mapTo(String.class)
        .findOne()
        .map(body -> tx.bodies().readInvoice(body));
  }

  @Override
  public void update(Invoice invoice) {
    checkScope(invoice);
    long before = storedVersion(invoice.id()).orElseThrow(() -> new NotFoundException("invoice", invoice.id()));
    if (before != invoice.version() - 1) {
      throw ConflictException.concurrent(invoice.id(), "was changed concurrently (stored version " + before
          + ", update expects " + (invoice.version() - 1) + ")");
    }
    tx.handle().createUpdate("UPDATE nobill_invoice SET status = :status, number = :number, version = :version, "
            + "body = :body WHERE org_id = :org AND invoice_id = :id")
        .bind("org", tx.orgId())
        .bind("id", invoice.id().value())
        .bind("status", invoice.status().name())
        .bind("number", invoice.number().orElse(null))
        .bind("version", invoice.version())
        .bind("body", tx.bodies().write(invoice))
        .execute();
  }

  @Override
  public void insertCreditNote(io.nobill.core.invoice.CreditNote note) {
    Objects.requireNonNull(note, "note");
    if (!note.org().equals(tx.org())) {
      throw new IllegalArgumentException("credit note " + note.id() + " of organization " + note.org()
          + " cannot be written from the transaction of organization " + tx.org());
    }
    requireInvoice(note.invoice());
    boolean exists = tx.handle().createQuery("SELECT COUNT(*) FROM nobill_credit_note WHERE org_id = :org AND credit_note_id = :id")
        .bind("org", tx.orgId())
        .bind("id", note.id().value())
        .mapTo(Long.class)
        .one() > 0;
    if (exists) {
      throw new ConflictException(note.id(), "credit note already exists");
    }
    // The organization's transactions run one at a time, so the next seq is exact.
    long seq = tx.handle().createQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM nobill_credit_note WHERE org_id = :org")
        .bind("org", tx.orgId())
        .mapTo(Long.class)
        .one();
    tx.handle().createUpdate("INSERT INTO nobill_credit_note (org_id, credit_note_id, invoice_id, seq, number, body) "
            + "VALUES (:org, :id, :invoice, :seq, :number, :body)")
        .bind("org", tx.orgId())
        .bind("id", note.id().value())
        .bind("invoice", note.invoice().value())
        .bind("seq", seq)
        .bind("number", note.number())
        .bind("body", tx.bodies().write(note))
        .execute();
  }

  @Override
  public List<io.nobill.core.invoice.CreditNote> creditNotes(InvoiceId invoice) {
    Objects.requireNonNull(invoice, "invoice");
    return List.copyOf(tx.handle().createQuery("SELECT body FROM nobill_credit_note WHERE org_id = :org AND invoice_id = :invoice "
            + "ORDER BY seq")
        .bind("org", tx.orgId())
        .bind("invoice", invoice.value())
        .mapTo(String.class)
        .map(body -> tx.bodies().readCreditNote(body))
        .list());
  }

  @Override
  public List<Invoice> list(Optional<InvoiceStatus> status, Optional<InvoiceId> after, int limit) {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(after, "after");
    checkLimit(limit);
    // PostgreSQL and H2 both order uuid values as unsigned numbers, which is TypedId.ORDER.
    Query q = tx.handle().createQuery("SELECT body FROM nobill_invoice WHERE org_id = :org"
            + (status.isPresent() ? " AND status = :status" : "")
            + (after.isPresent() ? " AND invoice_id > :after" : "")
            + " ORDER BY invoice_id LIMIT :limit")
        .bind("org", tx.orgId())
        .bind("limit", limit);
    status.ifPresent(s -> q.bind("status", s.name()));
    after.ifPresent(a -> q.bind("after", a.value()));
    return List.copyOf(q.mapTo(String.class).map(body -> tx.bodies().readInvoice(body)).list());
  }

  @Override
  public Optional<CollectionState> collection(InvoiceId invoice) {
    Objects.requireNonNull(invoice, "invoice");
    return tx.handle().createQuery("SELECT body FROM nobill_collection WHERE org_id = :org AND invoice_id = :id")
        .bind("org", tx.orgId())
        .bind("id", invoice.value())
        .mapTo(String.class)
        .findOne()
        .map(body -> tx.bodies().readCollectionState(body));
  }

  @Override
  public void setCollection(CollectionState state) {
    Objects.requireNonNull(state, "state");
    requireInvoice(state.invoice());
    String body = tx.bodies().write(state);
    Long next = Instants.nanosOrNull(state.nextAttemptAt());
    int rows = tx.handle().createUpdate("UPDATE nobill_collection SET next_attempt_at = :next, body = :body "
            + "WHERE org_id = :org AND invoice_id = :id")
        .bind("org", tx.orgId())
        .bind("id", state.invoice().value())
        .bind("next", next)
        .bind("body", body)
        .execute();
    if (rows == 0) {
      tx.handle().createUpdate("INSERT INTO nobill_collection (org_id, invoice_id, next_attempt_at, body) "
              + "VALUES (:org, :id, :next, :body)")
          .bind("org", tx.orgId())
          .bind("id", state.invoice().value())
          .bind("next", next)
          .bind("body", body)
          .execute();
    }
  }

  @Override
  public Optional<RevenueSchedule> revenueSchedule(InvoiceId invoice) {
    Objects.requireNonNull(invoice, "invoice");
    return tx.handle().createQuery("SELECT body FROM nobill_revenue_schedule WHERE org_id = :org AND invoice_id = :id")
        .bind("org", tx.orgId())
        .bind("id", invoice.value())
        .mapTo(String.class)
        .findOne()
        .map(body -> tx.bodies().readRevenueSchedule(body));
  }

  @Override
  public void setRevenueSchedule(RevenueSchedule schedule) {
    Objects.requireNonNull(schedule, "schedule");
    requireInvoice(schedule.invoice());
    String body = tx.bodies().write(schedule);
    int rows = tx.handle().createUpdate("UPDATE nobill_revenue_schedule SET complete = :complete, body = :body "
            + "WHERE org_id = :org AND invoice_id = :id")
        .bind("org", tx.orgId())
        .bind("id", schedule.invoice().value())
        .bind("complete", schedule.complete())
        .bind("body", body)
        .execute();
    if (rows == 0) {
      tx.handle().createUpdate("INSERT INTO nobill_revenue_schedule (org_id, invoice_id, complete, body) "
              + "VALUES (:org, :id, :complete, :body)")
          .bind("org", tx.orgId())
          .bind("id", schedule.invoice().value())
          .bind("complete", schedule.complete())
          .bind("body", body)
          .execute();
    }
  }

  @Override
  public List<RevenueSchedule> openRevenueSchedules(int limit) {
    checkLimit(limit);
    return List.copyOf(tx.handle().createQuery("SELECT body FROM nobill_revenue_schedule "
            + "WHERE org_id = :org AND complete = FALSE ORDER BY invoice_id LIMIT :limit")
        .bind("org", tx.orgId())
        .bind("limit", limit)
        .mapTo(String.class)
        .map(body -> tx.bodies().readRevenueSchedule(body))
        .list());
  }

  private Optional<Long> storedVersion(InvoiceId id) {
    return tx.handle().createQuery("SELECT version FROM nobill_invoice WHERE org_id = :org AND invoice_id = :id")
        .bind("org", tx.orgId())
        .bind("id", id.value())
        .mapTo(Long.class)
        .findOne();
  }

  private void requireInvoice(InvoiceId id) {
    if (storedVersion(id).isEmpty()) {
      throw new NotFoundException("invoice", id);
    }
  }

  private void checkScope(Invoice invoice) {
    Objects.requireNonNull(invoice, "invoice");
    tx.check();
    if (!invoice.org().equals(tx.org())) {
      throw new IllegalArgumentException("invoice " + invoice.id() + " of organization " + invoice.org()
          + " cannot be written from the transaction of organization " + tx.org());
    }
  }

  private void checkLimit(int limit) {
    tx.check();
    if (limit < 1 || limit > PlatformTransaction.MAX_PAGE) {
      throw new IllegalArgumentException("limit must be in 1.." + PlatformTransaction.MAX_PAGE + ", was " + limit);
    }
  }
}
