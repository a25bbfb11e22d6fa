package io.nobill.core.entitlement;

import io.nobill.core.catalog.Enforcement;
import io.nobill.core.error.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A change to what one organization's plan entitles it to, e.g. a feature granted for a
 * pilot or a limit raised for a month. An override that expires at or before the evaluation
 * instant is ignored; of two overrides of the same key the later one in the list wins.
 */
public sealed interface EntitlementOverride {

  /** When the override stops applying; empty when it never does. */
  Optional<Instant> expiresAt();

  /** Grants a feature the plan lacks. */
  record FeatureGrant(String feature, Optional<Instant> expiresAt) implements EntitlementOverride {
    public FeatureGrant {
      EntitlementKeys.check(feature, "feature");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }
  }

  /** Removes a feature, whether the plan includes it or an earlier override granted it. */
  record FeatureRevocation(String feature, Optional<Instant> expiresAt) implements EntitlementOverride {
    public FeatureRevocation {
      EntitlementKeys.check(feature, "feature");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }
  }

  /**
   * Replaces the plan's limit for a meter, and makes the meter available when the plan has
   * none for it.
   *
   * @param included the quantity included per period; empty for unlimited
   */
  record LimitOverride(String meter, Optional<BigDecimal> included, Enforcement enforcement, Optional<Instant> expiresAt)
      implements EntitlementOverride {
    public LimitOverride {
      EntitlementKeys.check(meter, "meter");
      Objects.requireNonNull(included, "included");
      Objects.requireNonNull(enforcement, "enforcement");
      Objects.requireNonNull(expiresAt, "expiresAt");
      included.ifPresent(q -> InvalidRequestException.require(q.signum() >= 0, "included", "must not be negative"));
    }
  }

  /**
   * Replaces the plan's seat limit.
   *
   * @param seats the most seats the organization may have; empty for unlimited
   */
  record SeatLimitOverride(Optional<Integer> seats, Optional<Instant> expiresAt) implements EntitlementOverride {
    public SeatLimitOverride {
      Objects.requireNonNull(seats, "seats");
      Objects.requireNonNull(expiresAt, "expiresAt");
      seats.ifPresent(s -> InvalidRequestException.require(s >= 1, "seats", "must be at least 1"));
    }
  }
}
