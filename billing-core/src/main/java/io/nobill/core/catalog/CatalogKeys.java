package io.nobill.core.catalog;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.text.TextPolicy;
import java.util.Objects;
import java.util.regex.Pattern;

/** The one rule for keys of plans, prices, meters and features. */
final class CatalogKeys {
  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

  private CatalogKeys() {}

  static String check(String key, String field) {
    Objects.requireNonNull(key, field);
    InvalidRequestException.require(KEY.matcher(key).matches(), field,
        "must be 1-64 lower-case letters, digits, '_', '.' or '-', starting with a letter or digit");
    return key;
  }

  static String name(String name, String field) {
    // Names and descriptions end up on invoice lines, stored and rendered.
    return TextPolicy.line(name, field, 200);
  }
}
