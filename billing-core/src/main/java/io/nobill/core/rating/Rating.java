package io.nobill.core.rating;


import io.nobill.core.catalog.BillingTiming;
import io.nobill.core.catalog.Charge;
import io.nobill.core.catalog.Discount;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.Price;
import io.nobill.core.catalog.PricingModel;
import io.nobill.core.invoice.InvoiceLine;
import io.nobill.core.invoice.LineKind;
import io.nobill.core.invoice.RatedInvoice;import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rating engine: a pure function from a {@link RatingInput} to invoice lines. It is the
 * only place prices are computed — invoicing, previews and reconciliation all call it.
 *
 * <p>Lines come in this order: flat fees and seats for the advance period, usage for the
 * arrears period, pending prorations, a minimum-spend true-up, then discounts. Each line
 * is rounded once, HALF_UP, to the minor unit; totals are sums of rounded lines.
 */
public final class Rating {
  /**
   * The largest amount, in minor units, that one rated line or the sum of an invoice's lines
   * may reach: 10<sup>13</sup> (100 billion in a currency of two minor digits). What NOBill
   * accepts — usage, seats, custom prices — is checked against it when it is written, with
   * {@link #unratable}, so that rating a period later never overflows and an invoice's total,
   * with tax, stays far inside what every store can sum.
   */
  public static final long MAX_CHARGE = 10_000_000_000_000L;

  private Rating() {}

  /**
   * Checks that a subscription on {@code plan} with {@code seats} and {@code overrides} can
   * still be invoiced for {@code period}: billed in advance, and with {@code usage} (what the
   * period has used so far) billed in arrears — what its renewal will rate. Called before
   * writing anything that changes what rating applies, so the change is refused now instead of
   * failing every renewal later.
   *
   * @throws InvalidRequestException naming {@code field}, with the reason
   */
  public static void requireInvoiceable(Plan plan, io.nobill.core.catalog.PricingOverrides overrides, int seats,
      Period period, java.util.Map<String, BigDecimal> usage, String field) {
    uninvoiceable(plan, overrides, seats, period, usage).ifPresent(reason -> {
      throw new InvalidRequestException(field, "must leave the subscription invoiceable: " + seats + " seats on "
          + plan.ref() + " with the period's usage so far " + reason);
    });
  }

  /**
   * Why a subscription on {@code plan} with {@code seats} and {@code overrides} could not be
   * invoiced for {@code period} with {@code usage} billed in arrears, if it could not: the rule
   * {@link #requireInvoiceable} enforces, as a value for callers that answer per item.
   */
  public static Optional<String> uninvoiceable(Plan plan, io.nobill.core.catalog.PricingOverrides overrides, int seats,
      Period period, java.util.Map<String, BigDecimal> usage) {
    java.util.Map<String, BigDecimal> priced = new java.util.HashMap<>();
    usage.forEach((meter, quantity) -> {
      if (plan.pricedMeters().contains(meter)) {
        priced.put(meter, quantity);
      }
    });
    return unratable(new RatingInput(plan, overrides, Optional.of(period), seats, Optional.of(period), priced, List.of(),
        List.of()));
  }

  /**
   * Why {@code input} cannot be rated into an invoice — an amount that overflows, a line or
   * total beyond {@link #MAX_CHARGE}, a price that does not fit — if it cannot.
   */
  public static Optional<String> unratable(RatingInput input) {
    Objects.requireNonNull(input, "input");
    RatedInvoice rated;
    try {
      rated = rate(input);
    } catch (ArithmeticException | io.nobill.core.error.BillingException e) {
      return Optional.of("cannot be rated: " + e.getMessage());
    }
    long sum = 0;
    for (InvoiceLine line : rated.lines()) {
      long amount = Math.abs(line.amount().minorUnits());
      if (amount > MAX_CHARGE) {
        return Optional.of("would make the line '" + line.description() + "' " + line.amount()
            + ", more than the largest charge, " + MAX_CHARGE + " minor units");
      }
      sum += amount;
      if (sum > MAX_CHARGE) {
        return Optional.of("would make the invoice's lines sum to more than the largest charge, " + MAX_CHARGE
            + " minor units");
      }
    }
    return Optional.empty();
  }

  public static RatedInvoice rate(RatingInput input) {
    Objects.requireNonNull(input, "input");
    Plan plan = input.plan();
    Currency currency = plan.currency();
    List<Price> prices = input.overrides().pricesOf(plan);
    List<InvoiceLine> lines = new ArrayList<>();

    input.advancePeriod().ifPresent(period -> {
      for (Price price : prices) {
        if (price instanceof Price.FlatFee f && f.timing() == BillingTiming.IN_ADVANCE) {
          lines.add(flatLine(f, period));
        } else if (price instanceof Price.PerSeat s) {
          lines.add(seatLine(s, input.seats(), period, currency));
        }
      }
    });
    input.arrearsPeriod().ifPresent(period -> {
      // Usage before a plan change in the period is priced by the plan it was used under; its
      // lines name that plan and the part of the period they cover, as do the new plan's.
      for (RatingInput.EarlierUsage earlier : input.earlierUsage()) {
        for (Price price : input.overrides().pricesOf(earlier.plan())) {
          if (price instanceof Price.Metered m) {
            lines.add(named(usageLine(m, earlier.usage().getOrDefault(m.meter(), BigDecimal.ZERO), earlier.period(),
                currency), earlier.plan()));
          }
        }
      }
      Period usagePeriod = input.usagePeriod().orElseThrow();
      for (Price price : prices) {
        if (price instanceof Price.FlatFee f && f.timing() == BillingTiming.IN_ARREARS) {
          lines.add(flatLine(f, period));
        } else if (price instanceof Price.Metered m) {
          InvoiceLine line = usageLine(m, input.usage().getOrDefault(m.meter(), BigDecimal.ZERO), usagePeriod, currency);
          lines.add(input.earlierUsage().isEmpty() ? line : named(line, plan));
        }
      }
    });
    Money charges = Money.zero(currency);
    for (InvoiceLine line : lines) {
      charges = charges.plus(line.amount());
    }
    for (ProrationItem item : input.prorations()) {
      InvalidRequestException.require(item.amount().currency().equals(currency), "prorations",
          "must be in the plan's currency " + currency.getCurrencyCode());
      lines.add(new InvoiceLine(LineKind.PRORATION, item.description(), item.priceKey(), item.period(), item.quantity(),
          Optional.empty(), item.amount(), BillingTiming.IN_ADVANCE, List.of()));
    }
    Optional<Money> minimum = input.overrides().minimumSpend();
    if (minimum.isPresent() && charges.isLessThan(minimum.get())) {
      Period period = input.arrearsPeriod().or(input::advancePeriod).orElseThrow(() -> new InvalidRequestException(
          "advancePeriod", "must be given when a minimum spend applies"));
      lines.add(new InvoiceLine(LineKind.MINIMUM, "Minimum spend true-up (minimum " + minimum.get() + ")",
          Optional.empty(), period, BigDecimal.ONE, Optional.empty(), minimum.get().minus(charges),
          BillingTiming.IN_ARREARS, List.of()));
    }
    List<String> applied = applyDiscounts(input, lines, currency);
    return new RatedInvoice(currency, lines, applied);
  }

  /** {@code line} with the plan that priced it in its description: a period split by a plan change has a line per plan. */
  private static InvoiceLine named(InvoiceLine line, Plan plan) {
    return new InvoiceLine(line.kind(), line.description() + " (" + plan.name() + ")", line.priceKey(), line.period(),
        line.quantity(), line.unitAmount(), line.amount(), line.timing(), line.tiers());
  }

  private static InvoiceLine flatLine(Price.FlatFee f, Period period) {
    return new InvoiceLine(LineKind.FLAT, f.description(), Optional.of(f.key()), period, BigDecimal.ONE,
        Optional.of(BigDecimal.valueOf(f.amount().minorUnits())), f.amount(), f.timing(), List.of());
  }

  private static InvoiceLine seatLine(Price.PerSeat s, int seats, Period period, Currency currency) {
    BigDecimal billable = BigDecimal.valueOf(s.billableSeats(seats));
    Charge charge = s.model().charge(billable);
    String description = s.includedSeats() > 0
        ? s.description() + " (" + seats + " in use, " + s.includedSeats() + " included)"
        : s.description();
    return new InvoiceLine(LineKind.SEATS, description, Optional.of(s.key()), period, billable,
        unitAmountOf(s.model()), round(charge.amount(), currency), BillingTiming.IN_ADVANCE, tiersOf(s.model(), charge));
  }

  private static InvoiceLine usageLine(Price.Metered m, BigDecimal quantity, Period period, Currency currency) {
    Charge charge = m.model().charge(quantity);
    return new InvoiceLine(LineKind.USAGE, m.description(), Optional.of(m.key()), period, quantity,
        unitAmountOf(m.model()), round(charge.amount(), currency), BillingTiming.IN_ARREARS, tiersOf(m.model(), charge));
  }

  private static Optional<BigDecimal> unitAmountOf(PricingModel model) {
    return model instanceof PricingModel.PerUnit p ? Optional.of(p.unitAmount()) : Optional.empty();
  }

  private static List<io.nobill.core.catalog.TierCharge> tiersOf(PricingModel model, Charge charge) {
    return model instanceof PricingModel.PerUnit ? List.of() : charge.tiers();
  }

  /** Rounds an exact amount in minor units once, HALF_UP. */
  static Money round(BigDecimal exactMinorUnits, Currency currency) {
    try {
      return Money.of(exactMinorUnits.setScale(0, RoundingMode.HALF_UP).longValueExact(), currency);
    } catch (ArithmeticException e) {
      throw new InvalidRequestException("amount", "must fit in a 64-bit count of minor units");
    }
  }

  /**
   * Applies the discounts in order to what is left of the invoice: a percentage of the
   * remainder, or a fixed amount no larger than the remainder. Nothing is discounted below zero.
   */
  private static List<String> applyDiscounts(RatingInput input, List<InvoiceLine> lines, Currency currency) {
    Period period = input.advancePeriod().or(input::arrearsPeriod)
        .orElseGet(() -> input.prorations().get(0).period());
    List<String> applied = new ArrayList<>();
    for (AppliedDiscount d : discounts(lines, input.discounts(), period, currency)) {
      lines.add(d.line());
      applied.add(d.key());
    }
    return applied;
  }

  /** A discount that took something off, as its invoice line (negative). */
  public record AppliedDiscount(String key, InvoiceLine line) {
    public AppliedDiscount {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(line, "line");
    }
  }

  /**
   * What {@code discounts} take off {@code lines}, in order, each from what the ones before it
   * left: a percentage of the remainder, or a fixed amount no larger than the remainder, never
   * below zero. Discounts that no longer apply, or take nothing, are left out. Rating uses it for
   * every invoice; MRR applies it to the recurring lines alone.
   */
  public static List<AppliedDiscount> discounts(List<InvoiceLine> lines, List<DiscountApplication> discounts, Period period,
      Currency currency) {
    Objects.requireNonNull(lines, "lines");
    Objects.requireNonNull(discounts, "discounts");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(currency, "currency");
    Money remaining = Money.zero(currency);
    for (InvoiceLine line : lines) {
      remaining = remaining.plus(line.amount());
    }
    List<AppliedDiscount> applied = new ArrayList<>();
    for (DiscountApplication application : discounts) {
      if (!application.applies() || !remaining.isPositive()) {
        continue;
      }
      Discount discount = application.discount();
      Money off;
      if (discount instanceof Discount.Percent p) {
        off = remaining.multiply(p.percent().movePointLeft(2), RoundingMode.HALF_UP);
      } else {
        Discount.Amount a = (Discount.Amount) discount;
        InvalidRequestException.require(a.amount().currency().equals(currency), "discounts",
            "must be in the invoice's currency; '" + a.key() + "' is in " + a.amount().currency().getCurrencyCode());
        off = a.amount().isGreaterThan(remaining) ? remaining : a.amount();
      }
      if (off.isZero()) {
        continue;
      }
      applied.add(new AppliedDiscount(discount.key(), new InvoiceLine(LineKind.DISCOUNT, discount.description(),
          Optional.empty(), period, BigDecimal.ONE, Optional.empty(), off.negate(), BillingTiming.IN_ADVANCE, List.of())));
      remaining = remaining.minus(off);
    }
    return applied;
  }
}
