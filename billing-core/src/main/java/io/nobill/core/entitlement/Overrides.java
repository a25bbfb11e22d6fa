package io.nobill.core.entitlement;

import io.nobill.core.access.Actor;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.id.OrgId;
import java.util.List;

/**
 * An organization's deal, set by platform operators ({@code overrides.manage}): its pricing
 * overrides (custom prices, discounts, minimum spend) and its entitlement overrides (features
 * granted or revoked, limits raised or lowered, each with an optional expiry). Every change
 * is audited with what it replaced.
 */
public interface Overrides {

  /** The organization's pricing overrides. Needs {@code billing.read}. */
  PricingOverrides pricing(Actor actor, OrgId org);

  /**
   * Replaces the organization's pricing overrides. Needs {@code overrides.manage}.
   *
   * @throws io.nobill.core.error.InvalidRequestException if they do not fit the organization's
   *     currency or subscription (see the pricing check given at creation); nothing is written
   */
  void setPricing(Actor actor, OrgId org, PricingOverrides overrides);

  /** The organization's entitlement overrides, in the order they apply. Needs {@code features.read}. */
  List<EntitlementOverride> entitlementOverrides(Actor actor, OrgId org);

  /** Replaces the organization's entitlement overrides. Needs {@code overrides.manage}. */
  void setEntitlementOverrides(Actor actor, OrgId org, List<EntitlementOverride> overrides);

  /** Adds one entitlement override after the existing ones (so it wins over them). Needs {@code overrides.manage}. */
  void addEntitlementOverride(Actor actor, OrgId org, EntitlementOverride override);
}
