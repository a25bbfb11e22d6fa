package io.nobill.core.rating;

import io.nobill.core.catalog.Discount;
import io.nobill.core.error.InvalidRequestException;
import java.util.Objects;

/** A discount of an organization and how many invoices it has already reduced. */
public record DiscountApplication(Discount discount, int periodsApplied) {
  public DiscountApplication {
    Objects.requireNonNull(discount, "discount");
    InvalidRequestException.require(periodsApplied >= 0, "periodsApplied", "must not be negative");
  }

  /** Whether it applies to the next invoice. */
  public boolean applies() {
    return discount.duration().appliesAfter(periodsApplied);
  }
}
