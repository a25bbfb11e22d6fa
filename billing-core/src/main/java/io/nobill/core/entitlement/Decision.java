package io.nobill.core.entitlement;

import io.nobill.core.error.InvalidRequestException;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/** The answer to a meter or seat check. */
public sealed interface Decision {

  /** Whether the organization may go ahead. */
  boolean allowed();

  /**
   * Go ahead.
   *
   * @param remaining what would be left of the limit after this use, never negative; empty
   *                  when there is no limit
   * @param overage   whether this use goes beyond a soft limit, so it is billed as overage
   */
  record Allowed(Optional<BigDecimal> remaining, boolean overage) implements Decision {
    /** The answer for every meter or seat count without a limit; shared so checks allocate nothing. */
    public static final Allowed UNLIMITED = new Allowed(Optional.empty(), false);

    public Allowed {
      Objects.requireNonNull(remaining, "remaining");
      remaining.ifPresent(r -> InvalidRequestException.require(r.signum() >= 0, "remaining", "must not be negative"));
    }

    @Override
    public boolean allowed() {
      return true;
    }
  }

  /**
   * Do not go ahead.
   *
   * @param detail why, for logs and support; not meant to be parsed
   */
  record Denied(Reason reason, String detail) implements Decision {
    public Denied {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public boolean allowed() {
      return false;
    }
  }

  /** Why a check was denied, for a host to map to its own response. */
  enum Reason {
    /** The organization has no subscription, or its subscription does not grant access now. */
    NO_ACCESS,
    /** The plan neither prices nor limits the meter, and no override makes it available. */
    FEATURE_ABSENT,
    /** The use would take the meter beyond its hard limit for the period. */
    HARD_LIMIT_REACHED,
    /** The seats would exceed the seat limit. */
    SEAT_LIMIT_REACHED
  }
}
