package io.nobill.core.money;

import io.nobill.core.error.InvalidRequestException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An exact amount of money: a {@code long} count of the currency's minor unit (cents for EUR,
 * yen for JPY, fils for KWD) and the currency.
 *
 * <p>Arithmetic is exact and overflow-checked; an operation that would overflow throws
 * {@link InvalidRequestException} instead of wrapping around. Amounts in different
 * currencies never combine: {@link CurrencyMismatchException}. The only operation that can
 * round is {@link #multiply(BigDecimal, RoundingMode)}, and it takes the rounding mode
 * explicitly. Amounts may be negative (credits, reversals).
 *
 * <pre>{@code
 * Money price = Money.ofMajor("12.34", "EUR");      // EUR 12.34, 1234 minor units
 * Money tax = price.multiply(new BigDecimal("0.19"), RoundingMode.HALF_UP); // EUR 2.34
 * List<Money> parts = price.allocate(1, 1, 1);      // 4.12, 4.11, 4.11 — sums to 12.34
 * }</pre>
 */
public final class Money implements Comparable<Money> {

  /** A plain decimal: optional minus, digits, optional fraction. No exponent, sign or spaces. */
  private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
  private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
  private static final int MAX_TEXT_LENGTH = 40;
  private static final int MAX_FACTOR_SCALE = 40;

  private final long minorUnits;
  private final Currency currency;

  private Money(long minorUnits, Currency currency) {
    this.minorUnits = minorUnits;
    this.currency = currency;
  }

  /** An amount given in minor units, e.g. {@code Money.of(1234, eur)} is EUR 12.34. */
  public static Money of(long minorUnits, Currency currency) {
    return new Money(minorUnits, checkCurrency(currency, "currency"));
  }

  /** An amount given in minor units in the currency with this ISO 4217 code. */
  public static Money of(long minorUnits, String currencyCode) {
    return new Money(minorUnits, currency(currencyCode));
  }

  /** Zero in the given currency. */
  public static Money zero(Currency currency) {
    return new Money(0, checkCurrency(currency, "currency"));
  }

  /**
   * An amount written in major units as a plain decimal, e.g. {@code ofMajor("12.34", "EUR")}.
   * The text must have no more fraction digits than the currency has (two for EUR, none
   * for JPY, three for KWD); nothing is rounded.
   *
   * @throws InvalidRequestException naming {@code amount} for text that is not a plain decimal
   *     ("1,2", "1e400", "", " 5 "), has too many fraction digits, or does not fit; naming
   *     {@code currency} for an unknown currency code
   */
  public static Money ofMajor(String amount, String currencyCode) {
    Objects.requireNonNull(amount, "amount");
    Currency currency = currency(currencyCode);
    if (amount.length() > MAX_TEXT_LENGTH) {
      throw new InvalidRequestException("amount", "must be at most " + MAX_TEXT_LENGTH + " characters");
    }
    if (!PLAIN_DECIMAL.matcher(amount).matches()) {
      throw new InvalidRequestException("amount",
          "must be a plain decimal number such as 12.34 (no spaces, signs other than '-', grouping or exponent)");
    }
    return ofMajor(new BigDecimal(amount), currency);
  }

  /**
   * An amount given in major units. The value must have no more fraction digits than the
   * currency allows; nothing is rounded.
   */
  public static Money ofMajor(BigDecimal amount, Currency currency) {
    Objects.requireNonNull(amount, "amount");
    checkCurrency(currency, "currency");
    int digits = currency.getDefaultFractionDigits();
    BigDecimal stripped = amount.stripTrailingZeros();
    if (stripped.scale() > digits) {
      throw new InvalidRequestException("amount",
          "must have at most " + digits + " fraction digits in " + currency.getCurrencyCode());
    }
    // stripTrailingZeros can leave a large negative scale (1E+400); the precision test keeps
    // the exact conversion below from ever materialising a huge number.
    if (stripped.precision() - stripped.scale() > 19 - digits + 1) {
      throw overflow("amount");
    }
    try {
      return new Money(stripped.movePointRight(digits).longValueExact(), currency);
    } catch (ArithmeticException e) {
      throw overflow("amount");
    }
  }

  /**
   * The currency with this ISO 4217 code.
   *
   * @throws InvalidRequestException naming {@code currency} for a code that is not three
   *     upper-case letters, is unknown, or has no minor unit (gold, test codes)
   */
  public static Currency currency(String code) {
    Objects.requireNonNull(code, "currency");
    if (!CURRENCY_CODE.matcher(code).matches()) {
      throw new InvalidRequestException("currency", "must be an ISO 4217 code of three upper-case letters");
    }
    Currency currency;
    try {
      currency = Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("currency", "must be a known ISO 4217 code");
    }
    return checkCurrency(currency, "currency");
  }

  private static Currency checkCurrency(Currency currency, String field) {
    Objects.requireNonNull(currency, field);
    if (currency.getDefaultFractionDigits() < 0) {
      throw new InvalidRequestException(field, "must be a currency with a minor unit");
    }
    return currency;
  }

  private static InvalidRequestException overflow(String field) {
    return new InvalidRequestException(field, "must fit in a 64-bit count of minor units");
  }

  /** The amount in minor units. */
  public long minorUnits() {
    return minorUnits;
  }

  public Currency currency() {
    return currency;
  }

  /** The amount in major units, with the currency's number of fraction digits. */
  public BigDecimal toMajor() {
    return BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits());
  }

  public Money plus(Money other) {
    sameCurrency(other, "other");
    try {
      return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    } catch (ArithmeticException e) {
      throw overflow("other");
    }
  }

  public Money minus(Money other) {
    sameCurrency(other, "other");
    try {
      return new Money(Math.subtractExact(minorUnits, other.minorUnits), currency);
    } catch (ArithmeticException e) {
      throw overflow("other");
    }
  }

  public Money negate() {
    if (minorUnits == Long.MIN_VALUE) {
      throw overflow("amount");
    }
    return new Money(-minorUnits, currency);
  }

  public Money abs() {
    return minorUnits < 0 ? negate() : this;
  }

  /** Multiplies by a whole number, exactly. */
  public Money multiply(long factor) {
    try {
      return new Money(Math.multiplyExact(minorUnits, factor), currency);
    } catch (ArithmeticException e) {
      throw overflow("factor");
    }
  }

  /**
   * Multiplies by a decimal factor and rounds the result to the minor unit once, with the
   * given mode. {@link RoundingMode#UNNECESSARY} asserts that no rounding is needed.
   *
   * @throws InvalidRequestException naming {@code factor} if the result does not fit, or
   *     naming {@code roundingMode} if it is {@code UNNECESSARY} and rounding was needed
   */
  public Money multiply(BigDecimal factor, RoundingMode roundingMode) {
    Objects.requireNonNull(factor, "factor");
    Objects.requireNonNull(roundingMode, "roundingMode");
    BigDecimal exactFactor = factor.stripTrailingZeros();
    // Rounding away a scale of millions costs a division by a number of millions of digits;
    // no rate or price needs more than a few dozen fraction digits.
    if (exactFactor.scale() > MAX_FACTOR_SCALE) {
      throw new InvalidRequestException("factor", "must have at most " + MAX_FACTOR_SCALE + " fraction digits");
    }
    BigDecimal product = BigDecimal.valueOf(minorUnits).multiply(exactFactor);
    if (product.precision() - product.scale() > 20) {
      throw overflow("factor");
    }
    BigDecimal rounded;
    try {
      rounded = product.setScale(0, roundingMode);
    } catch (ArithmeticException e) {
      throw new InvalidRequestException("roundingMode", "must allow rounding: the product is not a whole minor unit");
    }
    try {
      return new Money(rounded.longValueExact(), currency);
    } catch (ArithmeticException e) {
      throw overflow("factor");
    }
  }

  /**
   * Splits this amount in proportion to the ratios without losing or inventing a minor unit:
   * the parts always sum to this amount. Each part is the exact share rounded toward zero;
   * the minor units left over go one each to the parts with the largest remainders, earlier
   * parts first on ties (the largest-remainder method).
   *
   * @param ratios non-negative weights, at least one of them positive
   */
  public List<Money> allocate(long... ratios) {
    Objects.requireNonNull(ratios, "ratios");
    if (ratios.length == 0) {
      throw new InvalidRequestException("ratios", "must not be empty");
    }
    BigInteger total = BigInteger.ZERO;
    for (long ratio : ratios) {
      if (ratio < 0) {
        throw new InvalidRequestException("ratios", "must not be negative");
      }
      total = total.add(BigInteger.valueOf(ratio));
    }
    if (total.signum() == 0) {
      throw new InvalidRequestException("ratios", "must have at least one positive ratio");
    }
    // Work on the magnitude as a BigInteger: |Long.MIN_VALUE| does not fit in a long.
    BigInteger magnitude = BigInteger.valueOf(minorUnits).abs();
    BigInteger[] shares = new BigInteger[ratios.length];
    BigInteger[] remainders = new BigInteger[ratios.length];
    BigInteger allocated = BigInteger.ZERO;
    for (int i = 0; i < ratios.length; i++) {
      BigInteger[] qr = magnitude.multiply(BigInteger.valueOf(ratios[i])).divideAndRemainder(total);
      shares[i] = qr[0];
      remainders[i] = qr[1];
      allocated = allocated.add(qr[0]);
    }
    int leftover = magnitude.subtract(allocated).intValueExact(); // fewer than ratios.length
    if (leftover > 0) {
      Integer[] order = new Integer[ratios.length];
      Arrays.setAll(order, i -> i);
      Arrays.sort(order, Comparator.<Integer, BigInteger>comparing(i -> remainders[i]).reversed()
          .thenComparing(Comparator.naturalOrder()));
      for (int k = 0; k < leftover; k++) {
        shares[order[k]] = shares[order[k]].add(BigInteger.ONE);
      }
    }
    List<Money> parts = new ArrayList<>(ratios.length);
    for (BigInteger share : shares) {
      parts.add(new Money((minorUnits < 0 ? share.negate() : share).longValueExact(), currency));
    }
    return Collections.unmodifiableList(parts);
  }

  /** Splits this amount into {@code parts} equal shares that sum exactly to it. */
  public List<Money> allocate(int parts) {
    if (parts < 1) {
      throw new InvalidRequestException("parts", "must be at least 1");
    }
    long[] ratios = new long[parts];
    Arrays.fill(ratios, 1);
    return allocate(ratios);
  }

  /** The smaller of this and {@code other}. */
  public Money min(Money other) {
    return compareTo(other) <= 0 ? this : other;
  }

  /** The larger of this and {@code other}. */
  public Money max(Money other) {
    return compareTo(other) >= 0 ? this : other;
  }

  public boolean isZero() {
    return minorUnits == 0;
  }

  public boolean isPositive() {
    return minorUnits > 0;
  }

  public boolean isNegative() {
    return minorUnits < 0;
  }

  public boolean isGreaterThan(Money other) {
    return compareTo(other) > 0;
  }

  public boolean isLessThan(Money other) {
    return compareTo(other) < 0;
  }

  /**
   * Orders amounts of the same currency.
   *
   * @throws CurrencyMismatchException if the currencies differ: there is no exchange rate here
   */
  @Override
  public int compareTo(Money other) {
    sameCurrency(other, "other");
    return Long.compare(minorUnits, other.minorUnits);
  }

  private void sameCurrency(Money other, String field) {
    Objects.requireNonNull(other, field);
    if (!currency.equals(other.currency)) {
      throw new CurrencyMismatchException(field, currency, other.currency);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Money m && m.minorUnits == minorUnits && m.currency.equals(currency);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(minorUnits) * 31 + currency.hashCode();
  }

  /** {@code "EUR 12.34"}: the currency code and the amount in major units. */
  @Override
  public String toString() {
    return currency.getCurrencyCode() + " " + toMajor().toPlainString();
  }
}
