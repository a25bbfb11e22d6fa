package io.nobill.core.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.error.InvalidRequestException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Currency JPY = Currency.getInstance("JPY");
  private static final Currency KWD = Currency.getInstance("KWD");

  @Test
  void majorAmountsBecomeMinorUnitsByTheCurrencysDigits() {
    assertThat(Money.ofMajor("12.34", "EUR").minorUnits()).isEqualTo(1234);
    assertThat(Money.ofMajor("12", "EUR").minorUnits()).isEqualTo(1200);
    assertThat(Money.ofMajor("12.3", "EUR").minorUnits()).isEqualTo(1230);
    assertThat(Money.ofMajor("1234", "JPY").minorUnits()).isEqualTo(1234);
    assertThat(Money.ofMajor("1.234", "KWD").minorUnits()).isEqualTo(1234);
    assertThat(Money.ofMajor("-0.01", "EUR").minorUnits()).isEqualTo(-1);
    assertThat(Money.ofMajor("12.340", "EUR").minorUnits()).isEqualTo(1234);
  }

  @Test
  void textAndMajorFormShowTheCurrencysDigits() {
    assertThat(Money.of(1234, "EUR")).hasToString("EUR 12.34");
    assertThat(Money.of(5, "JPY")).hasToString("JPY 5");
    assertThat(Money.of(1, "KWD")).hasToString("KWD 0.001");
    assertThat(Money.of(-150, "EUR").toMajor()).isEqualByComparingTo("-1.50");
  }

  @ParameterizedTest(name = "\"{0}\" is not a plain decimal")
  @ValueSource(strings = {"1,2", "1e400", "1E2", "", " 5 ", " 5", "5 ", "+5", "1.", ".5", "1.2.3", "--1", "0x10", "NaN", "Infinity", "٣"})
  void malformedDecimalStringsAreRejectedNamingTheAmount(String text) {
    assertThatThrownBy(() -> Money.ofMajor(text, "EUR"))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("amount");
          assertThat(e.rule()).contains("plain decimal");
        });
  }

  @Test
  void moreFractionDigitsThanTheCurrencyHasAreRejectedNotRounded() {
    assertThatThrownBy(() -> Money.ofMajor("12.345", "EUR"))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("amount");
          assertThat(e.rule()).isEqualTo("must have at most 2 fraction digits in EUR");
        });
    assertThatThrownBy(() -> Money.ofMajor("1.5", "JPY")).hasMessageContaining("at most 0 fraction digits in JPY");
    assertThatThrownBy(() -> Money.ofMajor("1.2345", "KWD")).hasMessageContaining("at most 3 fraction digits in KWD");
  }

  @Test
  void amountsThatDoNotFitInMinorUnitsAreRejected() {
    assertThatThrownBy(() -> Money.ofMajor("92233720368547758.08", "EUR"))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("amount"))
        .hasMessageContaining("64-bit");
    assertThat(Money.ofMajor("92233720368547758.07", "EUR").minorUnits()).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> Money.ofMajor(new BigDecimal("1e400"), EUR))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("amount"));
    assertThatThrownBy(() -> Money.ofMajor("1".repeat(41), "EUR"))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.rule()).contains("at most 40 characters"));
  }

  @ParameterizedTest(name = "currency \"{0}\" is rejected")
  @ValueSource(strings = {"EURO", "eur", "", "XYZ", "E1R", "XAU", "XXX"})
  void unknownOrUnitlessCurrencyCodesAreRejectedNamingTheCurrency(String code) {
    assertThatThrownBy(() -> Money.ofMajor("1", code))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("currency"));
    assertThatThrownBy(() -> Money.of(1, code))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("currency"));
  }

  @Test
  void nullArgumentsAreRejectedByName() {
    assertThatThrownBy(() -> Money.ofMajor(null, "EUR")).isInstanceOf(NullPointerException.class).hasMessage("amount");
    assertThatThrownBy(() -> Money.ofMajor("1", null)).isInstanceOf(NullPointerException.class).hasMessage("currency");
    assertThatThrownBy(() -> Money.of(1, (Currency) null)).isInstanceOf(NullPointerException.class).hasMessage("currency");
    assertThatThrownBy(() -> Money.zero(null)).isInstanceOf(NullPointerException.class).hasMessage("currency");
    Money one = Money.of(1, EUR);
    assertThatThrownBy(() -> one.plus(null)).isInstanceOf(NullPointerException.class).hasMessage("other");
    assertThatThrownBy(() -> one.multiply(null, RoundingMode.HALF_UP)).isInstanceOf(NullPointerException.class).hasMessage("factor");
    assertThatThrownBy(() -> one.multiply(BigDecimal.ONE, null)).isInstanceOf(NullPointerException.class).hasMessage("roundingMode");
    assertThatThrownBy(() -> one.allocate((long[]) null)).isInstanceOf(NullPointerException.class).hasMessage("ratios");
  }

  @Test
  void arithmeticIsExact() {
    Money a = Money.ofMajor("0.10", "EUR");
    Money b = Money.ofMajor("0.20", "EUR");
    assertThat(a.plus(b)).isEqualTo(Money.ofMajor("0.30", "EUR"));
    assertThat(a.minus(b)).isEqualTo(Money.ofMajor("-0.10", "EUR"));
    assertThat(a.negate()).isEqualTo(Money.of(-10, EUR));
    assertThat(a.multiply(3)).isEqualTo(Money.of(30, EUR));
    assertThat(Money.zero(EUR).isZero()).isTrue();
    assertThat(b.isGreaterThan(a)).isTrue();
    assertThat(a.isLessThan(b)).isTrue();
    assertThat(a.negate().abs()).isEqualTo(a);
  }

  @Test
  void overflowThrowsInsteadOfWrapping() {
    Money max = Money.of(Long.MAX_VALUE, EUR);
    Money min = Money.of(Long.MIN_VALUE, EUR);
    assertThatThrownBy(() -> max.plus(Money.of(1, EUR))).isInstanceOf(InvalidRequestException.class).hasMessageContaining("64-bit");
    assertThatThrownBy(() -> min.minus(Money.of(1, EUR))).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(min::negate).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> max.multiply(2)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> max.multiply(new BigDecimal("1.5"), RoundingMode.HALF_UP))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("factor"));
    assertThatThrownBy(() -> Money.of(1, EUR).multiply(new BigDecimal("1e400"), RoundingMode.HALF_UP))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("factor"));
  }

  @Test
  void aFactorWithAbsurdPrecisionIsRejectedQuickly() {
    assertThatThrownBy(() -> Money.of(1, EUR).multiply(new BigDecimal("1e-1000000000"), RoundingMode.HALF_UP))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("factor");
          assertThat(e.rule()).contains("fraction digits");
        });
  }

  @Test
  void currenciesNeverMix() {
    Money eur = Money.of(100, EUR);
    Money usd = Money.of(100, "USD");
    assertThatThrownBy(() -> eur.plus(usd))
        .isInstanceOfSatisfying(CurrencyMismatchException.class, e -> {
          assertThat(e.expected()).isEqualTo(EUR);
          assertThat(e.actual().getCurrencyCode()).isEqualTo("USD");
          assertThat(e.field()).isEqualTo("other");
        })
        .hasMessage("other must be in EUR, was USD");
    assertThatThrownBy(() -> eur.minus(usd)).isInstanceOf(CurrencyMismatchException.class);
    assertThatThrownBy(() -> eur.compareTo(usd)).isInstanceOf(CurrencyMismatchException.class);
    assertThat(eur).isNotEqualTo(usd);
  }

  /** Golden rounding cases: each currency rounds to its own minor unit, with the mode asked for. */
  @ParameterizedTest(name = "{0} {1} x {2} {3} = {4}")
  @CsvSource({
      // currency, minor units, factor, mode, expected minor units
      "EUR, 1000, 0.19, HALF_UP, 190",
      "EUR, 5, 0.5, HALF_UP, 3",        // 2.5 cents → 3
      "EUR, 5, 0.5, HALF_EVEN, 2",      // 2.5 cents → 2 (banker's)
      "EUR, 5, 0.5, DOWN, 2",
      "EUR, -5, 0.5, HALF_UP, -3",      // half away from zero, symmetric for credits
      "EUR, 1999, 0.0825, HALF_UP, 165",// 164.9175 → 165
      "JPY, 100, 0.155, HALF_UP, 16",   // 15.5 yen → 16
      "JPY, 100, 0.154, HALF_UP, 15",
      "JPY, 1000, 0.1, HALF_UP, 100",
      "KWD, 1235, 0.5, HALF_UP, 618",   // 0.6175 KWD → 0.618
      "KWD, 1235, 0.5, HALF_EVEN, 618", // 617.5 fils → 618 (even)
      "KWD, 1233, 0.5, HALF_EVEN, 616", // 616.5 fils → 616 (even)
      "KWD, 1000, 0.0005, HALF_UP, 1",  // 0.5 fils → 1
  })
  void roundingGoldenCases(String code, long minor, String factor, RoundingMode mode, long expected) {
    assertThat(Money.of(minor, code).multiply(new BigDecimal(factor), mode).minorUnits()).isEqualTo(expected);
  }

  @Test
  void unnecessaryRoundingIsCheckedNotSilent() {
    assertThat(Money.of(100, EUR).multiply(new BigDecimal("0.5"), RoundingMode.UNNECESSARY)).isEqualTo(Money.of(50, EUR));
    assertThatThrownBy(() -> Money.of(101, EUR).multiply(new BigDecimal("0.5"), RoundingMode.UNNECESSARY))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("roundingMode"));
  }

  @Test
  void allocationNeverLosesAMinorUnit() {
    assertThat(Money.of(1234, EUR).allocate(1, 1, 1)).extracting(Money::minorUnits).containsExactly(412L, 411L, 411L);
    assertThat(Money.of(100, EUR).allocate(3)).extracting(Money::minorUnits).containsExactly(34L, 33L, 33L);
    // Largest remainder: 5 split 1:1:2 is 1.25, 1.25, 2.5 → the half goes to the largest remainder (the third).
    assertThat(Money.of(5, EUR).allocate(1, 1, 2)).extracting(Money::minorUnits).containsExactly(1L, 1L, 3L);
    assertThat(Money.of(-100, EUR).allocate(1, 2)).extracting(Money::minorUnits).containsExactly(-33L, -67L);
    assertThat(Money.of(7, JPY).allocate(0, 1)).extracting(Money::minorUnits).containsExactly(0L, 7L);
    assertThat(Money.of(Long.MAX_VALUE, EUR).allocate(Long.MAX_VALUE, Long.MAX_VALUE))
        .extracting(Money::minorUnits).containsExactly(Long.MAX_VALUE / 2 + 1, Long.MAX_VALUE / 2);
    // |Long.MIN_VALUE| does not fit in a long; allocation must still be exact.
    assertThat(Money.of(Long.MIN_VALUE, EUR).allocate(1)).extracting(Money::minorUnits).containsExactly(Long.MIN_VALUE);
    assertThat(Money.of(Long.MIN_VALUE, EUR).allocate(1, 1)).extracting(Money::minorUnits)
        .containsExactly(Long.MIN_VALUE / 2, Long.MIN_VALUE / 2);
  }

  @Test
  void badAllocationRatiosAreRejectedNamingTheRule() {
    Money m = Money.of(100, EUR);
    assertThatThrownBy(() -> m.allocate(new long[0])).hasMessage("ratios must not be empty");
    assertThatThrownBy(() -> m.allocate(1, -1)).hasMessage("ratios must not be negative");
    assertThatThrownBy(() -> m.allocate(0, 0)).hasMessage("ratios must have at least one positive ratio");
    assertThatThrownBy(() -> m.allocate(0)).hasMessage("parts must be at least 1");
  }
}
