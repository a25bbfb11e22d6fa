package io.nobill.core.internal.invoice;

import io.nobill.core.catalog.BillingTiming;
import io.nobill.core.catalog.Period;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.invoice.*;
import io.nobill.core.ledger.LedgerFact;
import io.nobill.core.money.Money;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.tax.TaxBehavior;
import io.nobill.core.tax.TaxLine;
import io.nobill.core.tax.TaxRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/** Pure arithmetic of invoices: a draft from rated lines and tax, and the ledger split. */
public final class InvoiceCalculation {
  private InvoiceCalculation() {}

  /** A draft invoice: the rated lines, the tax on them, and the totals. */
  public static Invoice draft(InvoiceId id, OrgId org, BillTo billTo, InvoiceRequest request, TaxCalculator taxes,
      Instant now) {
    Currency currency = request.rated().currency();
    List<InvoiceLine> lines = request.rated().lines();
    List<Money> taxable = new ArrayList<>(lines.size());
    for (InvoiceLine l : lines) {
      taxable.add(l.amount());
    }
    List<TaxLine> taxLines = taxes.calculate(new TaxRequest(request.buyer(), now, request.taxBehavior(), taxable));
    Money tax = Money.zero(currency);
    for (TaxLine t : taxLines) {
      if (!t.tax().currency().equals(currency)) {
        throw new IllegalStateException("tax calculator answered in " + t.tax().currency() + " for an invoice in " + currency);
      }
      tax = tax.plus(t.tax());
    }
    Money subtotal = request.rated().subtotal();
    Money discounts = request.rated().discountTotal();
    Money total = subtotal.plus(discounts).plus(request.taxBehavior() == TaxBehavior.EXCLUSIVE ? tax : Money.zero(currency));
    return new Invoice(id, org, Optional.empty(), InvoiceStatus.DRAFT, currency, request.plan(), spanOf(lines), billTo, lines,
        request.taxBehavior(), taxLines, subtotal, discounts, tax, total, Money.zero(currency), total,
        request.daysUntilDue(), now, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0);
  }

  private static Period spanOf(List<InvoiceLine> lines) {
    Instant start = lines.get(0).period().start();
    Instant end = lines.get(0).period().end();
    for (InvoiceLine l : lines) {
      start = l.period().start().isBefore(start) ? l.period().start() : start;
      end = l.period().end().isAfter(end) ? l.period().end() : end;
    }
    return new Period(start, end);
  }

  /** The span of the invoice's lines billed in advance (discounts aside), if it has any. */
  public static java.util.Optional<Period> advancePeriod(Invoice invoice) {
    Instant start = null;
    Instant end = null;
    for (InvoiceLine l : invoice.lines()) {
      if (l.kind() == LineKind.DISCOUNT || l.timing() != BillingTiming.IN_ADVANCE) {
        continue;
      }
      start = start == null || l.period().start().isBefore(start) ? l.period().start() : start;
      end = end == null || l.period().end().isAfter(end) ? l.period().end() : end;
    }
    return start == null ? java.util.Optional.empty() : java.util.Optional.of(new Period(start, end));
  }

  /** {@code period} cut at every UTC midnight: the days revenue is recognized by. */
  public static List<Period> utcDays(Period period) {
    List<Period> days = new ArrayList<>();
    Instant start = period.start();
    while (start.isBefore(period.end())) {
      Instant midnight = start.atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(1)
          .atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      Instant end = midnight.isBefore(period.end()) ? midnight : period.end();
      days.add(new Period(start, end));
      start = end;
    }
    return days;
  }

  /**
   * The ledger fact of finalizing {@code invoice}: revenue billed in advance and in arrears,
   * each net of its share of the discounts (and, for tax-inclusive prices, of the tax carved
   * out of it), and the tax. Shares are in proportion to the positive advance and arrears
   * charges and never lose a minor unit.
   */
  public static LedgerFact.InvoiceFinalized finalizedFact(Invoice invoice, Instant at) {
    Currency currency = invoice.currency();
    Money advance = Money.zero(currency);
    Money arrears = Money.zero(currency);
    for (InvoiceLine l : invoice.lines()) {
      if (l.kind() == LineKind.DISCOUNT) {
        continue;
      }
      if (l.timing() == BillingTiming.IN_ADVANCE) {
        advance = advance.plus(l.amount());
      } else {
        arrears = arrears.plus(l.amount());
      }
    }
    Money reduction = invoice.discountTotal().negate()
        .plus(invoice.taxBehavior() == TaxBehavior.INCLUSIVE ? invoice.taxTotal() : Money.zero(currency));
    long advanceWeight = Math.max(0, advance.minorUnits());
    long arrearsWeight = Math.max(0, arrears.minorUnits());
    if (advanceWeight == 0 && arrearsWeight == 0) {
      advanceWeight = 1;
    }
    List<Money> shares = reduction.allocate(advanceWeight, arrearsWeight);
    return new LedgerFact.InvoiceFinalized(invoice.id(), invoice.number().orElseThrow(), at,
        advance.minus(shares.get(0)), arrears.minus(shares.get(1)), invoice.taxTotal());
  }
}
