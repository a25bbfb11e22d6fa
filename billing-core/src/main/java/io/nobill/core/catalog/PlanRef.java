package io.nobill.core.catalog;

import io.nobill.core.error.InvalidRequestException;

/** Names one immutable version of a plan: {@code pro@2}. */
public record PlanRef(String key, int version) {
  public PlanRef {
    CatalogKeys.check(key, "plan");
    InvalidRequestException.require(version >= 1, "version", "must be at least 1");
  }

  @Override
  public String toString() {
    return key + "@" + version;
  }
}
