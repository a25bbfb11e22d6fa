package io.nobill.core.invoice;

import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.PlanRef;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.money.Money;
import io.nobill.core.tax.TaxBehavior;
import io.nobill.core.tax.TaxLine;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An invoice. Drafts have no number; finalizing assigns the next number of the seller's
 * gap-free invoice series ({@code INV-2026-000042}, see {@link NumberingFormat}) and copies the
 * seller onto the invoice. Invoices finalized before numbering was per seller keep the number
 * they were issued with ({@code ACME-000042}) and have no seller copy. Amounts: {@code subtotal} (every line but
 * discounts) + {@code discountTotal} (zero or negative) + {@code taxTotal} (when prices
 * exclude tax) = {@code total}; {@code amountDue} is the total less customer credit applied.
 *
 * @param period  the service period the invoice covers, from its earliest line to its latest
 * @param dueAt   when payment is due; set when the invoice is finalized
 * @param version incremented by every change, for optimistic concurrency
 */
public record Invoice(InvoiceId id, OrgId org, Optional<String> number, InvoiceStatus status, Currency currency,
    Optional<PlanRef> plan, Period period, BillTo billTo, List<InvoiceLine> lines, TaxBehavior taxBehavior,
    List<TaxLine> taxLines, Money subtotal, Money discountTotal, Money taxTotal, Money total, Money creditApplied,
    Money amountDue, int daysUntilDue, Instant createdAt, Optional<Instant> finalizedAt, Optional<Instant> dueAt,
    Optional<Instant> paidAt, Optional<Instant> closedAt, long version, Optional<Seller> seller) {

  /** An invoice without a copy of its seller: a draft, or one issued before sellers were recorded. */
  public Invoice(InvoiceId id, OrgId org, Optional<String> number, InvoiceStatus status, Currency currency,
      Optional<PlanRef> plan, Period period, BillTo billTo, List<InvoiceLine> lines, TaxBehavior taxBehavior,
      List<TaxLine> taxLines, Money subtotal, Money discountTotal, Money taxTotal, Money total, Money creditApplied,
      Money amountDue, int daysUntilDue, Instant createdAt, Optional<Instant> finalizedAt, Optional<Instant> dueAt,
      Optional<Instant> paidAt, Optional<Instant> closedAt, long version) {
    this(id, org, number, status, currency, plan, period, billTo, lines, taxBehavior, taxLines, subtotal, discountTotal,
        taxTotal, total, creditApplied, amountDue, daysUntilDue, createdAt, finalizedAt, dueAt, paidAt, closedAt, version,
        Optional.empty());
  }

  public Invoice {
    Objects.requireNonNull(seller, "seller");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(billTo, "billTo");
    lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    Objects.requireNonNull(taxBehavior, "taxBehavior");
    taxLines = List.copyOf(Objects.requireNonNull(taxLines, "taxLines"));
    Objects.requireNonNull(subtotal, "subtotal");
    Objects.requireNonNull(discountTotal, "discountTotal");
    Objects.requireNonNull(taxTotal, "taxTotal");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(creditApplied, "creditApplied");
    Objects.requireNonNull(amountDue, "amountDue");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(finalizedAt, "finalizedAt");
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(paidAt, "paidAt");
    Objects.requireNonNull(closedAt, "closedAt");
    if (status == InvoiceStatus.DRAFT ? number.isPresent() : number.isEmpty()) {
      throw new IllegalArgumentException("an invoice has a number exactly when it is not a draft");
    }
    if (daysUntilDue < 0) {
      throw new IllegalArgumentException("daysUntilDue must not be negative");
    }
    // The totals must be the sums of the lines: an invoice never disagrees with itself.
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
    Money expectedTotal = lineSubtotal.plus(lineDiscounts).plus(taxBehavior == TaxBehavior.EXCLUSIVE ? lineTax : Money.zero(currency));
    if (!lineSubtotal.equals(subtotal) || !lineDiscounts.equals(discountTotal) || !lineTax.equals(taxTotal)
        || !expectedTotal.equals(total) || !total.minus(creditApplied).equals(amountDue)) {
      throw new IllegalArgumentException("invoice " + id + " totals do not match its lines");
    }
  }

  /** The invoice with a new status and the given changes, its version incremented. */
  public Invoice with(InvoiceStatus newStatus, Optional<String> newNumber, Money newCreditApplied, Optional<Instant> newFinalizedAt,
      Optional<Instant> newDueAt, Optional<Instant> newPaidAt, Optional<Instant> newClosedAt) {
    return new Invoice(id, org, newNumber, newStatus, currency, plan, period, billTo, lines, taxBehavior, taxLines, subtotal,
        discountTotal, taxTotal, total, newCreditApplied, total.minus(newCreditApplied), daysUntilDue, createdAt,
        newFinalizedAt, newDueAt, newPaidAt, newClosedAt, version + 1, seller);
  }

  /** The invoice with {@code issuer} recorded as its seller; the version is unchanged. */
  public Invoice withSeller(Seller issuer) {
    Objects.requireNonNull(issuer, "issuer");
    return new Invoice(id, org, number, status, currency, plan, period, billTo, lines, taxBehavior, taxLines, subtotal,
        discountTotal, taxTotal, total, creditApplied, amountDue, daysUntilDue, createdAt, finalizedAt, dueAt, paidAt,
        closedAt, version, Optional.of(issuer));
  }

  /** What has been paid, beyond the credit applied: the amount due once the invoice is paid, else nothing. */
  public Money amountPaid() {
    return status == InvoiceStatus.PAID ? amountDue : Money.zero(currency);
  }

  /** What is still owed: nothing once paid or void, else the amount due. */
  public Money amountOutstanding() {
    return status == InvoiceStatus.PAID || status == InvoiceStatus.VOID ? Money.zero(currency) : amountDue;
  }
}
