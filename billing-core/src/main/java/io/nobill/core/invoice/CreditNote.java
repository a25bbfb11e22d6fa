package io.nobill.core.invoice;

import io.nobill.core.catalog.Period;
import io.nobill.core.id.CreditNoteId;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.money.Money;
import io.nobill.core.tax.TaxBehavior;
import io.nobill.core.tax.TaxLine;
import io.nobill.core.text.TextPolicy;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.math.BigDecimal;
import io.nobill.core.catalog.BillingTiming;

/**
 * A credit note: the document that corrects a finalized invoice, which is itself never edited
 * or deleted. It has a number of its own series ({@code CN-2026-000001}), names the invoice it
 * corrects, and carries what is credited as lines and per-rate tax, as an invoice does; its
 * amounts are what is credited, positive. It documents journal entries posted by the
 * ledger's posting rules (the void's reversal, a refund's entry), named by their idempotency keys in
 * {@code ledgerEntries}: the credit note adds no posting of its own, so nothing is posted twice.
 *
 * @param invoiceNumber the number of the invoice it corrects, as printed on that invoice
 * @param period        the service period of what is credited
 * @param ledgerEntries the idempotency keys of the journal entries this credit note documents
 */
public record CreditNote(CreditNoteId id, OrgId org, InvoiceId invoice, String invoiceNumber, String number, Reason reason,
    Instant issuedAt, Currency currency, Seller seller, BillTo billTo, Period period, List<InvoiceLine> lines,
    TaxBehavior taxBehavior, List<TaxLine> taxLines, Money subtotal, Money discountTotal, Money taxTotal, Money total,
    List<String> ledgerEntries) {

  /** Why a credit note was issued. */
  public enum Reason {
    /** The whole invoice was voided before it was paid. */
    VOID,
    /** A payment of the invoice was refunded, in part or in full. */
    REFUND
  }

  public CreditNote {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(invoice, "invoice");
    TextPolicy.key(invoiceNumber, "invoiceNumber", 100);
    TextPolicy.key(number, "number", 100);
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(seller, "seller");
    Objects.requireNonNull(billTo, "billTo");
    Objects.requireNonNull(period, "period");
    lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    Objects.requireNonNull(taxBehavior, "taxBehavior");
    taxLines = List.copyOf(Objects.requireNonNull(taxLines, "taxLines"));
    ledgerEntries = List.copyOf(Objects.requireNonNull(ledgerEntries, "ledgerEntries"));
    Money lineSubtotal = Money.zero(currency);
    Money lineDiscounts = Money.zero(currency);
    for (InvoiceLine l : lines) {
      if (l.kind() == LineKind.DISCOUNT) {
        lineDiscounts = lineDiscounts.plus(l.amount());
      } else {
        lineSubtotal = lineSubtotal.plus(l.amount());
      }
    }
    Money lineTax = Money.zero(currency);
    for (TaxLine t : taxLines) {
      lineTax = lineTax.plus(t.tax());
    }
    Money expected = lineSubtotal.plus(lineDiscounts).plus(taxBehavior == TaxBehavior.EXCLUSIVE ? lineTax : Money.zero(currency));
    if (!lineSubtotal.equals(subtotal) || !lineDiscounts.equals(discountTotal) || !lineTax.equals(taxTotal)
        || !expected.equals(total)) {
      throw new IllegalArgumentException("credit note " + id + " totals do not match its lines");
    }
  }

  /**
   * The credit note for {@code amount} of a payment of {@code invoice} refunded: one line, the
   * amount refunded, tax included as it was paid. The refund's ledger entry moves cash, not tax:
   * the credit note states what was paid back and carries no tax breakdown of its own.
   */
  public static CreditNote refunding(CreditNoteId id, Invoice invoice, String number, Instant issuedAt, Seller seller,
      Money amount, List<String> ledgerEntries) {
    Objects.requireNonNull(invoice, "invoice");
    Objects.requireNonNull(amount, "amount");
    InvoiceLine line = new InvoiceLine(LineKind.FLAT, "Refund", Optional.empty(), invoice.period(), BigDecimal.ONE,
        Optional.of(BigDecimal.valueOf(amount.minorUnits())), amount, BillingTiming.IN_ADVANCE, List.of());
    return new CreditNote(id, invoice.org(), invoice.id(), invoice.number().orElseThrow(
        () -> new IllegalArgumentException("a draft has nothing to refund")), number, Reason.REFUND, issuedAt,
        invoice.currency(), invoice.seller().orElse(seller), invoice.billTo(), invoice.period(), List.of(line),
        TaxBehavior.INCLUSIVE, List.of(), amount, Money.zero(invoice.currency()), Money.zero(invoice.currency()), amount,
        ledgerEntries);
  }

  /** The credit note voiding {@code invoice} whole: its lines, tax and total, credited. */
  public static CreditNote voiding(CreditNoteId id, Invoice invoice, String number, Instant issuedAt, Seller seller,
      List<String> ledgerEntries) {
    Objects.requireNonNull(invoice, "invoice");
    return new CreditNote(id, invoice.org(), invoice.id(), invoice.number().orElseThrow(
        () -> new IllegalArgumentException("a draft has nothing to credit")), number, Reason.VOID, issuedAt,
        invoice.currency(), invoice.seller().orElse(seller), invoice.billTo(), invoice.period(), invoice.lines(),
        invoice.taxBehavior(), invoice.taxLines(), invoice.subtotal(), invoice.discountTotal(), invoice.taxTotal(),
        invoice.total(), ledgerEntries);
  }
}
