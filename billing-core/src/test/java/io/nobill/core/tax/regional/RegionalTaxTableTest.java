package io.nobill.core.tax.regional;

import io.nobill.core.tax.*;


import io.nobill.core.tax.regional.RegionalTaxTable;import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.money.CurrencyMismatchException;
import io.nobill.core.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegionalTaxTableTest {
  private static final Instant JAN_2026 = Instant.parse("2026-01-01T00:00:00Z");
  private static final RegionalTaxTable GERMAN_SELLER = RegionalTaxTable.builder().sellerCountry("DE").build();

  private static TaxProfile business(String country, String taxId) {
    return new TaxProfile(country, Optional.empty(), Optional.of(taxId), false);
  }

  private static TaxProfile inRegion(String region) {
    return new TaxProfile(region.substring(0, 2), Optional.of(region), Optional.empty(), false);
  }

  private static TaxRequest exclusive(TaxProfile buyer, Instant at, Money... amounts) {
    return new TaxRequest(buyer, at, TaxBehavior.EXCLUSIVE, Arrays.asList(amounts));
  }

  private static TaxRequest inclusive(TaxProfile buyer, Instant at, Money... amounts) {
    return new TaxRequest(buyer, at, TaxBehavior.INCLUSIVE, Arrays.asList(amounts));
  }

  private static Money eur(String major) {
    return Money.ofMajor(major, "EUR");
  }

  private static TaxLine only(List<TaxLine> lines) {
    assertThat(lines).hasSize(1);
    return lines.get(0);
  }

  private static void assertLine(TaxLine line, String name, String jurisdiction, String percent, Money taxable, Money tax) {
    assertThat(line.rate().name()).isEqualTo(name);
    assertThat(line.rate().jurisdiction()).isEqualTo(jurisdiction);
    assertThat(line.rate().percent()).isEqualByComparingTo(percent);
    assertThat(line.taxableAmount()).isEqualTo(taxable);
    assertThat(line.tax()).isEqualTo(tax);
  }

  // --- EU VAT ---

  @Test
  void aGermanConsumerPaysGermanVat() {
    TaxLine line = only(GERMAN_SELLER.calculate(exclusive(TaxProfile.consumer("DE"), JAN_2026, eur("100.00"))));
    assertLine(line, "VAT", "DE", "19", eur("100.00"), eur("19.00"));
    assertThat(line.rate().note()).isEmpty();
  }

  @Test
  void aFrenchBusinessBuyingFromGermanyIsReverseCharged() {
    TaxLine line = only(GERMAN_SELLER.calculate(
        exclusive(business("FR", "FR40303265045"), JAN_2026, eur("60.00"), eur("40.00"))));
    assertLine(line, "VAT", "FR", "0", eur("100.00"), eur("0.00"));
    assertThat(line.rate().note()).isEqualTo(RegionalTaxTable.REVERSE_CHARGE_NOTE)
        .isEqualTo("Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC)");
  }

  @Test
  void aReverseChargedInclusivePriceKeepsTheWholeGrossAsTaxable() {
    TaxLine line = only(GERMAN_SELLER.calculate(inclusive(business("AT", "ATU12345678"), JAN_2026, eur("120.00"))));
    assertLine(line, "VAT", "AT", "0", eur("120.00"), eur("0.00"));
  }

  @Test
  void aGermanBusinessBuyingFromGermanyPaysGermanVat() {
    TaxLine line = only(GERMAN_SELLER.calculate(exclusive(business("DE", "DE123456789"), JAN_2026, eur("100.00"))));
    assertLine(line, "VAT", "DE", "19", eur("100.00"), eur("19.00"));
    assertThat(line.rate().note()).isEmpty();
  }

  @Test
  void aConsumerInAnotherMemberStatePaysTheirOwnCountrysVat() {
    TaxLine line = only(GERMAN_SELLER.calculate(exclusive(TaxProfile.consumer("HU"), JAN_2026, eur("100.00"))));
    assertLine(line, "VAT", "HU", "27", eur("100.00"), eur("27.00"));
  }

  @Test
  void aSellerOutsideTheEuReverseChargesBusinessesAndChargesConsumersTheirCountrysVat() {
    RegionalTaxTable american = RegionalTaxTable.builder().sellerCountry("US").build();
    TaxLine business = only(american.calculate(exclusive(business("IE", "IE6388047V"), JAN_2026, eur("100.00"))));
    assertLine(business, "VAT", "IE", "0", eur("100.00"), eur("0.00"));
    assertThat(business.rate().note()).isEqualTo(RegionalTaxTable.REVERSE_CHARGE_NOTE);

    TaxLine consumer = only(american.calculate(exclusive(TaxProfile.consumer("IE"), JAN_2026, eur("100.00"))));
    assertLine(consumer, "VAT", "IE", "23", eur("100.00"), eur("23.00"));
  }

  @Test
  void finlandChargesTwentyFourPercentUntilAugust2024AndTwentyFivePointFiveFromSeptember() {
    TaxLine before = only(GERMAN_SELLER.calculate(
        exclusive(TaxProfile.consumer("FI"), Instant.parse("2024-08-31T23:59:59Z"), eur("100.00"))));
    TaxLine after = only(GERMAN_SELLER.calculate(
        exclusive(TaxProfile.consumer("FI"), Instant.parse("2024-09-01T00:00:00Z"), eur("100.00"))));
    assertLine(before, "VAT", "FI", "24", eur("100.00"), eur("24.00"));
    assertLine(after, "VAT", "FI", "25.5", eur("100.00"), eur("25.50"));
  }

  @Test
  void theTaxDateIsReadAsAUtcDate() {
    // 01:30 on 1 September in Helsinki (UTC+3) is still 31 August in UTC: the old rate.
    Instant septemberInHelsinki = OffsetDateTime.parse("2024-09-01T01:30:00+03:00").toInstant();
    Instant earlySeptemberUtc = Instant.parse("2024-09-01T00:30:00Z");
    assertThat(only(GERMAN_SELLER.calculate(exclusive(TaxProfile.consumer("FI"), septemberInHelsinki, eur("100.00"))))
        .tax()).isEqualTo(eur("24.00"));
    assertThat(only(GERMAN_SELLER.calculate(exclusive(TaxProfile.consumer("FI"), earlySeptemberUtc, eur("100.00"))))
        .tax()).isEqualTo(eur("25.50"));
  }

  @ParameterizedTest(name = "{0} on {1}: {2}%")
  @CsvSource({
      "EE, 2023-12-31, 20", "EE, 2024-01-01, 22", "EE, 2025-06-30, 22", "EE, 2025-07-01, 24",
      "SK, 2024-12-31, 20", "SK, 2025-01-01, 23",
      "RO, 2025-07-31, 19", "RO, 2025-08-01, 21",
      "DE, 2020-06-30, 19", "DE, 2020-07-01, 16", "DE, 2020-12-31, 16", "DE, 2021-01-01, 19",
      "IE, 2020-08-31, 23", "IE, 2020-09-01, 21", "IE, 2021-02-28, 21", "IE, 2021-03-01, 23",
      "LU, 2022-12-31, 17", "LU, 2023-01-01, 16", "LU, 2024-01-01, 17",
      "FI, 2020-01-01, 24",
  })
  void datedRateChangesApplyFromTheirFirstDay(String country, String day, String percent) {
    TaxLine line = only(GERMAN_SELLER.calculate(
        exclusive(TaxProfile.consumer(country), Instant.parse(day + "T12:00:00Z"), eur("100.00"))));
    assertLine(line, "VAT", country, percent, eur("100.00"), eur(percent.length() == 2 ? percent + ".00" : percent));
  }

  @ParameterizedTest(name = "{0}: {1}%")
  @CsvSource({
      "AT, 20", "BE, 21", "BG, 20", "CY, 19", "CZ, 21", "DE, 19", "DK, 25", "EE, 24", "ES, 21",
      "FI, 25.5", "FR, 20", "GR, 24", "HR, 25", "HU, 27", "IE, 23", "IT, 22", "LT, 21", "LU, 17",
      "LV, 21", "MT, 18", "NL, 21", "PL, 23", "PT, 23", "RO, 21", "SE, 25", "SI, 22", "SK, 23",
  })
  void everyMemberStateHasAStandardRateOnNewYear2026(String country, String percent) {
    TaxLine line = only(GERMAN_SELLER.calculate(exclusive(TaxProfile.consumer(country), JAN_2026, eur("100.00"))));
    assertThat(line.rate().name()).isEqualTo("VAT");
    assertThat(line.rate().jurisdiction()).isEqualTo(country);
    assertThat(line.rate().percent()).isEqualByComparingTo(percent);
  }

  @Test
  void theMemberStateListHasTwentySevenIsoCodesWithGreeceAsGr() {
    assertThat(RegionalTaxTable.EU_MEMBER_STATES).hasSize(27).contains("GR").doesNotContain("EL", "GB");
  }

  @Test
  void aDatedRateBeforeTheTableStartsIsRejectedNamingTheTaxDate() {
    assertThatThrownBy(() -> GERMAN_SELLER.calculate(
        exclusive(TaxProfile.consumer("FR"), Instant.parse("2019-12-31T23:59:59Z"), eur("100.00"))))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("taxDate"));
  }

  // --- US sales tax ---

  @Test
  void aConfiguredUsStateChargesItsRate() {
    RegionalTaxTable table = RegionalTaxTable.builder().sellerCountry("US").usStateRate("US-CA", "7.25").build();
    TaxLine line = only(table.calculate(exclusive(inRegion("US-CA"), JAN_2026, Money.ofMajor("19.99", "USD"))));
    assertLine(line, "Sales tax", "US-CA", "7.25", Money.ofMajor("19.99", "USD"), Money.ofMajor("1.45", "USD"));
  }

  @Test
  void anUnconfiguredStateAZeroRatedStateOrNoStateChargeNothing() {
    RegionalTaxTable table = RegionalTaxTable.builder().sellerCountry("US")
        .usStateRate("US-CA", "7.25").usStateRate("US-OR", "0").build();
    Money price = Money.ofMajor("19.99", "USD");
    assertThat(table.calculate(exclusive(inRegion("US-TX"), JAN_2026, price))).isEmpty();
    assertThat(table.calculate(exclusive(inRegion("US-OR"), JAN_2026, price))).isEmpty();
    assertThat(table.calculate(exclusive(TaxProfile.consumer("US"), JAN_2026, price))).isEmpty();
  }

  @Test
  void usRatesAreConfigurationAndApplyOnAnyDate() {
    RegionalTaxTable table = RegionalTaxTable.builder().sellerCountry("US").usStateRate("US-NJ", "6.625").build();
    TaxLine line = only(table.calculate(
        exclusive(inRegion("US-NJ"), Instant.parse("2015-03-01T00:00:00Z"), Money.ofMajor("100.00", "USD"))));
    assertThat(line.tax()).isEqualTo(Money.ofMajor("6.63", "USD")); // 6.625 rounds half up
  }

  // --- GST, HST, PST ---

  @Test
  void anAustralianInclusivePriceHasItsGstCarvedOut() {
    TaxLine line = only(GERMAN_SELLER.calculate(
        inclusive(TaxProfile.consumer("AU"), JAN_2026, Money.ofMajor("110.00", "AUD"))));
    assertLine(line, "GST", "AU", "10", Money.ofMajor("100.00", "AUD"), Money.ofMajor("10.00", "AUD"));
  }

  @Test
  void newZealandAndIndiaChargeTheirGst() {
    assertLine(only(GERMAN_SELLER.calculate(exclusive(TaxProfile.consumer("NZ"), JAN_2026, Money.ofMajor("100.00", "NZD")))),
        "GST", "NZ", "15", Money.ofMajor("100.00", "NZD"), Money.ofMajor("15.00", "NZD"));
    assertLine(only(GERMAN_SELLER.calculate(exclusive(TaxProfile.consumer("IN"), JAN_2026, Money.ofMajor("100.00", "INR")))),
        "GST", "IN", "18", Money.ofMajor("100.00", "INR"), Money.ofMajor("18.00", "INR"));
  }

  @Test
  void quebecAddsQstToGstOnTheSameNetAmount() {
    Money cad100 = Money.ofMajor("100.00", "CAD");
    List<TaxLine> lines = GERMAN_SELLER.calculate(exclusive(inRegion("CA-QC"), JAN_2026, cad100));
    assertThat(lines).hasSize(2);
    assertLine(lines.get(0), "GST", "CA", "5", cad100, Money.ofMajor("5.00", "CAD"));
    assertLine(lines.get(1), "QST", "CA-QC", "9.975", cad100, Money.ofMajor("9.98", "CAD")); // 9.975 half up
  }

  @Test
  void anInclusiveQuebecPriceCarvesOutBothTaxesAtOnceAndSplitsThemExactly() {
    // 100.00 × 14.975 / 114.975 = 13.0245… → 13.02, split 5 : 9.975 → 4.35 + 8.67.
    List<TaxLine> lines = GERMAN_SELLER.calculate(inclusive(inRegion("CA-QC"), JAN_2026, Money.ofMajor("100.00", "CAD")));
    Money net = Money.ofMajor("86.98", "CAD");
    assertThat(lines).hasSize(2);
    assertLine(lines.get(0), "GST", "CA", "5", net, Money.ofMajor("4.35", "CAD"));
    assertLine(lines.get(1), "QST", "CA-QC", "9.975", net, Money.ofMajor("8.67", "CAD"));
    assertThat(net.plus(lines.get(0).tax()).plus(lines.get(1).tax())).isEqualTo(Money.ofMajor("100.00", "CAD"));

    List<TaxLine> round = GERMAN_SELLER.calculate(inclusive(inRegion("CA-QC"), JAN_2026, Money.ofMajor("114.98", "CAD")));
    assertLine(round.get(0), "GST", "CA", "5", Money.ofMajor("100.00", "CAD"), Money.ofMajor("5.00", "CAD"));
    assertLine(round.get(1), "QST", "CA-QC", "9.975", Money.ofMajor("100.00", "CAD"), Money.ofMajor("9.98", "CAD"));
  }

  @Test
  void ontarioChargesOneHstLineInsteadOfGst() {
    Money cad100 = Money.ofMajor("100.00", "CAD");
    assertLine(only(GERMAN_SELLER.calculate(exclusive(inRegion("CA-ON"), JAN_2026, cad100))),
        "HST", "CA-ON", "13", cad100, Money.ofMajor("13.00", "CAD"));
  }

  @Test
  void novaScotiaHstDroppedToFourteenPercentOnFirstApril2025() {
    Money cad100 = Money.ofMajor("100.00", "CAD");
    assertThat(only(GERMAN_SELLER.calculate(exclusive(inRegion("CA-NS"), Instant.parse("2025-03-31T12:00:00Z"), cad100)))
        .tax()).isEqualTo(Money.ofMajor("15.00", "CAD"));
    assertThat(only(GERMAN_SELLER.calculate(exclusive(inRegion("CA-NS"), Instant.parse("2025-04-01T00:00:00Z"), cad100)))
        .tax()).isEqualTo(Money.ofMajor("14.00", "CAD"));
  }

  @ParameterizedTest(name = "{0}: {1} {2}%")
  @CsvSource({"CA-BC, PST, 7", "CA-MB, RST, 7", "CA-SK, PST, 6"})
  void provincesWithTheirOwnSalesTaxAddItToGst(String region, String name, String percent) {
    List<TaxLine> lines = GERMAN_SELLER.calculate(exclusive(inRegion(region), JAN_2026, Money.ofMajor("100.00", "CAD")));
    assertThat(lines).hasSize(2);
    assertLine(lines.get(0), "GST", "CA", "5", Money.ofMajor("100.00", "CAD"), Money.ofMajor("5.00", "CAD"));
    assertLine(lines.get(1), name, region, percent, Money.ofMajor("100.00", "CAD"), Money.ofMajor(percent, "CAD"));
  }

  @Test
  void aCanadianBuyerWithoutAProvinceTaxedOnlyFederallyPaysGst() {
    Money cad100 = Money.ofMajor("100.00", "CAD");
    assertLine(only(GERMAN_SELLER.calculate(exclusive(TaxProfile.consumer("CA"), JAN_2026, cad100))),
        "GST", "CA", "5", cad100, Money.ofMajor("5.00", "CAD"));
    assertLine(only(GERMAN_SELLER.calculate(exclusive(inRegion("CA-AB"), JAN_2026, cad100))),
        "GST", "CA", "5", cad100, Money.ofMajor("5.00", "CAD"));
  }

  // --- No tax ---

  @Test
  void anExemptBuyerPaysNoTax() {
    TaxProfile charity = new TaxProfile("DE", Optional.empty(), Optional.empty(), true);
    assertThat(GERMAN_SELLER.calculate(exclusive(charity, JAN_2026, eur("100.00")))).isEmpty();
  }

  /** With its certificate known, the exempt buyer's invoice carries one 0% line naming it, also on a credit. */
  @Test
  void anExemptBuyerWithACertificateGetsOneZeroLineNamingIt() {
    TaxProfile reseller = new TaxProfile("US", Optional.of("US-CA"), Optional.empty(), true, Optional.of("CA-RESALE-0042"));
    RegionalTaxTable table = RegionalTaxTable.builder().sellerCountry("US").usStateRate("US-CA", "7.25").build();
    TaxLine line = only(table.calculate(exclusive(reseller, JAN_2026, Money.ofMajor("100.00", "USD"))));
    assertLine(line, RegionalTaxTable.EXEMPT, "US-CA", "0", Money.ofMajor("100.00", "USD"), Money.ofMajor("0.00", "USD"));
    assertThat(line.rate().note()).isEqualTo("Exempt from tax: exemption certificate CA-RESALE-0042");
    TaxLine inclusive = only(table.calculate(inclusive(reseller, JAN_2026, Money.ofMajor("100.00", "USD"))));
    assertThat(inclusive.tax()).isEqualTo(Money.ofMajor("0.00", "USD"));
    TaxLine credit = only(table.calculate(exclusive(reseller, JAN_2026, Money.ofMajor("-5.00", "USD"))));
    assertThat(credit.taxableAmount()).isEqualTo(Money.ofMajor("-5.00", "USD"));
    assertThat(credit.tax()).isEqualTo(Money.ofMajor("0.00", "USD"));
  }

  @Test
  void aCertificateIsOnlyForAnExemptBuyer() {
    assertThatThrownBy(() -> new TaxProfile("US", Optional.empty(), Optional.empty(), false, Optional.of("C-1")))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("exemptionCertificate"));
    assertThatThrownBy(() -> new TaxProfile("US", Optional.empty(), Optional.empty(), true, Optional.of(" C-1")))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("exemptionCertificate"));
  }

  /** Every rate outside the EU names its public source on its own row. */
  @Test
  void everyGstAndUkRateNamesItsSource() throws java.io.IOException {
    try (var in = RegionalTaxTable.class.getResourceAsStream("gst-rates.csv")) {
      List<String> rows = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
      assertThat(rows.get(0)).isEqualTo("jurisdiction,name,percent,valid_from,source");
      assertThat(rows.subList(1, rows.size())).isNotEmpty().allSatisfy(row -> {
        String[] cells = row.split(",", -1);
        assertThat(cells).hasSize(5);
        assertThat(cells[4]).as(row).isNotBlank();
      });
    }
  }

  // --- UK VAT ---

  @Test
  void ukConsumersAndUkBusinessesOfAUkSellerPayTwentyPercent() {
    Money gbp = Money.ofMajor("100.00", "GBP");
    assertLine(only(GERMAN_SELLER.calculate(exclusive(TaxProfile.consumer("GB"), JAN_2026, gbp))), "VAT", "GB", "20", gbp,
        Money.ofMajor("20.00", "GBP"));
    RegionalTaxTable british = RegionalTaxTable.builder().sellerCountry("GB").build();
    assertLine(only(british.calculate(exclusive(business("GB", "GB123456789"), JAN_2026, gbp))), "VAT", "GB", "20", gbp,
        Money.ofMajor("20.00", "GBP"));
    // Inclusive: 120.00 holds 20.00 of VAT.
    assertLine(only(british.calculate(inclusive(TaxProfile.consumer("GB"), JAN_2026, Money.ofMajor("120.00", "GBP")))),
        "VAT", "GB", "20", gbp, Money.ofMajor("20.00", "GBP"));
  }

  @Test
  void aUkBusinessOfASellerOutsideTheUkIsReverseCharged() {
    for (String seller : List.of("DE", "US")) {
      TaxLine line = only(RegionalTaxTable.builder().sellerCountry(seller).build()
          .calculate(exclusive(business("GB", "GB123456789"), JAN_2026, Money.ofMajor("100.00", "GBP"))));
      assertLine(line, "VAT", "GB", "0", Money.ofMajor("100.00", "GBP"), Money.ofMajor("0.00", "GBP"));
      assertThat(line.rate().note()).isEqualTo(RegionalTaxTable.UK_REVERSE_CHARGE_NOTE);
    }
  }

  @Test
  void countriesTheTableDoesNotCoverGetNoLines() {
    assertThat(GERMAN_SELLER.calculate(exclusive(TaxProfile.consumer("JP"), JAN_2026, Money.of(1000, "JPY")))).isEmpty();
    assertThat(GERMAN_SELLER.calculate(exclusive(TaxProfile.consumer("CH"), JAN_2026, Money.ofMajor("100.00", "CHF"))))
        .isEmpty();
  }

  @Test
  void anInvoiceWithoutAmountsHasNoLines() {
    assertThat(GERMAN_SELLER.calculate(exclusive(TaxProfile.consumer("DE"), JAN_2026))).isEmpty();
  }

  // --- Rounding and sums ---

  @Test
  void aCurrencyWithoutMinorDigitsRoundsToWholeUnits() {
    // JPY 1005 × 19% = 190.95 → 191.
    TaxLine line = only(GERMAN_SELLER.calculate(exclusive(TaxProfile.consumer("DE"), JAN_2026, Money.of(1005, "JPY"))));
    assertThat(line.tax()).isEqualTo(Money.of(191, "JPY"));
  }

  @Test
  void taxIsRoundedOnceOnTheInvoiceNotPerLine() {
    // Per line 0.03 × 19% = 0.0057 → 0.01, three times 0.03; on the sum 0.09 × 19% = 0.0171 → 0.02.
    TaxLine line = only(GERMAN_SELLER.calculate(
        exclusive(TaxProfile.consumer("DE"), JAN_2026, eur("0.03"), eur("0.03"), eur("0.03"))));
    assertThat(line.tax()).isEqualTo(eur("0.02"));
  }

  @Test
  void aNegativeDiscountLineReducesTheTaxableSum() {
    TaxLine line = only(GERMAN_SELLER.calculate(
        exclusive(TaxProfile.consumer("DE"), JAN_2026, eur("100.00"), eur("50.00"), eur("-30.00"))));
    assertLine(line, "VAT", "DE", "19", eur("120.00"), eur("22.80"));
  }

  @Test
  void aZeroOrNegativeSumStillNamesTheRateWithZeroTax() {
    assertLine(only(GERMAN_SELLER.calculate(exclusive(TaxProfile.consumer("DE"), JAN_2026, eur("10.00"), eur("-10.00")))),
        "VAT", "DE", "19", eur("0.00"), eur("0.00"));
    assertLine(only(GERMAN_SELLER.calculate(exclusive(TaxProfile.consumer("DE"), JAN_2026, eur("10.00"), eur("-15.00")))),
        "VAT", "DE", "19", eur("-5.00"), eur("0.00"));
    List<TaxLine> quebec = GERMAN_SELLER.calculate(inclusive(inRegion("CA-QC"), JAN_2026, Money.ofMajor("-5.00", "CAD")));
    assertThat(quebec).extracting(TaxLine::tax).containsExactly(Money.zero(Money.currency("CAD")), Money.zero(Money.currency("CAD")));
    assertThat(quebec).extracting(TaxLine::taxableAmount).containsOnly(Money.ofMajor("-5.00", "CAD"));
  }

  @Test
  void amountsInDifferentCurrenciesDoNotMix() {
    assertThatThrownBy(() -> GERMAN_SELLER.calculate(
        exclusive(TaxProfile.consumer("DE"), JAN_2026, eur("1.00"), Money.ofMajor("1.00", "USD"))))
        .isInstanceOf(CurrencyMismatchException.class);
  }

  @Test
  void theLinesCannotBeModified() {
    List<TaxLine> lines = GERMAN_SELLER.calculate(exclusive(inRegion("CA-QC"), JAN_2026, Money.ofMajor("1.00", "CAD")));
    assertThatThrownBy(lines::clear).isInstanceOf(UnsupportedOperationException.class);
  }

  // --- Builder ---

  @Test
  void theSellerCountryIsRequired() {
    assertThatThrownBy(() -> RegionalTaxTable.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("sellerCountry");
  }

  @Test
  void theSellerCountryIsSetOnce() {
    RegionalTaxTable.Builder builder = RegionalTaxTable.builder().sellerCountry("DE");
    assertThatThrownBy(() -> builder.sellerCountry("FR"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("sellerCountry");
  }

  @ParameterizedTest
  @ValueSource(strings = {"XX", "de", "DEU", "", "EL"})
  void aSellerCountryMustBeAnIsoCode(String country) {
    assertThatThrownBy(() -> RegionalTaxTable.builder().sellerCountry(country))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sellerCountry");
  }

  @ParameterizedTest
  @ValueSource(strings = {"CA-ON", "US-XX", "US-PR", "US", "CA", "us-ca", "US-CA "})
  void aUsRateNeedsAUsState(String region) {
    assertThatThrownBy(() -> RegionalTaxTable.builder().usStateRate(region, "5"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("region");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "100.01", "101", "abc", "", "7,25", "7.25555", "1e2", " 5"})
  void aUsRateMustBeAPercentBetweenZeroAndAHundred(String percent) {
    assertThatThrownBy(() -> RegionalTaxTable.builder().usStateRate("US-CA", percent))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("percent");
  }

  @Test
  void theEdgesOfTheUsRateRangeAreAccepted() {
    RegionalTaxTable table = RegionalTaxTable.builder().sellerCountry("US")
        .usStateRate("US-DC", "100").usStateRate("US-NY", "0.0001").build();
    assertThat(only(table.calculate(exclusive(inRegion("US-DC"), JAN_2026, Money.ofMajor("2.50", "USD")))).tax())
        .isEqualTo(Money.ofMajor("2.50", "USD"));
  }

  @Test
  void aUsStateRateIsSetOnce() {
    RegionalTaxTable.Builder builder = RegionalTaxTable.builder().usStateRate("US-CA", "7.25");
    assertThatThrownBy(() -> builder.usStateRate("US-CA", "7.5"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("US-CA");
  }

  @Test
  void nullsAreRejectedNamingTheArgument() {
    assertThatThrownBy(() -> RegionalTaxTable.builder().sellerCountry(null))
        .isInstanceOf(NullPointerException.class).hasMessage("sellerCountry");
    assertThatThrownBy(() -> RegionalTaxTable.builder().usStateRate(null, "1"))
        .isInstanceOf(NullPointerException.class).hasMessage("region");
    assertThatThrownBy(() -> RegionalTaxTable.builder().usStateRate("US-CA", null))
        .isInstanceOf(NullPointerException.class).hasMessage("percent");
    assertThatThrownBy(() -> GERMAN_SELLER.calculate(null))
        .isInstanceOf(NullPointerException.class).hasMessage("request");
  }

  @Test
  void theRatesCarryExactDecimalsFromTheData() {
    TaxLine line = only(GERMAN_SELLER.calculate(exclusive(TaxProfile.consumer("FI"), JAN_2026, eur("1.00"))));
    assertThat(line.rate().percent()).isEqualTo(new BigDecimal("25.5"));
    assertThat(line.rate().fraction()).isEqualByComparingTo("0.255");
  }
}
