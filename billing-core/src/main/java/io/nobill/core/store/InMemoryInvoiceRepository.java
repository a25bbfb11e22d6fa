package io.nobill.core.store;

import io.nobill.core.error.ConflictException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.TypedId;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.spi.InvoiceRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

final class InMemoryInvoiceRepository implements InvoiceRepository {

  /** One organization's invoices. */
  static final class Tables {
    final NavigableMap<InvoiceId, Invoice> invoices = new TreeMap<>(TypedId.ORDER);
    final java.util.Map<String, InvoiceId> keys = new java.util.HashMap<>();
    final java.util.Map<InvoiceId, io.nobill.core.invoice.CollectionState> collections = new java.util.HashMap<>();
    final java.util.NavigableMap<InvoiceId, io.nobill.core.invoice.RevenueSchedule> revenue = new TreeMap<>(TypedId.ORDER);
    final java.util.Map<io.nobill.core.id.CreditNoteId, io.nobill.core.invoice.CreditNote> creditNotes =
        new java.util.LinkedHashMap<>();
  }

  private final Transaction tx;
  private final OrgId org;
  private final Tables t;

  InMemoryInvoiceRepository(Transaction tx, OrgId org, Tables tables) {
    this.tx = tx;
    this.org = org;
    this.t = tables;
  }

  @Override
  public Optional<Invoice> find(InvoiceId id) {
    tx.check();
    return Optional.ofNullable(t.invoices.get(Objects.requireNonNull(id, "id")));
  }

  @Override
  public void insert(Invoice invoice) {
    tx.check();
    checkScope(invoice);
    if (t.invoices.containsKey(invoice.id())) {
      throw new ConflictException(invoice.id(), "invoice already exists");
    }
    t.invoices.put(invoice.id(), invoice);
    tx.onRollback(() -> t.invoices.remove(invoice.id()));
  }

  @Override
  public void insert(Invoice invoice, io.nobill.core.invoice.InvoiceKey key) {
    tx.check();
    Objects.requireNonNull(key, "key");
    checkScope(invoice);
    InvoiceId holder = t.keys.get(key.value());
    if (holder != null) {
      throw new ConflictException(key, "is invoiced already, by invoice " + holder);
    }
    insert(invoice);
    t.keys.put(key.value(), invoice.id());
    tx.onRollback(() -> t.keys.remove(key.value()));
  }

  @Override
  public Optional<Invoice> findByKey(io.nobill.core.invoice.InvoiceKey key) {
    tx.check();
    Objects.requireNonNull(key, "key");
    return Optional.ofNullable(t.keys.get(key.value())).map(t.invoices::get);
  }

  @Override
  public void update(Invoice invoice) {
    tx.check();
    checkScope(invoice);
    Invoice before = t.invoices.get(invoice.id());
    if (before == null) {
      throw new NotFoundException("invoice", invoice.id());
    }
    if (before.version() != invoice.version() - 1) {
      throw ConflictException.concurrent(invoice.id(), "was changed concurrently (stored version " + before.version()
          + ", update expects " + (invoice.version() - 1) + ")");
    }
    t.invoices.put(invoice.id(), invoice);
    tx.onRollback(() -> t.invoices.put(invoice.id(), before));
  }

  @Override
  public void insertCreditNote(io.nobill.core.invoice.CreditNote note) {
    tx.check();
    Objects.requireNonNull(note, "note");
    if (!note.org().equals(org)) {
      throw new IllegalArgumentException("credit note " + note.id() + " of organization " + note.org()
          + " cannot be written from the transaction of organization " + org);
    }
    if (!t.invoices.containsKey(note.invoice())) {
      throw new NotFoundException("invoice", note.invoice());
    }
    if (t.creditNotes.containsKey(note.id())) {
      throw new ConflictException(note.id(), "credit note already exists");
    }
    t.creditNotes.put(note.id(), note);
    tx.onRollback(() -> t.creditNotes.remove(note.id()));
  }

  @Override
  public List<io.nobill.core.invoice.CreditNote> creditNotes(InvoiceId invoice) {
    tx.check();
    Objects.requireNonNull(invoice, "invoice");
    return t.creditNotes.values().stream().filter(n -> n.invoice().equals(invoice)).toList();
  }

  @Override
  public List<Invoice> list(Optional<InvoiceStatus> status, Optional<InvoiceId> after, int limit) {
    tx.check();
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(after, "after");
    InMemoryBillingStore.checkLimit(limit);
    NavigableMap<InvoiceId, Invoice> tail = after.isPresent() ? t.invoices.tailMap(after.get(), false) : t.invoices;
    List<Invoice> page = new ArrayList<>();
    for (Invoice i : tail.values()) {
      if (status.isEmpty() || i.status() == status.get()) {
        page.add(i);
        if (page.size() == limit) {
          break;
        }
      }
    }
    return List.copyOf(page);
  }

  @Override
  public Optional<io.nobill.core.invoice.CollectionState> collection(InvoiceId invoice) {
    tx.check();
    return Optional.ofNullable(t.collections.get(Objects.requireNonNull(invoice, "invoice")));
  }

  @Override
  public void setCollection(io.nobill.core.invoice.CollectionState state) {
    tx.check();
    Objects.requireNonNull(state, "state");
    if (!t.invoices.containsKey(state.invoice())) {
      throw new NotFoundException("invoice", state.invoice());
    }
    io.nobill.core.invoice.CollectionState before = t.collections.put(state.invoice(), state);
    tx.onRollback(() -> {
      if (before == null) {
        t.collections.remove(state.invoice());
      } else {
        t.collections.put(state.invoice(), before);
      }
    });
  }

  @Override
  public Optional<io.nobill.core.invoice.RevenueSchedule> revenueSchedule(InvoiceId invoice) {
    tx.check();
    return Optional.ofNullable(t.revenue.get(Objects.requireNonNull(invoice, "invoice")));
  }

  @Override
  public void setRevenueSchedule(io.nobill.core.invoice.RevenueSchedule schedule) {
    tx.check();
    Objects.requireNonNull(schedule, "schedule");
    if (!t.invoices.containsKey(schedule.invoice())) {
      throw new NotFoundException("invoice", schedule.invoice());
    }
    io.nobill.core.invoice.RevenueSchedule before = t.revenue.put(schedule.invoice(), schedule);
    tx.onRollback(() -> {
      if (before == null) {
        t.revenue.remove(schedule.invoice());
      } else {
        t.revenue.put(schedule.invoice(), before);
      }
    });
  }

  @Override
  public List<io.nobill.core.invoice.RevenueSchedule> openRevenueSchedules(int limit) {
    tx.check();
    InMemoryBillingStore.checkLimit(limit);
    return t.revenue.values().stream().filter(r -> !r.complete()).limit(limit).toList();
  }

  private void checkScope(Invoice invoice) {
    Objects.requireNonNull(invoice, "invoice");
    if (!invoice.org().equals(org)) {
      throw new IllegalArgumentException("invoice " + invoice.id() + " of organization " + invoice.org()
          + " cannot be written from the transaction of organization " + org);
    }
  }
}
