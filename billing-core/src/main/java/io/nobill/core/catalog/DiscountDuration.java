package io.nobill.core.catalog;

import io.nobill.core.error.InvalidRequestException;
import java.util.Objects;

/** How many billing periods a discount applies to. */
public record DiscountDuration(Kind kind, int periods) {

  /** Once, for some periods, or for as long as the subscription lasts. */
  public enum Kind { ONCE, REPEATING, FOREVER }

  public DiscountDuration {
    Objects.requireNonNull(kind, "kind");
    switch (kind) {
      case ONCE -> InvalidRequestException.require(periods == 1, "duration.periods", "must be 1 for a one-time discount");
      case REPEATING -> InvalidRequestException.require(periods >= 1 && periods <= 1000, "duration.periods",
          "must be between 1 and 1000");
      case FOREVER -> InvalidRequestException.require(periods == 0, "duration.periods", "must be 0 for a permanent discount");
    }
  }

  public static DiscountDuration once() {
    return new DiscountDuration(Kind.ONCE, 1);
  }

  public static DiscountDuration repeating(int periods) {
    return new DiscountDuration(Kind.REPEATING, periods);
  }

  public static DiscountDuration forever() {
    return new DiscountDuration(Kind.FOREVER, 0);
  }

  /** Whether a discount already applied to {@code periodsApplied} invoices still applies. */
  public boolean appliesAfter(int periodsApplied) {
    return kind == Kind.FOREVER || periodsApplied < periods;
  }
}
