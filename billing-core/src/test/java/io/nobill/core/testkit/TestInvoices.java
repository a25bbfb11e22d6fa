package io.nobill.core.testkit;

import io.nobill.core.catalog.BillingTiming;
import io.nobill.core.catalog.Period;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.invoice.BillTo;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceLine;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.invoice.LineKind;
import io.nobill.core.money.Money;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.tax.TaxBehavior;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Invoices stored as they are, for tests of what refers to invoices (ledger facts, payments):
 * one flat line of the total, no tax, no credit applied.
 */
public final class TestInvoices {
  private static final Period PERIOD = new Period(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"));

  private TestInvoices() {}

  /**
   * Stores invoice {@code id} of {@code org}, owing {@code total}, in {@code status}: a draft has
   * no number, any other status the number {@code T-<id>}. The organization must exist.
   */
  public static Invoice insert(BillingStore store, OrgId org, InvoiceId id, InvoiceStatus status, Money total) {
    return store.inTenant(org, tx -> {
      BillTo billTo = BillTo.of(tx.organization().find().orElseThrow());
      Money zero = Money.zero(total.currency());
      Instant created = PERIOD.end();
      boolean draft = status == InvoiceStatus.DRAFT;
      Invoice invoice = new Invoice(id, org, draft ? Optional.empty() : Optional.of("T-" + id), status, total.currency(),
          Optional.empty(), PERIOD, billTo, List.of(new InvoiceLine(LineKind.FLAT, "Test", Optional.empty(), PERIOD,
              BigDecimal.ONE, Optional.of(BigDecimal.valueOf(total.minorUnits())), total, BillingTiming.IN_ARREARS, List.of())),
          TaxBehavior.EXCLUSIVE, List.of(), total, zero, zero, total, zero, total, 0, created,
          draft ? Optional.empty() : Optional.of(created), draft ? Optional.empty() : Optional.of(created),
          Optional.empty(), Optional.empty(), 0);
      tx.invoices().insert(invoice);
      return invoice;
    });
  }
}
