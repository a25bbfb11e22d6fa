package io.nobill.core.catalog;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.money.Money;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The catalog the examples and tests use: three plans over two meters, in one currency or
 * several ({@link #create(String, String...)}).
 *
 * <ul>
 *   <li><b>starter</b> — a flat 19.00 a month, one seat, no usage.
 *   <li><b>pro</b> — 49.00 a month base, 12.00 per seat, API calls graduated: the first
 *       100,000 free, then 0.06 cents each up to 1,000,000, then 0.04 cents; a soft limit of
 *       1,000,000 calls and at most 50 seats.
 *   <li><b>enterprise</b> — a 1,500.00 base meant to be replaced by a custom price, API calls
 *       on volume tiers (0.05 cents each up to 1,000,000, 0.03 up to 10,000,000, 0.02
 *       beyond) and storage at 10 cents per GB-month (the month's maximum).
 * </ul>
 */
public final class SeedCatalog {
  public static final String API_CALLS = "api_calls";
  public static final String STORAGE_GB = "storage_gb";
  public static final String STARTER = "starter";
  public static final String PRO = "pro";
  public static final String ENTERPRISE = "enterprise";

  private SeedCatalog() {}

  /** The seed catalog with prices in {@code currencyCode} (amounts are the same figures in any currency). */
  public static Catalog create(String currencyCode) {
    return create(currencyCode, new String[0]);
  }

  /**
   * The seed catalog with every plan sold in {@code currencyCode} first and in each of
   * {@code otherCurrencyCodes} too, at the same figures in each: an organization is billed in
   * its own currency.
   */
  public static Catalog create(String currencyCode, String... otherCurrencyCodes) {
    Set<String> codes = new LinkedHashSet<>();
    codes.add(Money.currency(currencyCode).getCurrencyCode());
    for (String other : otherCurrencyCodes) {
      InvalidRequestException.require(codes.add(Money.currency(other).getCurrencyCode()), "currency",
          "must be listed once; " + other + " repeats");
    }
    Plan.Builder starter = Plan.builder(STARTER, 1).name("Starter").monthly().trialDays(14)
        .feature("basic_reports")
        .seatLimit(1);
    Plan.Builder pro = Plan.builder(PRO, 1).name("Pro").monthly().trialDays(14)
        .feature("basic_reports").feature("advanced_reports").feature("api_access")
        .limit(API_CALLS, new BigDecimal("1000000"), Enforcement.SOFT)
        .seatLimit(50);
    Plan.Builder enterprise = Plan.builder(ENTERPRISE, 1).name("Enterprise").monthly().trialDays(30)
        .feature("basic_reports").feature("advanced_reports").feature("api_access").feature("sso")
        .feature("audit_log");
    for (String code : codes) {
      starter.pricesIn(code, p -> p.flatFee("base", "Starter plan", Money.ofMajor("19.00", code)));
      pro.pricesIn(code, p -> p.flatFee("base", "Pro base fee", Money.ofMajor("49.00", code))
          .perSeat("seats", "Seats", PricingModel.perUnit("1200"), 0)
          .metered(API_CALLS, "API calls", API_CALLS, PricingModel.graduated(
              Tier.upTo(100_000, "0"), Tier.upTo(1_000_000, "0.06"), Tier.rest("0.04"))));
      enterprise.pricesIn(code, p -> p.flatFee("base", "Enterprise platform fee", Money.ofMajor("1500.00", code))
          .metered(API_CALLS, "API calls", API_CALLS, PricingModel.volume(
              Tier.upTo(1_000_000, "0.05"), Tier.upTo(10_000_000, "0.03"), Tier.rest("0.02")))
          .metered(STORAGE_GB, "Storage", STORAGE_GB, PricingModel.perUnit("10")));
    }
    return Catalog.builder()
        .meter(new Meter(API_CALLS, "API calls", "call", Aggregation.SUM))
        .meter(new Meter(STORAGE_GB, "Storage", "GB", Aggregation.MAX))
        .plan(starter.build())
        .plan(pro.build())
        .plan(enterprise.build())
        .build();
  }
}
