package io.nobill.jdbc.internal.shape;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nobill.core.entitlement.EntitlementOverride;
import java.util.List;

/**
 * Version 2 of the {@code entitlements} row of {@code nobill_override}: the overrides of
 * version 1 in an object, so that the body can carry its version like every other. Version 1 —
 * the bare array — is still read ({@link PersistedBodies#readEntitlementOverrides}): the two
 * differ only in the envelope, so upcasting a version 1 body is wrapping its array.
 */
record EntitlementOverridesV2(
    @JsonProperty("v") Integer v,
    @JsonProperty("overrides") List<EntitlementOverrideV1> overrides) {
  static final int VERSION = 2;

  @JsonCreator
  EntitlementOverridesV2 {
  }

  /** A version 1 body, upcast: the same overrides, now with a version. */
  static EntitlementOverridesV2 fromV1(List<EntitlementOverrideV1> overrides) {
    return new EntitlementOverridesV2(VERSION, overrides);
  }

  static EntitlementOverridesV2 from(List<EntitlementOverride> overrides) {
    return new EntitlementOverridesV2(VERSION, overrides.stream().map(EntitlementOverrideV1::of).toList());
  }

  List<EntitlementOverride> toDomain() {
    return overrides.stream().map(EntitlementOverrideV1::toDomain).toList();
  }
}
