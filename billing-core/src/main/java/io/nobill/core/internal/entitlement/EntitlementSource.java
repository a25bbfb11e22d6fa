package io.nobill.core.internal.entitlement;

import io.nobill.core.catalog.Plan;
import io.nobill.core.entitlement.*;
import io.nobill.core.spi.TenantTransaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where entitlements learn an organization's subscription and current usage, read inside its
 * transaction. Subscriptions and metering supply it; until an organization has a
 * subscription it has no plan, and so no entitlements.
 */
public interface EntitlementSource {

  /** A source for a system with no subscriptions and no metering yet: no plan, no usage. */
  EntitlementSource NONE = new EntitlementSource() {
    @Override
    public Optional<Plan> plan(TenantTransaction tx, Instant now) {
      return Optional.empty();
    }

    @Override
    public boolean access(TenantTransaction tx, Instant now) {
      return false;
    }

    @Override
    public Map<String, BigDecimal> usage(TenantTransaction tx, Instant now) {
      return Map.of();
    }
  };

  /** The plan of the organization's subscription, if it has one. */
  Optional<Plan> plan(TenantTransaction tx, Instant now);

  /** Whether the subscription grants access at {@code now} (trialing, active, past due in grace). */
  boolean access(TenantTransaction tx, Instant now);

  /**
   * When access turns off by the passing of time alone (a trial or period ending unrenewed, a
   * grace period running out), if it is on at {@code now}: a cached decision is not used past it.
   */
  default Optional<Instant> accessEndsAt(TenantTransaction tx, Instant now) {
    return Optional.empty();
  }

  /** The organization's usage per meter in its current billing period. */
  Map<String, BigDecimal> usage(TenantTransaction tx, Instant now);
}
