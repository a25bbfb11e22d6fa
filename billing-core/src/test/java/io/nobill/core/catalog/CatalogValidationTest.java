package io.nobill.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every catalog rule, each failing with a typed error that names the field and the rule. */
class CatalogValidationTest {

  private static Consumer<InvalidRequestException> names(String field, String rulePart) {
    return e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.rule()).contains(rulePart);
    };
  }

  private static Plan.Builder plan() {
    return Plan.builder("pro", 1).name("Pro").currency("EUR").monthly();
  }

  @Test
  void tiersMustAscendAndEndUnbounded() {
    assertThatThrownBy(() -> PricingModel.graduated(Tier.upTo(10, "1"), Tier.upTo(5, "1"), Tier.rest("1")))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("tiers", "ascending"));
    assertThatThrownBy(() -> PricingModel.graduated(Tier.upTo(10, "1"), Tier.upTo(10, "1"), Tier.rest("1")))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("tiers", "ascending"));
    assertThatThrownBy(() -> PricingModel.volume(Tier.upTo(10, "1"), Tier.upTo(20, "1")))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("tiers", "must end with an unbounded tier"));
    assertThatThrownBy(() -> PricingModel.volume(Tier.rest("1"), Tier.rest("2")))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("tiers", "only the last tier unbounded"));
    assertThatThrownBy(() -> PricingModel.graduated())
        .isInstanceOfSatisfying(InvalidRequestException.class, names("tiers", "must not be empty"));
  }

  @Test
  void pricesMustNotBeNegative() {
    assertThatThrownBy(() -> Tier.upTo(10, "-1"))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("tiers.unitAmount", "must not be negative"));
    assertThatThrownBy(() -> Tier.upTo(10, "1", "-5"))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("tiers.flatAmount", "must not be negative"));
    assertThatThrownBy(() -> PricingModel.perUnit("-0.01"))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("unitAmount", "must not be negative"));
    assertThatThrownBy(() -> plan().flatFee("base", "Base", Money.ofMajor("-1.00", "EUR")).build())
        .isInstanceOfSatisfying(InvalidRequestException.class, names("prices.amount", "must not be negative"));
    assertThatThrownBy(() -> PricingModel.packaged(0, "500", 0))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("package.size", "must be positive"));
  }

  @Test
  void aPlanHasOneCurrency() {
    assertThatThrownBy(() -> plan().flatFee("base", "Base", Money.ofMajor("10.00", "USD")).build())
        .isInstanceOfSatisfying(InvalidRequestException.class, names("prices.amount", "must be in the plan's currency EUR"));
    assertThatThrownBy(() -> Plan.builder("pro", 1).name("Pro").currency("EURO"))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("currency", "ISO 4217"));
  }

  @Test
  void trialDaysAreBetweenZeroAnd730() {
    assertThat(plan().trialDays(0).build().trialDays()).isZero();
    assertThat(plan().trialDays(730).build().trialDays()).isEqualTo(730);
    assertThatThrownBy(() -> plan().trialDays(731).build())
        .isInstanceOfSatisfying(InvalidRequestException.class, names("trialDays", "between 0 and 730"));
    assertThatThrownBy(() -> plan().trialDays(-1).build())
        .isInstanceOfSatisfying(InvalidRequestException.class, names("trialDays", "between 0 and 730"));
  }

  @Test
  void keysAreUniqueAndWellFormed() {
    assertThatThrownBy(() -> plan().flatFee("base", "A", Money.ofMajor("1.00", "EUR")).flatFee("base", "B", Money.ofMajor("2.00", "EUR")).build())
        .isInstanceOfSatisfying(InvalidRequestException.class, names("prices.key", "unique within the plan"));
    assertThatThrownBy(() -> Plan.builder("Pro Plan", 1))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("plan", "lower-case"));
    assertThatThrownBy(() -> plan().feature("SSO"))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("features", "lower-case"));
    assertThatThrownBy(() -> new Meter("api calls", "API calls", "call", Aggregation.SUM))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("key", "lower-case"));
    Meter m = new Meter("api_calls", "API calls", "call", Aggregation.SUM);
    assertThatThrownBy(() -> Catalog.builder().meter(m).meter(m))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("meters.key", "unique"));
    Plan p = plan().build();
    assertThatThrownBy(() -> Catalog.builder().plan(p).plan(p))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("plans", "unique versions"));
  }

  @Test
  void aPlanHasAtMostOneSeatPriceAndValidLimits() {
    assertThatThrownBy(() -> plan().perSeat("a", "A", PricingModel.perUnit("1"), 0).perSeat("b", "B", PricingModel.perUnit("1"), 0).build())
        .isInstanceOfSatisfying(InvalidRequestException.class, names("prices", "at most one per-seat price"));
    assertThatThrownBy(() -> plan().seatLimit(0).build())
        .isInstanceOfSatisfying(InvalidRequestException.class, names("seatLimit", "at least 1"));
    assertThatThrownBy(() -> plan().limit("api_calls", new BigDecimal("-1"), Enforcement.HARD))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("limit.included", "must not be negative"));
    assertThatThrownBy(() -> new BillingInterval(BillingInterval.Unit.MONTH, 13))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("interval.count", "between 1 and 12"));
  }

  @Test
  void theCatalogChecksMetersAndVersionsAcrossPlans() {
    Plan priced = plan().metered("calls", "Calls", "api_calls", PricingModel.perUnit("1")).build();
    assertThatThrownBy(() -> Catalog.builder().plan(priced).build())
        .isInstanceOfSatisfying(InvalidRequestException.class, names("prices.meter", "unknown meter 'api_calls'"));
    Plan limited = plan().limit("api_calls", BigDecimal.TEN, Enforcement.SOFT).build();
    assertThatThrownBy(() -> Catalog.builder().plan(limited).build())
        .isInstanceOfSatisfying(InvalidRequestException.class, names("limits", "unknown meter 'api_calls'"));
    Plan usd = Plan.builder("pro", 2).name("Pro").currency("USD").monthly().build();
    assertThatThrownBy(() -> Catalog.builder().plan(plan().build()).plan(usd))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("plans", "one currency across versions"));
  }

  @Test
  void versionsAreKeptAndTheLatestIsWhatNewSubscriptionsGet() {
    Plan v1 = plan().flatFee("base", "Base", Money.ofMajor("49.00", "EUR")).build();
    Plan v2 = Plan.builder("pro", 2).name("Pro").currency("EUR").monthly().flatFee("base", "Base", Money.ofMajor("59.00", "EUR")).build();
    Catalog catalog = Catalog.builder().plan(v2).plan(v1).build();
    assertThat(catalog.latest("pro")).contains(v2);
    assertThat(catalog.plan(new PlanRef("pro", 1))).contains(v1);
    assertThat(catalog.plan(new PlanRef("pro", 3))).isEmpty();
    assertThatThrownBy(() -> catalog.require(new PlanRef("gold", 1))).isInstanceOf(io.nobill.core.error.NotFoundException.class);
  }

  @Test
  void theSeedCatalogHasItsThreePlans() {
    Catalog seed = SeedCatalog.create("EUR");
    assertThat(seed.latestPlans()).extracting(Plan::key).containsExactly("starter", "pro", "enterprise");
    Plan pro = seed.latest("pro").orElseThrow();
    assertThat(pro.seatPrice()).isPresent();
    assertThat(pro.pricedMeters()).containsExactly("api_calls");
    assertThat(seed.latest("starter").orElseThrow().seatLimit()).contains(1);
    assertThat(seed.latest("enterprise").orElseThrow().pricedMeters()).containsExactlyInAnyOrder("api_calls", "storage_gb");
  }

  @Test
  void customPricesMustReplaceAPriceOfTheSameKind() {
    Plan pro = SeedCatalog.create("EUR").latest("pro").orElseThrow();
    PricingOverrides unknown = new PricingOverrides(Map.of("gold", new Price.FlatFee("gold", "Gold", Money.ofMajor("1.00", "EUR"),
        BillingTiming.IN_ADVANCE)), List.of(), Optional.empty());
    assertThatThrownBy(() -> unknown.requireFits(pro))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("customPrices", "no price 'gold'"));
    PricingOverrides otherKind = new PricingOverrides(Map.of("base", new Price.PerSeat("base", "Base", PricingModel.perUnit("1"), 0)),
        List.of(), Optional.empty());
    assertThatThrownBy(() -> otherKind.requireFits(pro))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("customPrices", "same kind"));
    PricingOverrides otherCurrency = new PricingOverrides(Map.of("base", new Price.FlatFee("base", "Base",
        Money.ofMajor("1.00", "USD"), BillingTiming.IN_ADVANCE)), List.of(), Optional.empty());
    assertThatThrownBy(() -> otherCurrency.requireFits(pro))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("customPrices", "currency"));
    // Rating never fails on them: a custom price that does not fit the plan being rated (the
    // organization moved to another plan since) replaces nothing.
    for (PricingOverrides misfit : List.of(unknown, otherKind, otherCurrency)) {
      assertThat(misfit.pricesOf(pro)).isEqualTo(pro.prices());
    }
    PricingOverrides otherDiscount = new PricingOverrides(Map.of(), List.of(new Discount.Amount("usd", "USD off",
        Money.ofMajor("5.00", "USD"), DiscountDuration.once())), Optional.empty());
    assertThatThrownBy(() -> otherDiscount.requireFits(pro))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("discounts", "must be in the currency EUR"));
    PricingOverrides otherMinimum = new PricingOverrides(Map.of(), List.of(), Optional.of(Money.ofMajor("5.00", "USD")));
    assertThatThrownBy(() -> otherMinimum.requireFits(pro))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("minimumSpend", "must be in the currency EUR"));
  }

  @Test
  void discountsAreValidated() {
    assertThatThrownBy(() -> new Discount.Percent("half", "Half", new BigDecimal("0"), DiscountDuration.once()))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("discount.percent", "greater than 0"));
    assertThatThrownBy(() -> new Discount.Percent("more", "More", new BigDecimal("100.01"), DiscountDuration.once()))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("discount.percent", "at most 100"));
    assertThatThrownBy(() -> new Discount.Amount("neg", "Neg", Money.ofMajor("-5.00", "EUR"), DiscountDuration.once()))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("discount.amount", "must be positive"));
    assertThatThrownBy(() -> DiscountDuration.repeating(0))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("duration.periods", "between 1 and 1000"));
  }

  @Test
  void periodsAreAnchoredAndClampShortMonths() {
    BillingInterval monthly = BillingInterval.monthly();
    Instant jan31 = Instant.parse("2026-01-31T10:00:00Z");
    assertThat(monthly.boundary(jan31, 1)).isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
    assertThat(monthly.boundary(jan31, 2)).isEqualTo(Instant.parse("2026-03-31T10:00:00Z"));
    assertThat(monthly.boundary(Instant.parse("2028-01-31T00:00:00Z"), 1)).isEqualTo(Instant.parse("2028-02-29T00:00:00Z"));
    Period p = monthly.periodContaining(jan31, Instant.parse("2026-03-15T00:00:00Z"));
    assertThat(p).isEqualTo(new Period(Instant.parse("2026-02-28T10:00:00Z"), Instant.parse("2026-03-31T10:00:00Z")));
    assertThat(monthly.periodContaining(jan31, jan31).start()).isEqualTo(jan31);
    assertThat(BillingInterval.yearly().boundary(Instant.parse("2028-02-29T00:00:00Z"), 1))
        .isEqualTo(Instant.parse("2029-02-28T00:00:00Z"));
    assertThat(new BillingInterval(BillingInterval.Unit.WEEK, 2).periodContaining(jan31, Instant.parse("2026-02-20T00:00:00Z")))
        .isEqualTo(new Period(Instant.parse("2026-02-14T10:00:00Z"), Instant.parse("2026-02-28T10:00:00Z")));
    assertThatThrownBy(() -> new Period(jan31, jan31))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("period.end", "after period.start"));
  }
}
