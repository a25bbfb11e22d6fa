package io.nobill.core.catalog;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.error.NotFoundException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The plans and meters a host sells, defined in code. Plans are immutable versions: to
 * change a price, add a new version of the plan; subscriptions keep theirs until migrated.
 * The catalog checks what no single plan can: that every metered price and limit names a
 * declared meter, that plan versions are unique, and that a plan keeps its currency and
 * interval across versions.
 */
public final class Catalog {
  private final Map<String, Meter> meters;
  private final Map<String, TreeMap<Integer, Plan>> plans;

  private Catalog(Map<String, Meter> meters, Map<String, TreeMap<Integer, Plan>> plans) {
    this.meters = meters;
    this.plans = plans;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A catalog with no plans and no meters. */
  public static Catalog empty() {
    return builder().build();
  }

  public Optional<Meter> meter(String key) {
    return Optional.ofNullable(meters.get(Objects.requireNonNull(key, "key")));
  }

  public Collection<Meter> meters() {
    return meters.values();
  }

  /** One version of a plan. */
  public Optional<Plan> plan(PlanRef ref) {
    Objects.requireNonNull(ref, "ref");
    TreeMap<Integer, Plan> versions = plans.get(ref.key());
    return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(ref.version()));
  }

  /** The newest version of a plan: what new subscriptions get. */
  public Optional<Plan> latest(String planKey) {
    TreeMap<Integer, Plan> versions = plans.get(Objects.requireNonNull(planKey, "planKey"));
    return versions == null ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
  }

  /** One version of a plan, or {@link NotFoundException}. */
  public Plan require(PlanRef ref) {
    return plan(ref).orElseThrow(() -> new NotFoundException("plan", ref));
  }

  /** The newest version of every plan, in the order they were added. */
  public List<Plan> latestPlans() {
    return plans.values().stream().map(v -> v.lastEntry().getValue()).toList();
  }

  /** Builds a catalog; {@link #build()} checks the rules across plans and meters. */
  public static final class Builder {
    private final Map<String, Meter> meters = new LinkedHashMap<>();
    private final Map<String, TreeMap<Integer, Plan>> plans = new LinkedHashMap<>();

    private Builder() {}

    public Builder meter(Meter meter) {
      Objects.requireNonNull(meter, "meter");
      InvalidRequestException.require(!meters.containsKey(meter.key()), "meters.key",
          "must be unique; '" + meter.key() + "' repeats");
      meters.put(meter.key(), meter);
      return this;
    }

    public Builder plan(Plan plan) {
      Objects.requireNonNull(plan, "plan");
      TreeMap<Integer, Plan> versions = plans.computeIfAbsent(plan.key(), k -> new TreeMap<>());
      InvalidRequestException.require(!versions.containsKey(plan.version()), "plans",
          "must have unique versions; " + plan.ref() + " repeats");
      if (!versions.isEmpty()) {
        Plan other = versions.firstEntry().getValue();
        InvalidRequestException.require(other.currency().equals(plan.currency()), "plans",
            "must keep one currency across versions; " + plan.ref() + " differs from " + other.ref());
        InvalidRequestException.require(other.interval().equals(plan.interval()), "plans",
            "must keep one billing interval across versions; " + plan.ref() + " differs from " + other.ref());
      }
      versions.put(plan.version(), plan);
      return this;
    }

    public Catalog build() {
      for (TreeMap<Integer, Plan> versions : plans.values()) {
        for (Plan plan : versions.values()) {
          for (String meter : plan.pricedMeters()) {
            InvalidRequestException.require(meters.containsKey(meter), "prices.meter",
                "must be a declared meter; plan " + plan.ref() + " prices unknown meter '" + meter + "'");
          }
          for (String meter : plan.limits().keySet()) {
            InvalidRequestException.require(meters.containsKey(meter), "limits",
                "must name a declared meter; plan " + plan.ref() + " limits unknown meter '" + meter + "'");
          }
        }
      }
      Map<String, TreeMap<Integer, Plan>> copy = new LinkedHashMap<>();
      plans.forEach((k, v) -> copy.put(k, new TreeMap<>(v)));
      return new Catalog(Collections.unmodifiableMap(new LinkedHashMap<>(meters)), Collections.unmodifiableMap(copy));
    }
  }
}
