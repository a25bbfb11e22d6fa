package io.nobill.jdbc.internal.shape;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.type.TypeReference;
import io.nobill.core.catalog.Enforcement;
import io.nobill.core.entitlement.EntitlementOverride;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One entitlement override, tagged {@code FeatureGrant}, {@code FeatureRevocation},
 * {@code LimitOverride} or {@code SeatLimitOverride}. Version 1 of the {@code entitlements} row of
 * {@code nobill_override} is a bare JSON array of these; version 2 ({@link EntitlementOverridesV2})
 * holds the same array under a version.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "@type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = EntitlementOverrideV1.FeatureGrant.class, name = "FeatureGrant"),
    @JsonSubTypes.Type(value = EntitlementOverrideV1.FeatureRevocation.class, name = "FeatureRevocation"),
    @JsonSubTypes.Type(value = EntitlementOverrideV1.LimitOverride.class, name = "LimitOverride"),
    @JsonSubTypes.Type(value = EntitlementOverrideV1.SeatLimitOverride.class, name = "SeatLimitOverride")})
sealed interface EntitlementOverrideV1 {
  /** The version 1 body: the array alone. */
  TypeReference<List<EntitlementOverrideV1>> LIST = new TypeReference<>() {};

  EntitlementOverride toDomain();

  static EntitlementOverrideV1 of(EntitlementOverride o) {
    if (o instanceof EntitlementOverride.FeatureGrant g) {
      return new FeatureGrant(g.feature(), g.expiresAt().orElse(null));
    }
    if (o instanceof EntitlementOverride.FeatureRevocation r) {
      return new FeatureRevocation(r.feature(), r.expiresAt().orElse(null));
    }
    if (o instanceof EntitlementOverride.LimitOverride l) {
      return new LimitOverride(l.meter(), l.included().orElse(null), l.enforcement().name(), l.expiresAt().orElse(null));
    }
    if (o instanceof EntitlementOverride.SeatLimitOverride s) {
      return new SeatLimitOverride(s.seats().orElse(null), s.expiresAt().orElse(null));
    }
    throw Common.noShape(o);
  }

  record FeatureGrant(@JsonProperty("feature") String feature, @JsonProperty("expiresAt") Instant expiresAt)
      implements EntitlementOverrideV1 {
    @JsonCreator
    public FeatureGrant {
    }

    @Override
    public EntitlementOverride toDomain() {
      return new EntitlementOverride.FeatureGrant(feature, Optional.ofNullable(expiresAt));
    }
  }

  record FeatureRevocation(@JsonProperty("feature") String feature, @JsonProperty("expiresAt") Instant expiresAt)
      implements EntitlementOverrideV1 {
    @JsonCreator
    public FeatureRevocation {
    }

    @Override
    public EntitlementOverride toDomain() {
      return new EntitlementOverride.FeatureRevocation(feature, Optional.ofNullable(expiresAt));
    }
  }

  record LimitOverride(
      @JsonProperty("meter") String meter,
      @JsonProperty("included") BigDecimal included,
      @JsonProperty("enforcement") String enforcement,
      @JsonProperty("expiresAt") Instant expiresAt) implements EntitlementOverrideV1 {
    @JsonCreator
    public LimitOverride {
    }

    @Override
    public EntitlementOverride toDomain() {
      return new EntitlementOverride.LimitOverride(meter, Optional.ofNullable(included),
          Common.constant(Enforcement.class, enforcement), Optional.ofNullable(expiresAt));
    }
  }

  record SeatLimitOverride(@JsonProperty("seats") Integer seats, @JsonProperty("expiresAt") Instant expiresAt)
      implements EntitlementOverrideV1 {
    @JsonCreator
    public SeatLimitOverride {
    }

    @Override
    public EntitlementOverride toDomain() {
      return new EntitlementOverride.SeatLimitOverride(Optional.ofNullable(seats), Optional.ofNullable(expiresAt));
    }
  }
}
