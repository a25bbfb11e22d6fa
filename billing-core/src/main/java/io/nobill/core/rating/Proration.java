package io.nobill.core.rating;

import io.nobill.core.catalog.BillingTiming;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.Price;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Proration by the second, as Stripe does it: when what is billed in advance changes in the
 * middle of a period, the unused time of the old price is credited and the remaining time of
 * the new price is charged, each as its own item rounded once, HALF_UP.
 *
 * <p>For a change at {@code t} in period [s, e), an in-advance price of exact amount A gives
 * {@code A × (e − t) / (e − s)} seconds. A price that did not change (same key, same amount)
 * produces no items; metered prices are billed in arrears and never prorated.
 */
public final class Proration {
  private Proration() {}

  /**
   * The items for switching from ({@code oldPlan}, {@code oldSeats}) to ({@code newPlan},
   * {@code newSeats}) at {@code at} within {@code period}. Both plans must be in one currency.
   */
  public static List<ProrationItem> forChange(Plan oldPlan, PricingOverrides oldOverrides, int oldSeats, Plan newPlan,
      PricingOverrides newOverrides, int newSeats, Period period, Instant at) {
    Objects.requireNonNull(oldPlan, "oldPlan");
    Objects.requireNonNull(newPlan, "newPlan");
    Objects.requireNonNull(oldOverrides, "oldOverrides");
    Objects.requireNonNull(newOverrides, "newOverrides");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(at, "at");
    InvalidRequestException.require(oldSeats >= 0, "oldSeats", "must not be negative");
    InvalidRequestException.require(newSeats >= 0, "newSeats", "must not be negative");
    InvalidRequestException.require(oldPlan.currency().equals(newPlan.currency()), "newPlan",
        "must be in the currency of the current plan, " + oldPlan.currency().getCurrencyCode());
    InvalidRequestException.require(!at.isBefore(period.start()) && !at.isAfter(period.end()), "at",
        "must be within the period being prorated");
    if (at.equals(period.end())) {
      return List.of(); // nothing of the period remains
    }
    return between(advanceCharges(oldOverrides.pricesOf(oldPlan), oldSeats),
        advanceCharges(newOverrides.pricesOf(newPlan), newSeats), period, at, oldPlan.currency());
  }

  private static List<ProrationItem> between(Map<String, Advance> before, Map<String, Advance> after, Period period,
      Instant at, java.util.Currency currency) {
    Period remaining = new Period(at, period.end());
    long remainingSeconds = Duration.between(at, period.end()).getSeconds();
    long periodSeconds = period.length().getSeconds();
    // The UTC date of the change, without a formatter: proration runs once per seat change.
    String date = LocalDate.ofEpochDay(Math.floorDiv(at.getEpochSecond(), 86_400L)).toString();
    List<ProrationItem> items = new ArrayList<>();
    for (Advance old : before.values()) {
      Advance same = after.get(old.key());
      if (same != null && same.sameAs(old)) {
        continue;
      }
      Money credit = share(old.exact(), remainingSeconds, periodSeconds, currency).negate();
      if (!credit.isZero()) {
        items.add(new ProrationItem("Unused time on " + old.description() + " after " + date, Optional.of(old.key()),
            remaining, old.quantity(), credit));
      }
    }
    for (Advance next : after.values()) {
      Advance same = before.get(next.key());
      if (same != null && same.sameAs(next)) {
        continue;
      }
      Money charge = share(next.exact(), remainingSeconds, periodSeconds, currency);
      if (!charge.isZero()) {
        items.add(new ProrationItem("Remaining time on " + next.description() + " after " + date, Optional.of(next.key()),
            remaining, next.quantity(), charge));
      }
    }
    return List.copyOf(items);
  }

  /** The items for a change of seats only, on one plan. */
  public static List<ProrationItem> forSeatChange(Plan plan, PricingOverrides overrides, int oldSeats, int newSeats,
      Period period, Instant at) {
    return forChange(plan, overrides, oldSeats, plan, overrides, newSeats, period, at);
  }

  /**
   * The items for a sequence of seat changes within a period, starting from {@code initialSeats};
   * each change is prorated against the count before it.
   */
  public static List<ProrationItem> forSeatTimeline(Plan plan, PricingOverrides overrides, int initialSeats,
      List<SeatChange> changes, Period period) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(overrides, "overrides");
    Objects.requireNonNull(changes, "changes");
    Objects.requireNonNull(period, "period");
    InvalidRequestException.require(initialSeats >= 0, "initialSeats", "must not be negative");
    List<Price> prices = overrides.pricesOf(plan);
    Map<Integer, Map<String, Advance>> bySeats = new HashMap<>();
    List<ProrationItem> items = new ArrayList<>();
    int seats = initialSeats;
    Instant previous = period.start();
    for (SeatChange change : changes) {
      InvalidRequestException.require(!change.at().isBefore(previous), "changes", "must be in time order");
      InvalidRequestException.require(!change.at().isAfter(period.end()), "changes", "must be within the period");
      if (change.at().isBefore(period.end())) {
        Map<String, Advance> before = bySeats.computeIfAbsent(seats, n -> advanceCharges(prices, n));
        Map<String, Advance> after = bySeats.computeIfAbsent(change.seats(), n -> advanceCharges(prices, n));
        items.addAll(between(before, after, period, change.at(), plan.currency()));
      }
      seats = change.seats();
      previous = change.at();
    }
    return List.copyOf(items);
  }

  /** A × remaining / total, rounded once, HALF_UP. */
  private static Money share(BigDecimal exact, long remainingSeconds, long periodSeconds, java.util.Currency currency) {
    BigDecimal amount = exact.multiply(BigDecimal.valueOf(remainingSeconds))
        .divide(BigDecimal.valueOf(periodSeconds), 0, RoundingMode.HALF_UP);
    return Money.of(amount.longValueExact(), currency);
  }

  private record Advance(String key, String description, BigDecimal quantity, BigDecimal exact) {
    boolean sameAs(Advance other) {
      return quantity.compareTo(other.quantity) == 0 && exact.compareTo(other.exact) == 0 && description.equals(other.description);
    }
  }

  private static Map<String, Advance> advanceCharges(List<Price> prices, int seats) {
    Map<String, Advance> charges = new LinkedHashMap<>();
    for (Price price : prices) {
      if (price instanceof Price.FlatFee f && f.timing() == BillingTiming.IN_ADVANCE) {
        charges.put(f.key(), new Advance(f.key(), f.description(), BigDecimal.ONE, BigDecimal.valueOf(f.amount().minorUnits())));
      } else if (price instanceof Price.PerSeat s) {
        BigDecimal billable = BigDecimal.valueOf(s.billableSeats(seats));
        charges.put(s.key(), new Advance(s.key(), s.description() + " (" + seats + ")", BigDecimal.valueOf(seats),
            s.model().charge(billable).amount()));
      }
    }
    return charges;
  }
}
