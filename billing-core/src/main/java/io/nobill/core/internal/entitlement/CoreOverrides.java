package io.nobill.core.internal.entitlement;

import io.nobill.core.access.Actor;
import io.nobill.core.access.Permission;
import io.nobill.core.audit.AuditTarget;
import io.nobill.core.audit.AuditTrail;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.entitlement.*;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.id.OrgId;
import io.nobill.core.internal.access.Access;
import io.nobill.core.internal.audit.CoreAuditTrail;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.TenantTransaction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An organization's deal, set by platform operators ({@code overrides.manage}): its pricing
 * overrides (custom prices, discounts, minimum spend) and its entitlement overrides (features
 * granted or revoked, limits raised or lowered, each with an optional expiry). Every change
 * is audited with what it replaced.
 */
public final class CoreOverrides implements Overrides {
  private final BillingStore store;
  private final CoreAuditTrail audit;
  private final java.util.function.BiConsumer<TenantTransaction, PricingOverrides> pricingCheck;

  private CoreOverrides(BillingStore store, CoreAuditTrail audit,
      java.util.function.BiConsumer<TenantTransaction, PricingOverrides> pricingCheck) {
    this.store = store;
    this.audit = audit;
    this.pricingCheck = pricingCheck;
  }

  /** Overrides whose pricing is checked only by its own constructor. */
  public static CoreOverrides create(BillingStore store, Clock clock) {
    return create(store, clock, (tx, overrides) -> { });
  }

  /**
   * @param pricingCheck checks pricing overrides against the organization's currency and
   *     subscription before they are written, inside the write's transaction; throws to refuse
   */
  public static CoreOverrides create(BillingStore store, Clock clock,
      java.util.function.BiConsumer<TenantTransaction, PricingOverrides> pricingCheck) {
    Objects.requireNonNull(store, "store");
    return new CoreOverrides(store, CoreAuditTrail.create(store, Objects.requireNonNull(clock, "clock")),
        Objects.requireNonNull(pricingCheck, "pricingCheck"));
  }

  /** The organization's pricing overrides. Needs {@code billing.read}. */
  @Override
  public PricingOverrides pricing(Actor actor, OrgId org) {
    Objects.requireNonNull(org, "org");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.BILLING_READ);
      return tx.overrides().pricing();
    });
  }

  /**
   * Replaces the organization's pricing overrides. Needs {@code overrides.manage}.
   *
   * @throws io.nobill.core.error.InvalidRequestException if they do not fit the organization's
   *     currency or subscription (see the pricing check given at creation); nothing is written
   */
  @Override
  public void setPricing(Actor actor, OrgId org, PricingOverrides overrides) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(overrides, "overrides");
    store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.OVERRIDES_MANAGE);
      requireOrganization(tx);
      pricingCheck.accept(tx, overrides);
      PricingOverrides before = tx.overrides().pricing();
      tx.overrides().setPricing(overrides);
      audit.record(tx, actor, "overrides.pricing-set", AuditTarget.of("organization", org),
          Map.of("pricing", before.toString()), Map.of("pricing", overrides.toString()));
      return null;
    });
  }

  /** The organization's entitlement overrides, in the order they apply. Needs {@code features.read}. */
  @Override
  public List<EntitlementOverride> entitlementOverrides(Actor actor, OrgId org) {
    Objects.requireNonNull(org, "org");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.FEATURES_READ);
      return tx.overrides().entitlements();
    });
  }

  /** Replaces the organization's entitlement overrides. Needs {@code overrides.manage}. */
  @Override
  public void setEntitlementOverrides(Actor actor, OrgId org, List<EntitlementOverride> overrides) {
    Objects.requireNonNull(org, "org");
    List<EntitlementOverride> copy = List.copyOf(Objects.requireNonNull(overrides, "overrides"));
    store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.OVERRIDES_MANAGE);
      replace(tx, actor, copy);
      return null;
    });
  }

  /** Adds one entitlement override after the existing ones (so it wins over them). Needs {@code overrides.manage}. */
  @Override
  public void addEntitlementOverride(Actor actor, OrgId org, EntitlementOverride override) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(override, "override");
    store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.OVERRIDES_MANAGE);
      List<EntitlementOverride> next = new ArrayList<>(tx.overrides().entitlements());
      next.add(override);
      replace(tx, actor, next);
      return null;
    });
  }

  private void replace(TenantTransaction tx, Actor actor, List<EntitlementOverride> next) {
    requireOrganization(tx);
    List<EntitlementOverride> before = tx.overrides().entitlements();
    tx.overrides().setEntitlements(next);
    audit.record(tx, actor, "overrides.entitlements-set", AuditTarget.of("organization", tx.org()),
        Map.of("entitlements", before.toString()), Map.of("entitlements", next.toString()));
  }

  private static void requireOrganization(TenantTransaction tx) {
    tx.organization().find().orElseThrow(() -> new NotFoundException("organization", tx.org()));
  }
}
