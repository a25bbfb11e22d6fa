package io.nobill.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.money.Money;
import java.util.Currency;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A plan version sold in several currencies: every currency prices the same things; only amounts differ. */
class MultiCurrencyPlanTest {
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Currency USD = Currency.getInstance("USD");

  private static Consumer<InvalidRequestException> names(String field, String... ruleParts) {
    return e -> {
      assertThat(e.field()).isEqualTo(field);
      for (String part : ruleParts) {
        assertThat(e.rule()).contains(part);
      }
    };
  }

  private static Plan.Builder pro() {
    return Plan.builder("pro", 1).name("Pro").monthly()
        .pricesIn("EUR", p -> p.flatFee("base", "Base", Money.ofMajor("49.00", "EUR"))
            .perSeat("seats", "Seats", PricingModel.perUnit("1200"), 1)
            .metered("calls", "Calls", "api_calls", PricingModel.graduated(Tier.upTo(1000, "0"), Tier.rest("1"))));
  }

  @Test
  void aPlanSoldInTwoCurrenciesGivesEachItsOwnPrices() {
    Plan plan = pro().pricesIn("USD", p -> p.flatFee("base", "Base", Money.ofMajor("55.00", "USD"))
        .perSeat("seats", "Seats", PricingModel.perUnit("1300"), 1)
        .metered("calls", "Calls", "api_calls", PricingModel.graduated(Tier.upTo(1000, "0"), Tier.rest("2")))).build();
    assertThat(plan.currency()).isEqualTo(EUR);
    assertThat(plan.currencies()).containsExactly(EUR, USD);
    assertThat(plan.sells(USD)).isTrue();
    assertThat(plan.sells(Currency.getInstance("GBP"))).isFalse();
    Plan usd = plan.in(USD);
    assertThat(usd.ref()).isEqualTo(plan.ref());
    assertThat(usd.currency()).isEqualTo(USD);
    assertThat(usd.price("base")).contains(new Price.FlatFee("base", "Base", Money.ofMajor("55.00", "USD"), BillingTiming.IN_ADVANCE));
    assertThat(usd.pricedMeters()).isEqualTo(plan.pricedMeters());
    assertThat(usd.currencies()).containsExactlyInAnyOrder(EUR, USD);
    assertThat(usd.in(EUR)).isEqualTo(plan);
    assertThat(plan.in(EUR)).isSameAs(plan);
    assertThatThrownBy(() -> plan.in(Currency.getInstance("GBP")))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("currency", "pro@1", "[EUR, USD]", "GBP"));
  }

  @Test
  void theSingleCurrencyBuilderIsUnchanged() {
    Plan classic = Plan.builder("pro", 1).name("Pro").currency("EUR").monthly()
        .flatFee("base", "Base", Money.ofMajor("49.00", "EUR")).build();
    Plan same = Plan.builder("pro", 1).name("Pro").monthly()
        .pricesIn("EUR", p -> p.flatFee("base", "Base", Money.ofMajor("49.00", "EUR"))).build();
    assertThat(same).isEqualTo(classic);
    assertThat(classic.otherPrices()).isEmpty();
    assertThat(classic.currencies()).containsExactly(EUR);
    assertThat(SeedCatalog.create("EUR")).usingRecursiveComparison().isEqualTo(SeedCatalog.create("EUR", new String[0]));
  }

  @Test
  void everyCurrencyMustPriceWhatTheFirstPrices() {
    assertThatThrownBy(() -> pro().pricesIn("USD", p -> p.flatFee("base", "Base", Money.ofMajor("55.00", "USD"))
        .perSeat("seats", "Seats", PricingModel.perUnit("1300"), 1)).build())
        .isInstanceOfSatisfying(InvalidRequestException.class, names("prices", "'calls'", "in USD as in EUR"));
    assertThatThrownBy(() -> pro().pricesIn("USD", p -> p.flatFee("base", "Base", Money.ofMajor("55.00", "USD"))
        .perSeat("seats", "Seats", PricingModel.perUnit("1300"), 1)
        .metered("calls", "Calls", "api_calls", PricingModel.graduated(Tier.upTo(1000, "0"), Tier.rest("2")))
        .flatFee("setup", "Setup", Money.ofMajor("5.00", "USD"))).build())
        .isInstanceOfSatisfying(InvalidRequestException.class, names("prices", "[setup]", "extra"));
  }

  @Test
  void componentsMustMatchAcrossCurrencies() {
    // Another kind under the same key.
    assertThatThrownBy(() -> pro().pricesIn("USD", p -> p.flatFee("base", "Base", Money.ofMajor("55.00", "USD"))
        .flatFee("seats", "Seats", Money.ofMajor("13.00", "USD"))
        .metered("calls", "Calls", "api_calls", PricingModel.graduated(Tier.upTo(1000, "0"), Tier.rest("2")))).build())
        .isInstanceOfSatisfying(InvalidRequestException.class, names("prices", "same kind", "'seats'"));
    // Other included seats.
    assertThatThrownBy(() -> pro().pricesIn("USD", p -> p.flatFee("base", "Base", Money.ofMajor("55.00", "USD"))
        .perSeat("seats", "Seats", PricingModel.perUnit("1300"), 2)
        .metered("calls", "Calls", "api_calls", PricingModel.graduated(Tier.upTo(1000, "0"), Tier.rest("2")))).build())
        .isInstanceOfSatisfying(InvalidRequestException.class, names("prices.includedSeats", "'seats'"));
    // Another meter.
    assertThatThrownBy(() -> pro().pricesIn("USD", p -> p.flatFee("base", "Base", Money.ofMajor("55.00", "USD"))
        .perSeat("seats", "Seats", PricingModel.perUnit("1300"), 1)
        .metered("calls", "Calls", "storage_gb", PricingModel.graduated(Tier.upTo(1000, "0"), Tier.rest("2")))).build())
        .isInstanceOfSatisfying(InvalidRequestException.class, names("prices.meter", "'calls'"));
    // Another pricing model.
    assertThatThrownBy(() -> pro().pricesIn("USD", p -> p.flatFee("base", "Base", Money.ofMajor("55.00", "USD"))
        .perSeat("seats", "Seats", PricingModel.perUnit("1300"), 1)
        .metered("calls", "Calls", "api_calls", PricingModel.volume(Tier.upTo(1000, "0"), Tier.rest("2")))).build())
        .isInstanceOfSatisfying(InvalidRequestException.class, names("prices.model", "'calls'"));
    // Other tier bounds.
    assertThatThrownBy(() -> pro().pricesIn("USD", p -> p.flatFee("base", "Base", Money.ofMajor("55.00", "USD"))
        .perSeat("seats", "Seats", PricingModel.perUnit("1300"), 1)
        .metered("calls", "Calls", "api_calls", PricingModel.graduated(Tier.upTo(2000, "0"), Tier.rest("2")))).build())
        .isInstanceOfSatisfying(InvalidRequestException.class, names("prices.tiers", "'calls'"));
    // A flat fee in another currency than the one it is listed under.
    assertThatThrownBy(() -> pro().pricesIn("USD", p -> p.flatFee("base", "Base", Money.ofMajor("55.00", "EUR"))
        .perSeat("seats", "Seats", PricingModel.perUnit("1300"), 1)
        .metered("calls", "Calls", "api_calls", PricingModel.graduated(Tier.upTo(1000, "0"), Tier.rest("2")))).build())
        .isInstanceOfSatisfying(InvalidRequestException.class, names("prices.amount", "USD"));
    // Packages of another size.
    assertThatThrownBy(() -> Plan.builder("p", 1).name("P").monthly()
        .pricesIn("EUR", p -> p.metered("calls", "Calls", "api_calls", PricingModel.packaged(100, "500", 0)))
        .pricesIn("USD", p -> p.metered("calls", "Calls", "api_calls", PricingModel.packaged(200, "500", 0))).build())
        .isInstanceOfSatisfying(InvalidRequestException.class, names("prices.model", "package size"));
  }

  @Test
  void aPlanWithoutAnyCurrencyIsRefused() {
    assertThatThrownBy(() -> Plan.builder("p", 1).name("P").monthly().build())
        .isInstanceOfSatisfying(InvalidRequestException.class, names("currency", "must be set"));
  }

  @Test
  void theSeedCatalogIsSoldInEveryCurrencyGiven() {
    Catalog catalog = SeedCatalog.create("EUR", "USD", "GBP");
    for (Plan plan : catalog.latestPlans()) {
      assertThat(plan.currencies()).extracting(Currency::getCurrencyCode).containsExactly("EUR", "GBP", "USD");
      assertThat(plan.in(USD).prices()).hasSameSizeAs(plan.prices());
    }
    assertThat(catalog.latest(SeedCatalog.PRO).orElseThrow().in(USD).price("base").orElseThrow())
        .isEqualTo(new Price.FlatFee("base", "Pro base fee", Money.ofMajor("49.00", "USD"), BillingTiming.IN_ADVANCE));
    assertThat(SeedCatalog.create("USD").latestPlans()).extracting(Plan::currencies).containsOnly(java.util.Set.of(USD));
    assertThatThrownBy(() -> SeedCatalog.create("EUR", "USD", "EUR"))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("currency", "EUR repeats"));
    assertThat(List.of(catalog.latest("pro").orElseThrow().currency())).containsExactly(EUR);
  }
}
