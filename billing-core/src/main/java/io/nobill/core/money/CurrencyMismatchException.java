package io.nobill.core.money;

import io.nobill.core.error.InvalidRequestException;
import java.util.Currency;

/** Two amounts in different currencies met in one operation. Currencies never mix silently. */
public class CurrencyMismatchException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  private final transient Currency expected;
  private final transient Currency actual;

  public CurrencyMismatchException(String field, Currency expected, Currency actual) {
    super(field, "must be in " + expected.getCurrencyCode() + ", was " + actual.getCurrencyCode());
    this.expected = expected;
    this.actual = actual;
  }

  public Currency expected() {
    return expected;
  }

  public Currency actual() {
    return actual;
  }
}
