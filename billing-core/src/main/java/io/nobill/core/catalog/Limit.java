package io.nobill.core.catalog;

import io.nobill.core.error.InvalidRequestException;
import java.math.BigDecimal;
import java.util.Objects;

/** How much of a meter a plan includes per period, and what happens beyond it. */
public record Limit(BigDecimal included, Enforcement enforcement) {
  public Limit {
    Objects.requireNonNull(included, "included");
    Objects.requireNonNull(enforcement, "enforcement");
    InvalidRequestException.require(included.signum() >= 0, "limit.included", "must not be negative");
  }
}
