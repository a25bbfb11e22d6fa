package io.nobill.core.catalog;

import io.nobill.core.InvalidRequestException;
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
    Objects.requireNonNull(name, field);
    InvalidRequestException.require(!name.isBlank(), field, "must not be blank");
    InvalidRequestException.require(name.length() <= 200, field, "must be at most 200 characters");
    return name;
  }
}
