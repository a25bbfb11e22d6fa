package io.nobill.core.store;

import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.entitlement.EntitlementOverride;
import io.nobill.core.spi.OverrideRepository;
import java.util.List;
import java.util.Objects;

final class InMemoryOverrideRepository implements OverrideRepository {

  /** One organization's overrides. */
  static final class Tables {
    PricingOverrides pricing = PricingOverrides.NONE;
    List<EntitlementOverride> entitlements = List.of();
  }

  private final Transaction tx;
  private final Tables t;

  InMemoryOverrideRepository(Transaction tx, Tables tables) {
    this.tx = tx;
    this.t = tables;
  }

  @Override
  public PricingOverrides pricing() {
    tx.check();
    return t.pricing;
  }

  @Override
  public void setPricing(PricingOverrides overrides) {
    tx.check();
    Objects.requireNonNull(overrides, "overrides");
    PricingOverrides before = t.pricing;
    t.pricing = overrides;
    tx.onRollback(() -> t.pricing = before);
  }

  @Override
  public List<EntitlementOverride> entitlements() {
    tx.check();
    return t.entitlements;
  }

  @Override
  public void setEntitlements(List<EntitlementOverride> overrides) {
    tx.check();
    List<EntitlementOverride> copy = List.copyOf(Objects.requireNonNull(overrides, "overrides"));
    List<EntitlementOverride> before = t.entitlements;
    t.entitlements = copy;
    tx.onRollback(() -> t.entitlements = before);
  }
}
