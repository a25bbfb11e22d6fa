package io.nobill.core.spi;

import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.entitlement.EntitlementOverride;
import java.util.List;

/** The deal of the organization in scope: its pricing overrides and entitlement overrides. */
public interface OverrideRepository {

  /** Its pricing overrides; {@link PricingOverrides#NONE} when none were set. */
  PricingOverrides pricing();

  void setPricing(PricingOverrides overrides);

  /** Its entitlement overrides in the order they apply (later ones win). */
  List<EntitlementOverride> entitlements();

  void setEntitlements(List<EntitlementOverride> overrides);
}
