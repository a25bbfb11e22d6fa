package io.nobill.core.catalog;

import java.util.Objects;

/**
 * Something usage is counted in: API calls, storage GB, active users.
 *
 * @param key         the meter's key, used by usage events and metered prices ("api_calls")
 * @param displayName what invoices print ("API calls")
 * @param unit        the unit of one quantity, singular ("call", "GB")
 */
public record Meter(String key, String displayName, String unit, Aggregation aggregation) {
  public Meter {
    CatalogKeys.check(key, "key");
    CatalogKeys.name(displayName, "displayName");
    CatalogKeys.name(unit, "unit");
    Objects.requireNonNull(aggregation, "aggregation");
  }
}
