package io.nobill.core.rating;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class ProrationProperties {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private static Plan flat(String key, long cents) {
    return Plan.builder(key, 1).name(key).currency("EUR").monthly().flatFee("base", key, Money.of(cents, "EUR")).build();
  }

  private static long sum(List<ProrationItem> items) {
    return items.stream().mapToLong(i -> i.amount().minorUnits()).sum();
  }

  @Property
  void aZeroLengthChangeNetsZero(@ForAll @LongRange(min = 1, max = 10_000_000) long cents,
      @ForAll @IntRange(min = 1, max = 31) int days) {
    Period period = new Period(START, START.plus(Duration.ofDays(days)));
    // A change that ends where it starts (at the period's end) leaves nothing to prorate.
    assertThat(Proration.forChange(flat("a", cents), PricingOverrides.NONE, 1, flat("b", cents * 2), PricingOverrides.NONE, 1,
        period, period.end())).isEmpty();
    // A "change" to the same price at any instant nets zero.
    assertThat(sum(Proration.forChange(flat("a", cents), PricingOverrides.NONE, 1, flat("a", cents), PricingOverrides.NONE, 1,
        period, START.plus(Duration.ofHours(days))))).isZero();
  }

  @Property
  void splittingAPeriodIntoKPartsSumsToTheFullPriceWithinKMinusOneUnits(
      @ForAll @LongRange(min = 0, max = 100_000_000) long cents,
      @ForAll @Size(min = 1, max = 20) List<@LongRange(min = 1, max = 2_678_399) Long> cuts) {
    Period period = new Period(START, START.plus(Duration.ofDays(31)));
    TreeSet<Long> points = new TreeSet<>(cuts);
    List<Instant> bounds = new ArrayList<>();
    bounds.add(period.start());
    points.forEach(s -> bounds.add(START.plusSeconds(s)));
    bounds.add(period.end());
    int k = bounds.size() - 1;
    // The charge for part [b_i, b_{i+1}) is the remaining-time charge at b_i minus that at b_{i+1}.
    Plan plan = flat("a", cents);
    Plan nothing = Plan.builder("z", 1).name("z").currency("EUR").monthly().build();
    long total = 0;
    for (int i = 0; i < k; i++) {
      long fromHere = sum(Proration.forChange(nothing, PricingOverrides.NONE, 0, plan, PricingOverrides.NONE, 0, period, bounds.get(i)));
      long fromNext = sum(Proration.forChange(nothing, PricingOverrides.NONE, 0, plan, PricingOverrides.NONE, 0, period, bounds.get(i + 1)));
      total += fromHere - fromNext;
    }
    // Telescoping makes the parts sum exactly; each part rounded on its own must stay within k − 1 units.
    assertThat(Math.abs(total - cents)).isLessThanOrEqualTo(Math.max(0, k - 1));
    long separately = 0;
    for (int i = 0; i < k; i++) {
      long seconds = Duration.between(bounds.get(i), bounds.get(i + 1)).getSeconds();
      separately += java.math.BigDecimal.valueOf(cents).multiply(java.math.BigDecimal.valueOf(seconds))
          .divide(java.math.BigDecimal.valueOf(period.length().getSeconds()), 0, java.math.RoundingMode.HALF_UP).longValueExact();
    }
    assertThat(Math.abs(separately - cents)).isLessThanOrEqualTo(Math.max(0, k - 1));
  }

  @Property
  void upgradeThenDowngradeAtTheSameInstantNetsZero(@ForAll @LongRange(min = 0, max = 10_000_000) long a,
      @ForAll @LongRange(min = 0, max = 10_000_000) long b, @ForAll @LongRange(min = 0, max = 2_678_400) long at,
      @ForAll @IntRange(min = 0, max = 60) int seatsA, @ForAll @IntRange(min = 0, max = 60) int seatsB) {
    Period period = new Period(START, START.plus(Duration.ofDays(31)));
    Plan pa = Plan.builder("a", 1).name("a").currency("EUR").monthly().flatFee("base", "A", Money.of(a, "EUR"))
        .perSeat("seats", "Seats", io.nobill.core.catalog.PricingModel.perUnit("1234.5"), 1).build();
    Plan pb = flat("b", b);
    Instant when = START.plusSeconds(at);
    long up = sum(Proration.forChange(pa, PricingOverrides.NONE, seatsA, pb, PricingOverrides.NONE, seatsB, period, when));
    long down = sum(Proration.forChange(pb, PricingOverrides.NONE, seatsB, pa, PricingOverrides.NONE, seatsA, period, when));
    assertThat(up + down).isZero();
  }
}
