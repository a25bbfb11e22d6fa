package io.nobill.core.entitlement;

import io.nobill.core.error.InvalidRequestException;
import java.util.Objects;

/** The catalog's key rule ({@code [a-z0-9][a-z0-9_.-]{0,63}}) for feature and meter keys. */
final class EntitlementKeys {
  private EntitlementKeys() {}

  static String check(String key, String field) {
    Objects.requireNonNull(key, field);
    InvalidRequestException.require(isKey(key), field,
        "must be 1-64 lower-case letters, digits, '_', '.' or '-', starting with a letter or digit");
    return key;
  }

  // A loop rather than the catalog's regex: overrides are built on request paths too.
  private static boolean isKey(String key) {
    int n = key.length();
    if (n < 1 || n > 64) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = key.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!alnum && (i == 0 || (c != '_' && c != '.' && c != '-'))) {
        return false;
      }
    }
    return true;
  }
}
