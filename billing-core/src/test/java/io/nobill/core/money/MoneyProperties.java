package io.nobill.core.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.error.InvalidRequestException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class MoneyProperties {
  private static final Currency EUR = Currency.getInstance("EUR");

  @Provide
  Arbitrary<Currency> currencies() {
    return Arbitraries.of("EUR", "USD", "JPY", "KWD", "CHF", "BHD", "CLP").map(Currency::getInstance);
  }

  /** Amounts small enough that three of them never overflow when added. */
  @Provide
  Arbitrary<Long> safeAmounts() {
    return Arbitraries.longs().between(-Long.MAX_VALUE / 4, Long.MAX_VALUE / 4);
  }

  @Property
  void additionIsAssociativeAndCommutative(@ForAll("safeAmounts") long a, @ForAll("safeAmounts") long b,
      @ForAll("safeAmounts") long c, @ForAll("currencies") Currency cur) {
    Money x = Money.of(a, cur);
    Money y = Money.of(b, cur);
    Money z = Money.of(c, cur);
    assertThat(x.plus(y).plus(z)).isEqualTo(x.plus(y.plus(z)));
    assertThat(x.plus(y)).isEqualTo(y.plus(x));
    assertThat(x.minus(y).plus(y)).isEqualTo(x);
    assertThat(x.plus(x.negate()).isZero()).isTrue();
  }

  @Property
  void additionOverflowThrowsExactlyWhenTheTrueSumDoesNotFit(@ForAll long a, @ForAll long b) {
    BigInteger sum = BigInteger.valueOf(a).add(BigInteger.valueOf(b));
    boolean fits = sum.bitLength() < 64;
    if (fits) {
      assertThat(Money.of(a, EUR).plus(Money.of(b, EUR)).minorUnits()).isEqualTo(sum.longValueExact());
    } else {
      assertThatThrownBy(() -> Money.of(a, EUR).plus(Money.of(b, EUR))).isInstanceOf(InvalidRequestException.class);
    }
  }

  @Property
  void multiplicationOverflowThrowsExactlyWhenTheTrueProductDoesNotFit(@ForAll long a, @ForAll long factor) {
    BigInteger product = BigInteger.valueOf(a).multiply(BigInteger.valueOf(factor));
    if (product.bitLength() < 64) {
      assertThat(Money.of(a, EUR).multiply(factor).minorUnits()).isEqualTo(product.longValueExact());
    } else {
      assertThatThrownBy(() -> Money.of(a, EUR).multiply(factor)).isInstanceOf(InvalidRequestException.class);
    }
  }

  @Property
  void currenciesThatDifferNeverCombine(@ForAll("currencies") Currency a, @ForAll("currencies") Currency b,
      @ForAll("safeAmounts") long x, @ForAll("safeAmounts") long y) {
    if (a.equals(b)) {
      assertThat(Money.of(x, a).plus(Money.of(y, b)).currency()).isEqualTo(a);
    } else {
      assertThatThrownBy(() -> Money.of(x, a).plus(Money.of(y, b))).isInstanceOf(CurrencyMismatchException.class);
      assertThatThrownBy(() -> Money.of(x, a).minus(Money.of(y, b))).isInstanceOf(CurrencyMismatchException.class);
      assertThatThrownBy(() -> Money.of(x, a).compareTo(Money.of(y, b))).isInstanceOf(CurrencyMismatchException.class);
    }
  }

  @Property
  void allocationSumsBackExactlyAndEachPartIsWithinOneUnitOfItsShare(
      @ForAll long amount, @ForAll @Size(min = 1, max = 12) List<@LongRange(min = 0, max = 1_000_000) Long> ratioList) {
    long[] ratios = ratioList.stream().mapToLong(Long::longValue).toArray();
    long total = ratioList.stream().mapToLong(Long::longValue).sum();
    if (total == 0) {
      assertThatThrownBy(() -> Money.of(amount, EUR).allocate(ratios)).isInstanceOf(InvalidRequestException.class);
      return;
    }
    List<Money> parts = Money.of(amount, EUR).allocate(ratios);

    BigInteger sum = parts.stream().map(m -> BigInteger.valueOf(m.minorUnits())).reduce(BigInteger.ZERO, BigInteger::add);
    assertThat(sum).isEqualTo(BigInteger.valueOf(amount));
    for (int i = 0; i < ratios.length; i++) {
      BigDecimal exact = new BigDecimal(BigInteger.valueOf(amount).multiply(BigInteger.valueOf(ratios[i])))
          .divide(BigDecimal.valueOf(total), 10, RoundingMode.HALF_EVEN);
      BigDecimal diff = exact.subtract(BigDecimal.valueOf(parts.get(i).minorUnits())).abs();
      assertThat(diff).isLessThan(BigDecimal.ONE);
      if (ratios[i] == 0) {
        assertThat(parts.get(i).isZero()).isTrue();
      }
    }
  }

  @Property
  void evenAllocationPartsDifferByAtMostOneUnit(@ForAll long amount, @ForAll @IntRange(min = 1, max = 100) int n) {
    List<Money> parts = Money.of(amount, EUR).allocate(n);
    long max = parts.stream().mapToLong(Money::minorUnits).max().orElseThrow();
    long min = parts.stream().mapToLong(Money::minorUnits).min().orElseThrow();
    assertThat(max - min).isLessThanOrEqualTo(1);
  }

  @Property
  void majorTextRoundTrips(@ForAll("safeAmounts") long minor, @ForAll("currencies") Currency cur) {
    Money m = Money.of(minor, cur);
    assertThat(Money.ofMajor(m.toMajor().toPlainString(), cur.getCurrencyCode())).isEqualTo(m);
  }

  @Property
  void halfUpMultiplicationMatchesBigDecimal(@ForAll("safeAmounts") long minor,
      @ForAll @IntRange(min = 0, max = 1_000_000) int factorMillionths) {
    BigDecimal factor = BigDecimal.valueOf(factorMillionths, 6);
    long expected = BigDecimal.valueOf(minor).multiply(factor).setScale(0, RoundingMode.HALF_UP).longValueExact();
    assertThat(Money.of(minor, EUR).multiply(factor, RoundingMode.HALF_UP).minorUnits()).isEqualTo(expected);
  }
}
