package io.nobill.core.invoice;

import io.nobill.core.catalog.PlanRef;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.tax.TaxBehavior;
import io.nobill.core.tax.TaxProfile;
import java.util.Objects;
import java.util.Optional;

/**
 * What a draft invoice is made from: the rated lines, the plan they come from, how the
 * buyer is taxed, whether prices include tax, and how many days after finalization it is due.
 */
public record InvoiceRequest(RatedInvoice rated, Optional<PlanRef> plan, TaxProfile buyer, TaxBehavior taxBehavior,
    int daysUntilDue) {

  public static final int MAX_DAYS_UNTIL_DUE = 365;

  public InvoiceRequest {
    Objects.requireNonNull(rated, "rated");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(buyer, "buyer");
    Objects.requireNonNull(taxBehavior, "taxBehavior");
    InvalidRequestException.require(daysUntilDue >= 0 && daysUntilDue <= MAX_DAYS_UNTIL_DUE, "daysUntilDue",
        "must be between 0 and " + MAX_DAYS_UNTIL_DUE);
    InvalidRequestException.require(!rated.lines().isEmpty(), "rated", "must have at least one line");
  }
}
