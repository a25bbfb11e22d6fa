package io.nobill.core.entitlement;

import io.nobill.core.catalog.Plan;
import io.nobill.core.error.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link Entitlements#evaluate} needs about one organization at one instant.
 *
 * @param plan        the plan of the organization's subscription; empty when it has none
 * @param access      whether that subscription grants access at {@code now} (trialing,
 *                    active, or past due within its grace period); the caller decides
 * @param overrides   the organization's overrides, oldest first
 * @param usage       the current period's total per meter, each at least 0; a meter that is
 *                    missing has used nothing
 * @param activeSeats the seats in use now
 * @param now         the instant the overrides' expiry is judged at
 */
public record EntitlementInputs(Optional<Plan> plan, boolean access, List<EntitlementOverride> overrides,
    Map<String, BigDecimal> usage, int activeSeats, Instant now) {

  public EntitlementInputs {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(overrides, "overrides");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(now, "now");
    List<EntitlementOverride> copied = new ArrayList<>(overrides.size());
    for (EntitlementOverride o : overrides) {
      copied.add(Objects.requireNonNull(o, "overrides"));
    }
    overrides = List.copyOf(copied);
    Map<String, BigDecimal> checked = new HashMap<>();
    for (Map.Entry<String, BigDecimal> u : usage.entrySet()) {
      String meter = EntitlementKeys.check(u.getKey(), "usage");
      BigDecimal quantity = Objects.requireNonNull(u.getValue(), "usage");
      InvalidRequestException.require(quantity.signum() >= 0, "usage", "must not be negative ('" + meter + "')");
      checked.put(meter, quantity);
    }
    usage = Map.copyOf(checked);
    InvalidRequestException.require(activeSeats >= 0, "activeSeats", "must not be negative");
  }
}
