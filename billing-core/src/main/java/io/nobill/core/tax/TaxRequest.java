package io.nobill.core.tax;

import io.nobill.core.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to tax: the buyer, when the supply happens (rates change over time), whether the
 * amounts include tax, and the taxable amounts of the invoice's lines after discounts, in
 * line order. A calculator answers with one tax line per rate.
 */
public record TaxRequest(TaxProfile buyer, Instant taxDate, TaxBehavior behavior, List<Money> amounts) {
  public TaxRequest {
    Objects.requireNonNull(buyer, "buyer");
    Objects.requireNonNull(taxDate, "taxDate");
    Objects.requireNonNull(behavior, "behavior");
    amounts = List.copyOf(Objects.requireNonNull(amounts, "amounts"));
  }
}
