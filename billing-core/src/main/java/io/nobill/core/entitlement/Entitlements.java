package io.nobill.core.entitlement;

import io.nobill.core.catalog.Limit;
import io.nobill.core.catalog.Plan;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Folds an organization's plan and overrides into an {@link EntitlementSnapshot}.
 *
 * <ul>
 *   <li>Overrides whose {@code expiresAt} is at or before {@code now} are ignored.
 *   <li>Of several overrides of the same key — a feature, a meter, the seat limit — the last
 *       in the list wins; a grant and a revocation of one feature share its key.
 *   <li>A revocation removes a plan feature or a grant; a grant adds a feature.
 *   <li>A {@code LimitOverride} replaces the plan's limit for its meter (empty included:
 *       unlimited) and makes a meter the plan lacks available.
 *   <li>A {@code SeatLimitOverride} replaces the plan's seat limit.
 *   <li><b>Without a plan, or when the subscription does not grant access, the organization
 *       has no entitlements at all</b>, whatever its overrides: {@code has} is false for every
 *       feature and every check is denied with {@link Decision.Reason#NO_ACCESS}. Overrides
 *       adjust a subscription; they never stand in for one.
 * </ul>
 */
public final class Entitlements {
  private Entitlements() {}

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
      if (o.expiresAt().isPresent() && !o.expiresAt().get().isAfter(now)) {
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
