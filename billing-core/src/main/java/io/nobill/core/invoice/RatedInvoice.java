package io.nobill.core.invoice;

import io.nobill.core.money.Money;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * The lines rating produced for one invoice, before tax, and the keys of the discounts it
 * applied (so their remaining periods can be counted down).
 */
public record RatedInvoice(Currency currency, List<InvoiceLine> lines, List<String> discountsApplied) {
  public RatedInvoice {
    Objects.requireNonNull(currency, "currency");
    lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    discountsApplied = List.copyOf(Objects.requireNonNull(discountsApplied, "discountsApplied"));
  }

  /** The sum of every line but discounts. */
  public Money subtotal() {
    return sum(false);
  }

  /** The sum of the discount lines (zero or negative). */
  public Money discountTotal() {
    return sum(true);
  }

  /** Subtotal plus discounts: what tax is computed on. */
  public Money net() {
    return subtotal().plus(discountTotal());
  }

  private Money sum(boolean discounts) {
    Money total = Money.zero(currency);
    for (InvoiceLine l : lines) {
      if ((l.kind() == LineKind.DISCOUNT) == discounts) {
        total = total.plus(l.amount());
      }
    }
    return total;
  }
}
