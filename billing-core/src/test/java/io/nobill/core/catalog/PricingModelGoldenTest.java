package io.nobill.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden cases from public documentation. Amounts are in cents (minor units); tiers are
 * written with their last quantity ("upTo").
 */
class PricingModelGoldenTest {

  /** Stripe, "Tiered pricing" (docs.stripe.com/products-prices/pricing-models#tiered-pricing): 1–5 at $7, 6–10 at $6.50, 11+ at $6. */
  private static final PricingModel.Volume STRIPE_VOLUME = PricingModel.volume(
      Tier.upTo(5, "700"), Tier.upTo(10, "650"), Tier.rest("600"));
  private static final PricingModel.Graduated STRIPE_GRADUATED = PricingModel.graduated(
      Tier.upTo(5, "700"), Tier.upTo(10, "650"), Tier.rest("600"));

  /** Lago, "Graduated charge model" (docs.getlago.com): 0–10 $10/unit + $2; 11–20 $5/unit + $3; 21+ $5/unit + $3. */
  private static final PricingModel.Graduated LAGO_GRADUATED = PricingModel.graduated(
      Tier.upTo(10, "1000", "200"), Tier.upTo(20, "500", "300"), Tier.rest("500", "300"));

  /** Lago, "Volume charge model" (docs.getlago.com): 0–100 $2/unit + $10; 101–200 $1/unit; 201+ $0.50/unit + $50. */
  private static final PricingModel.Volume LAGO_VOLUME = PricingModel.volume(
      Tier.upTo(100, "200", "1000"), Tier.upTo(200, "100"), Tier.rest("50", "5000"));

  private static long cents(PricingModel model, String quantity) {
    return model.charge(new BigDecimal(quantity)).amount().setScale(0, java.math.RoundingMode.UNNECESSARY).longValueExact();
  }

  @ParameterizedTest(name = "Stripe volume {0} units = {1} cents")
  @CsvSource({"1, 700", "5, 3500", "6, 3900", "20, 12000", "25, 15000"})
  void stripeVolume(String quantity, long expected) {
    assertThat(cents(STRIPE_VOLUME, quantity)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "Stripe graduated {0} units = {1} cents")
  @CsvSource({"6, 4150", "20, 12750", "25, 15750", "5, 3500", "1, 700"})
  void stripeGraduated(String quantity, long expected) {
    assertThat(cents(STRIPE_GRADUATED, quantity)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "Lago graduated with flat fees {0} units = {1} cents")
  @CsvSource({"0, 200", "1, 1200", "10, 10200", "11, 11000", "12, 11500", "21, 16300"})
  void lagoGraduatedWithFlatFees(String quantity, long expected) {
    assertThat(cents(LAGO_GRADUATED, quantity)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "Lago volume {0} units = {1} cents")
  @CsvSource({"0, 1000", "1, 1200", "100, 21000", "101, 10100", "200, 20000", "300, 20000", "100.5, 10050"})
  void lagoVolume(String quantity, long expected) {
    assertThat(cents(LAGO_VOLUME, quantity)).isEqualTo(expected);
  }

  /** Package pricing: $5 per 100 units, the first 100 free. */
  @ParameterizedTest(name = "package {0} units = {1} cents")
  @CsvSource({"0, 0", "100, 0", "101, 500", "200, 500", "201, 1000", "1000, 4500"})
  void packageWithFreeUnits(String quantity, long expected) {
    assertThat(cents(PricingModel.packaged(100, "500", 100), quantity)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "per unit {0} x 0.06 cents = {1} cents exactly")
  @CsvSource({"1, 0.06", "1000000, 60000.00", "123456, 7407.36"})
  void perUnitKeepsFractionalMinorUnitsExact(String quantity, String expected) {
    assertThat(PricingModel.perUnit("0.06").charge(new BigDecimal(quantity)).amount()).isEqualByComparingTo(expected);
  }

  @org.junit.jupiter.api.Test
  void graduatedChargesExplainThemselvesTierByTier() {
    Charge c = STRIPE_GRADUATED.charge(new BigDecimal("12"));
    assertThat(c.tiers()).extracting(TierCharge::tier).containsExactly(1, 2, 3);
    assertThat(c.tiers()).extracting(t -> t.quantity().intValue()).containsExactly(5, 5, 2);
    assertThat(c.tiers()).extracting(TierCharge::amount).usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("3500"), new BigDecimal("3250"), new BigDecimal("1200"));
  }
}
