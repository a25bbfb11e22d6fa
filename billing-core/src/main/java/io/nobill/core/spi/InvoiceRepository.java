package io.nobill.core.spi;

import io.nobill.core.id.InvoiceId;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceStatus;
import java.util.List;
import java.util.Optional;

/** The invoices of the organization in scope. Their numbers come from {@link NumberingRepository}. */
public interface InvoiceRepository {

  Optional<Invoice> find(InvoiceId id);

  /**
   * Stores a new invoice.
   *
   * @throws io.nobill.core.error.ConflictException if its id exists
   */
  void insert(Invoice invoice);

  /**
   * Stores a new invoice under {@code key}, unique in the organization: the store's own
   * guarantee that a subscription's period is invoiced once, whichever code path, instance or
   * clock gets there.
   *
   * @throws io.nobill.core.error.ConflictException if its id exists or another invoice holds {@code key};
   *     nothing is written
   */
  void insert(Invoice invoice, io.nobill.core.invoice.InvoiceKey key);

  /** The invoice stored under {@code key}, if any. */
  Optional<Invoice> findByKey(io.nobill.core.invoice.InvoiceKey key);

  /**
   * Replaces an invoice whose stored version is {@code invoice.version() - 1}.
   *
   * @throws io.nobill.core.error.ConflictException if the stored version differs: someone else changed it
   * @throws io.nobill.core.error.NotFoundException if it does not exist
   */
  void update(Invoice invoice);

  /**
   * Stores a credit note of one of the organization's invoices. Credit notes are never changed
   * or deleted.
   *
   * @throws io.nobill.core.error.ConflictException if its id exists; nothing is written
   * @throws io.nobill.core.error.NotFoundException if its invoice does not exist
   */
  void insertCreditNote(io.nobill.core.invoice.CreditNote note);

  /** The credit notes of {@code invoice}, in the order they were issued. */
  List<io.nobill.core.invoice.CreditNote> creditNotes(InvoiceId invoice);

  /**
   * Invoices in id order after {@code after}, optionally only those in {@code status},
   * at most {@code limit}.
   */
  List<Invoice> list(Optional<InvoiceStatus> status, Optional<InvoiceId> after, int limit);

  /** Where collecting the invoice stands, if NOBill collects it. */
  Optional<io.nobill.core.invoice.CollectionState> collection(InvoiceId invoice);

  void setCollection(io.nobill.core.invoice.CollectionState state);

  /** How the invoice's deferred revenue is being recognized, if it has any. */
  Optional<io.nobill.core.invoice.RevenueSchedule> revenueSchedule(InvoiceId invoice);

  void setRevenueSchedule(io.nobill.core.invoice.RevenueSchedule schedule);

  /** Revenue schedules not yet complete, in invoice id order. */
  List<io.nobill.core.invoice.RevenueSchedule> openRevenueSchedules(int limit);
}
