package io.nobill.core.entitlement;

import io.nobill.core.access.Actor;
import io.nobill.core.id.OrgId;
import java.math.BigDecimal;

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
public interface Entitlements {

  /** The organization's entitlements now. Needs {@code features.read}. */
  EntitlementSnapshot snapshot(Actor actor, OrgId org);

  /**
   * Whether the organization may consume {@code quantity} more of {@code meter}. Needs {@code
   * features.read}. This is the host's request path: with a store that keeps a {@link
   * io.nobill.core.spi.ReadCache} a warm check opens no transaction — the snapshot and the
   * actor's permission are cached per organization, dropped when the organization changes
   * through this instance and bounded by the cache's time-to-live for other instances.
   */
  Decision check(Actor actor, OrgId org, String meter, BigDecimal quantity);

  /** The organization's entitlements at {@code inputs.now()}: {@link EntitlementRules#evaluate}. */
  static EntitlementSnapshot evaluate(EntitlementInputs inputs) {
    return EntitlementRules.evaluate(inputs);
  }

  /** The limit of {@code meter} at {@code now}: {@link EntitlementRules#limitOf}. */
  static java.util.Optional<io.nobill.core.catalog.Limit> limitOf(io.nobill.core.catalog.Plan plan,
      java.util.List<EntitlementOverride> overrides, String meter, java.time.Instant now) {
    return EntitlementRules.limitOf(plan, overrides, meter, now);
  }
}
