package io.nobill.core.entitlement;

import io.nobill.core.catalog.Limit;
import io.nobill.core.catalog.Plan;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The pure rule behind every entitlement decision: from a plan, its overrides, access and usage
 * to an {@link EntitlementSnapshot}. {@link Entitlements} applies it to an organization's stored
 * state; hosts may apply it to their own inputs (previews, tests) with no store at all.
 */
public final class EntitlementRules {
  private EntitlementRules() {}

  /**
   * The limit of {@code meter} at {@code now}: the plan's, unless an unexpired {@code
   * LimitOverride} replaces it (the last one wins; one without an included quantity makes the
   * meter unlimited, an empty result). The rule {@link #evaluate} applies to every meter, for
   * code that needs one meter's limit without a whole snapshot (quota warnings).
   */
  public static Optional<Limit> limitOf(Plan plan, List<EntitlementOverride> overrides, String meter, Instant now) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(overrides, "overrides");
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(now, "now");
    Optional<Limit> limit = Optional.ofNullable(plan.limits().get(meter));
    for (EntitlementOverride o : overrides) {
      if (o instanceof EntitlementOverride.LimitOverride l && l.meter().equals(meter) && inForce(o, now)) {
        limit = l.included().map(q -> new Limit(q, l.enforcement()));
      }
    }
    return limit;
  }

  /** Whether an override still applies at {@code now}. */
  private static boolean inForce(EntitlementOverride o, Instant now) {
    return o.expiresAt().isEmpty() || o.expiresAt().get().isAfter(now);
  }

  /** The organization's entitlements at {@code inputs.now()}. */
  public static EntitlementSnapshot evaluate(EntitlementInputs inputs) {
    Objects.requireNonNull(inputs, "inputs");
    if (inputs.plan().isEmpty()) {
      return EntitlementSnapshot.withoutAccess(EntitlementSnapshot.NO_SUBSCRIPTION, inputs.usage(), inputs.activeSeats());
    }
    if (!inputs.access()) {
      return EntitlementSnapshot.withoutAccess(EntitlementSnapshot.NO_ACCESS_NOW, inputs.usage(), inputs.activeSeats());
    }
    Plan plan = inputs.plan().get();
    Instant now = inputs.now();

    Map<String, Boolean> featureOverrides = new HashMap<>();
    Map<String, EntitlementOverride.LimitOverride> limitOverrides = new HashMap<>();
    EntitlementOverride.SeatLimitOverride seatOverride = null;
    for (EntitlementOverride o : inputs.overrides()) {
      if (!inForce(o, now)) {
        continue;
      }
      if (o instanceof EntitlementOverride.FeatureGrant g) {
        featureOverrides.put(g.feature(), Boolean.TRUE);
      } else if (o instanceof EntitlementOverride.FeatureRevocation r) {
        featureOverrides.put(r.feature(), Boolean.FALSE);
      } else if (o instanceof EntitlementOverride.LimitOverride l) {
        limitOverrides.put(l.meter(), l);
      } else if (o instanceof EntitlementOverride.SeatLimitOverride s) {
        seatOverride = s;
      }
    }

    Set<String> features = new HashSet<>(plan.features());
    featureOverrides.forEach((feature, granted) -> {
      if (granted) {
        features.add(feature);
      } else {
        features.remove(feature);
      }
    });

    // A priced meter without a limit is unlimited; the plan's limits and then the overrides
    // replace that, so a meter is available exactly when it ends up in this map.
    Map<String, Optional<Limit>> limits = new HashMap<>();
    for (String meter : plan.pricedMeters()) {
      limits.put(meter, Optional.empty());
    }
    plan.limits().forEach((meter, limit) -> limits.put(meter, Optional.of(limit)));
    limitOverrides.forEach((meter, o) -> limits.put(meter, o.included().map(q -> new Limit(q, o.enforcement()))));

    Optional<Integer> seatLimit = seatOverride == null ? plan.seatLimit() : seatOverride.seats();
    String seatLimitSource = seatOverride == null ? "the plan" : "an override";
    return new EntitlementSnapshot(plan.ref().toString(), features, limits, inputs.usage(), inputs.activeSeats(),
        seatLimit, seatLimitSource);
  }
}
