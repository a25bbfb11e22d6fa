package io.nobill.core.catalog;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.money.Money;
import java.util.Objects;

/**
 * One price of a plan. Each has a key unique within the plan, so that an organization's
 * custom price can replace it and invoice lines can name it.
 */
public sealed interface Price {

  /** The price's key within its plan ("base", "seats", "api_calls"). */
  String key();

  /** What invoices print. */
  String description();

  /** When it is billed relative to the service it pays for. */
  BillingTiming timing();

  /** A fixed fee per period. */
  record FlatFee(String key, String description, Money amount, BillingTiming timing) implements Price {
    public FlatFee {
      CatalogKeys.check(key, "prices.key");
      CatalogKeys.name(description, "prices.description");
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(timing, "timing");
      InvalidRequestException.require(!amount.isNegative(), "prices.amount", "must not be negative");
    }
  }

  /**
   * A price per seat for the period. The first {@code includedSeats} seats are free; the
   * model prices the rest (per unit, or tiered by seat count).
   */
  record PerSeat(String key, String description, PricingModel model, int includedSeats) implements Price {
    public PerSeat {
      CatalogKeys.check(key, "prices.key");
      CatalogKeys.name(description, "prices.description");
      Objects.requireNonNull(model, "model");
      InvalidRequestException.require(includedSeats >= 0, "prices.includedSeats", "must not be negative");
    }

    @Override
    public BillingTiming timing() {
      return BillingTiming.IN_ADVANCE;
    }

    /** The seats that are charged for when {@code seats} are in use. */
    public int billableSeats(int seats) {
      return Math.max(0, seats - includedSeats);
    }
  }

  /** A price on a meter's usage over the period, billed at its end. */
  record Metered(String key, String description, String meter, PricingModel model) implements Price {
    public Metered {
      CatalogKeys.check(key, "prices.key");
      CatalogKeys.name(description, "prices.description");
      CatalogKeys.check(meter, "prices.meter");
      Objects.requireNonNull(model, "model");
    }

    @Override
    public BillingTiming timing() {
      return BillingTiming.IN_ARREARS;
    }
  }
}
