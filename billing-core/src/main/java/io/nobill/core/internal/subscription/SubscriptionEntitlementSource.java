package io.nobill.core.internal.subscription;

import io.nobill.core.catalog.Catalog;
import io.nobill.core.catalog.Plan;
import io.nobill.core.internal.entitlement.EntitlementSource;
import io.nobill.core.spi.TenantTransaction;
import io.nobill.core.subscription.*;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Entitlements from the organization's current subscription: its plan, and access while it
 * is trialing, active, or past due within the grace period. Usage comes from metering.
 */
public final class SubscriptionEntitlementSource implements EntitlementSource {
  private final Catalog catalog;
  private final Duration grace;
  private final UsageSource usage;

  public SubscriptionEntitlementSource(Catalog catalog, Duration grace, UsageSource usage) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.grace = Objects.requireNonNull(grace, "grace");
    this.usage = Objects.requireNonNull(usage, "usage");
  }

  @Override
  public Optional<Plan> plan(TenantTransaction tx, Instant now) {
    return CoreSubscriptions.current(tx).filter(s -> !s.status().isEnded()).flatMap(s -> catalog.plan(s.plan()));
  }

  @Override
  public boolean access(TenantTransaction tx, Instant now) {
    return CoreSubscriptions.current(tx).map(s -> s.grantsAccess(now, grace)).orElse(false);
  }

  @Override
  public Optional<Instant> accessEndsAt(TenantTransaction tx, Instant now) {
    return CoreSubscriptions.current(tx).filter(s -> s.grantsAccess(now, grace)).flatMap(s -> s.accessEndsAt(grace));
  }

  @Override
  public Map<String, BigDecimal> usage(TenantTransaction tx, Instant now) {
    return CoreSubscriptions.current(tx).filter(s -> !s.status().isEnded())
        .map(s -> usage.usage(tx, s.currentPeriod())).orElse(Map.of());
  }
}
