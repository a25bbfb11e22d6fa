package io.nobill.core.invoice;

import io.nobill.core.access.Actor;
import io.nobill.core.access.Permission;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.PaymentId;
import java.util.List;
import java.util.Optional;

/**
 * Invoices of each organization, from draft to paid, void or uncollectible. Every
 * transition that moves money posts its ledger entry in the same transaction, through the
 * ledger's posting rules:
 *
 * <ul>
 *   <li>finalize: the next number of the organization's gap-free sequence, customer credit
 *       applied to the total, the due date set; entries for the invoice and the credit;
 *   <li>paid: the payment entry for the amount due (a write-off is reversed first);
 *   <li>void: the mirror of what finalization left (credit applied is given back), documented by
 *       a credit note of the credit-note series that names the invoice;
 *   <li>uncollectible: the amount due written off to bad debt.
 * </ul>
 *
 * <p>Invoice transitions are made by NOBill's jobs, providers and operators; members of an
 * organization do not make them directly.
 */
public interface Invoices {
  /** The permission invoice transitions need; no member role has it. */
  String MANAGE_PERMISSION = Permission.INVOICES_MANAGE.key();

  /**
   * What an invoice for {@code request} would be, computed now and stored nowhere: the
   * upcoming-invoice preview.
   */
  Invoice preview(Actor actor, OrgId org, InvoiceRequest request);

  /** Stores a draft invoice for {@code request}. */
  Invoice draft(Actor actor, OrgId org, InvoiceRequest request);

  /** Finalizes a draft: numbers it, applies customer credit, posts it to the ledger. */
  Invoice finalizeDraft(Actor actor, OrgId org, InvoiceId invoice);

  /** The kind of work revenue recognition records failures under: its sweep's name. */
  String REVENUE_RECOGNITION = "revenue-recognition";

  /** Records that an open (or uncollectible) invoice was paid. */
  Invoice markPaid(Actor actor, OrgId org, InvoiceId invoice, PaymentId payment);

  /** Voids an open (or uncollectible) invoice: it is no longer owed and its entries are mirrored. */
  Invoice voidInvoice(Actor actor, OrgId org, InvoiceId invoice);

  /** Marks an open invoice uncollectible and writes what is owed off to bad debt. */
  Invoice markUncollectible(Actor actor, OrgId org, InvoiceId invoice);

  /** An invoice of the organization. */
  Optional<Invoice> get(Actor actor, OrgId org, InvoiceId invoice);

  /**
   * The credit notes issued for an invoice, in the order they were issued: a finalized invoice
   * is never edited or deleted, credit notes correct it.
   *
   * @throws io.nobill.core.error.NotFoundException if the organization has no such invoice
   */
  List<CreditNote> creditNotes(Actor actor, OrgId org, InvoiceId invoice);

  /** A page of the organization's invoices in id (creation) order, optionally of one status. */
  List<Invoice> list(Actor actor, OrgId org, Optional<InvoiceStatus> status, Optional<InvoiceId> after, int limit);
}
