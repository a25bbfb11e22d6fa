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
 * An invoice. Drafts have no number; finalizing assigns the next number of the organization's
 * gap-free sequence ({@code ACME-000042}). Amounts: {@code subtotal} (every line but
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
    Optional<Instant> paidAt, Optional<Instant> closedAt, long version) {

  public Invoice {
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
        newFinalizedAt, newDueAt, newPaidAt, newClosedAt, version + 1);
  }
}
