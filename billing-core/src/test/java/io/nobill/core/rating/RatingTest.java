package io.nobill.core.rating;


import io.nobill.core.invoice.RatedInvoice;import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.catalog.BillingTiming;
import io.nobill.core.catalog.Discount;
import io.nobill.core.catalog.DiscountDuration;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.Price;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.invoice.InvoiceLine;
import io.nobill.core.invoice.LineKind;
import io.nobill.core.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RatingTest {
  private static final Plan PRO = SeedCatalog.create("EUR").latest("pro").orElseThrow();
  private static final Plan ENTERPRISE = SeedCatalog.create("EUR").latest("enterprise").orElseThrow();
  private static final Period FEB = new Period(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"));
  private static final Period JAN = new Period(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"));

  private static Money eur(String major) {
    return Money.ofMajor(major, "EUR");
  }

  private static RatingInput input(Plan plan, PricingOverrides overrides, int seats, Map<String, BigDecimal> usage,
      List<ProrationItem> prorations, List<DiscountApplication> discounts) {
    return new RatingInput(plan, overrides, Optional.of(FEB), seats, Optional.of(JAN), usage, prorations, discounts);
  }

  @Test
  void aProInvoiceBillsBaseAndSeatsInAdvanceAndApiCallsInArrears() {
    // 250,000 calls: 100,000 free, 150,000 at 0.06 cents = EUR 90.00.
    RatedInvoice rated = Rating.rate(input(PRO, PricingOverrides.NONE, 3, Map.of("api_calls", new BigDecimal("250000")),
        List.of(), List.of()));

    assertThat(rated.lines()).extracting(InvoiceLine::kind).containsExactly(LineKind.FLAT, LineKind.SEATS, LineKind.USAGE);
    assertThat(rated.lines()).extracting(InvoiceLine::amount).containsExactly(eur("49.00"), eur("36.00"), eur("90.00"));
    assertThat(rated.lines()).extracting(InvoiceLine::period).containsExactly(FEB, FEB, JAN);
    assertThat(rated.lines()).extracting(InvoiceLine::timing)
        .containsExactly(BillingTiming.IN_ADVANCE, BillingTiming.IN_ADVANCE, BillingTiming.IN_ARREARS);
    InvoiceLine seats = rated.lines().get(1);
    assertThat(seats.quantity()).isEqualByComparingTo("3");
    assertThat(seats.unitAmount()).hasValueSatisfying(u -> assertThat(u).isEqualByComparingTo("1200"));
    InvoiceLine usage = rated.lines().get(2);
    assertThat(usage.tiers()).hasSize(2);
    assertThat(rated.subtotal()).isEqualTo(eur("175.00"));
    assertThat(rated.discountTotal()).isEqualTo(eur("0.00"));
  }

  @Test
  void eachLineIsRoundedOnceHalfUp() {
    // 1,234,567 calls on Enterprise volume tiers: the 10M tier at 0.03 cents = 37,037.01 cents → EUR 370.37.
    RatedInvoice rated = Rating.rate(input(ENTERPRISE, PricingOverrides.NONE, 0,
        Map.of("api_calls", new BigDecimal("1234567"), "storage_gb", new BigDecimal("12.345")), List.of(), List.of()));
    assertThat(rated.lines()).extracting(InvoiceLine::amount)
        .containsExactly(eur("1500.00"), eur("370.37"), eur("1.23"));
  }

  @Test
  void customPricesReplaceListPricesForOneOrganization() {
    PricingOverrides deal = new PricingOverrides(Map.of("base", new Price.FlatFee("base", "Enterprise platform fee (contract)",
        eur("900.00"), BillingTiming.IN_ADVANCE)), List.of(), Optional.empty());
    RatedInvoice rated = Rating.rate(input(ENTERPRISE, deal, 0, Map.of(), List.of(), List.of()));
    assertThat(rated.lines().get(0).amount()).isEqualTo(eur("900.00"));
    assertThat(rated.lines().get(0).description()).isEqualTo("Enterprise platform fee (contract)");
  }

  @Test
  void discountsApplyInOrderBeforeTaxAndNeverBelowZero() {
    Discount tenPercent = new Discount.Percent("launch", "Launch 10%", new BigDecimal("10"), DiscountDuration.repeating(3));
    Discount fiftyOff = new Discount.Amount("partner", "Partner credit", eur("50.00"), DiscountDuration.forever());
    RatedInvoice rated = Rating.rate(input(PRO, PricingOverrides.NONE, 3, Map.of(), List.of(),
        List.of(new DiscountApplication(tenPercent, 0), new DiscountApplication(fiftyOff, 7))));
    // 49 + 36 + 0 = 85.00; 10% = 8.50; remaining 76.50; minus 50.00.
    List<InvoiceLine> discounts = rated.lines().stream().filter(l -> l.kind() == LineKind.DISCOUNT).toList();
    assertThat(discounts).extracting(InvoiceLine::amount).containsExactly(eur("-8.50"), eur("-50.00"));
    assertThat(rated.net()).isEqualTo(eur("26.50"));
    assertThat(rated.discountsApplied()).containsExactly("launch", "partner");

    Discount hundredOff = new Discount.Amount("big", "Big credit", eur("100.00"), DiscountDuration.once());
    RatedInvoice capped = Rating.rate(input(PRO, PricingOverrides.NONE, 3, Map.of(), List.of(),
        List.of(new DiscountApplication(hundredOff, 0), new DiscountApplication(tenPercent, 0))));
    assertThat(capped.net()).isEqualTo(eur("0.00"));
    assertThat(capped.discountsApplied()).containsExactly("big");
  }

  @Test
  void aDiscountWhosePeriodsAreUsedUpNoLongerApplies() {
    Discount once = new Discount.Percent("welcome", "Welcome", new BigDecimal("50"), DiscountDuration.once());
    RatedInvoice rated = Rating.rate(input(PRO, PricingOverrides.NONE, 1, Map.of(), List.of(),
        List.of(new DiscountApplication(once, 1))));
    assertThat(rated.discountTotal()).isEqualTo(eur("0.00"));
    assertThat(rated.discountsApplied()).isEmpty();
  }

  @Test
  void aMinimumSpendAddsATrueUpWhenChargesFallShort() {
    PricingOverrides minimum = new PricingOverrides(Map.of(), List.of(), Optional.of(eur("200.00")));
    RatedInvoice rated = Rating.rate(input(PRO, minimum, 3, Map.of("api_calls", new BigDecimal("250000")), List.of(), List.of()));
    InvoiceLine trueUp = rated.lines().get(rated.lines().size() - 1);
    assertThat(trueUp.kind()).isEqualTo(LineKind.MINIMUM);
    assertThat(trueUp.amount()).isEqualTo(eur("25.00"));
    assertThat(rated.subtotal()).isEqualTo(eur("200.00"));

    RatedInvoice above = Rating.rate(input(PRO, new PricingOverrides(Map.of(), List.of(), Optional.of(eur("100.00"))), 3,
        Map.of("api_calls", new BigDecimal("250000")), List.of(), List.of()));
    assertThat(above.lines()).extracting(InvoiceLine::kind).doesNotContain(LineKind.MINIMUM);
  }

  @Test
  void pendingProrationsBecomeLines() {
    List<ProrationItem> items = Proration.forSeatChange(PRO, PricingOverrides.NONE, 3, 5, JAN, Instant.parse("2026-01-11T00:00:00Z"));
    RatedInvoice rated = Rating.rate(input(PRO, PricingOverrides.NONE, 5, Map.of(), items, List.of()));
    assertThat(rated.lines()).extracting(InvoiceLine::kind)
        .containsExactly(LineKind.FLAT, LineKind.SEATS, LineKind.USAGE, LineKind.PRORATION, LineKind.PRORATION);
    // 21 of 31 days remain: credit 3 seats (36.00 → 24.39), charge 5 seats (60.00 → 40.65).
    assertThat(rated.lines().subList(3, 5)).extracting(InvoiceLine::amount).containsExactly(eur("-24.39"), eur("40.65"));
  }

  @Test
  void usageForAMeterThePlanDoesNotPriceIsRejected() {
    assertThatThrownBy(() -> input(PRO, PricingOverrides.NONE, 1, Map.of("storage_gb", BigDecimal.ONE), List.of(), List.of()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("usage");
          assertThat(e.rule()).contains("does not price 'storage_gb'");
        });
    assertThatThrownBy(() -> input(PRO, PricingOverrides.NONE, 1, Map.of("api_calls", new BigDecimal("-1")), List.of(), List.of()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.rule()).contains("must not be negative"));
    assertThatThrownBy(() -> input(PRO, PricingOverrides.NONE, -1, Map.of(), List.of(), List.of()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("seats"));
  }

  @Test
  void currenciesNeverMixInRating() {
    ProrationItem usd = new ProrationItem("x", Optional.empty(), JAN, BigDecimal.ONE, Money.ofMajor("1.00", "USD"));
    assertThatThrownBy(() -> Rating.rate(input(PRO, PricingOverrides.NONE, 1, Map.of(), List.of(usd), List.of())))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("prorations"));
    Discount usdOff = new Discount.Amount("usd", "USD off", Money.ofMajor("1.00", "USD"), DiscountDuration.once());
    assertThatThrownBy(() -> Rating.rate(input(PRO, PricingOverrides.NONE, 1, Map.of(), List.of(),
        List.of(new DiscountApplication(usdOff, 0)))))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("discounts"));
  }
}
