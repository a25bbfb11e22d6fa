package io.nobill.core.catalog;

/** What happens when a limit is reached. */
public enum Enforcement {
  /** Usage beyond the limit is denied. */
  HARD,
  /** Usage beyond the limit is allowed and flagged as overage. */
  SOFT
}
