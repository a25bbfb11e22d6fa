package io.nobill.core.entitlement;

import io.nobill.core.catalog.Enforcement;
import io.nobill.core.catalog.Limit;
import io.nobill.core.error.InvalidRequestException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One organization's entitlements at one instant, from {@link Entitlements#evaluate}.
 * Everything a check needs is worked out when the snapshot is made, so a check is a hash
 * lookup and one comparison, and the common answers (unlimited, at a hard limit, over a soft
 * limit, no access) are shared instances. A snapshot is immutable and safe to share between
 * threads; it does not go stale on its own account, but the usage and seats it was made from do.
 *
 * <p>Without access (no plan, or a subscription that does not grant access now) there are no
 * features, no meter has a limit, every meter and the seats have nothing remaining (0), and
 * every check is denied with {@link Decision.Reason#NO_ACCESS}. A meter the organization is
 * not entitled to likewise has 0 remaining, since a check of it is denied.
 */
public final class EntitlementSnapshot {
  static final Decision.Denied NO_SUBSCRIPTION =
      new Decision.Denied(Decision.Reason.NO_ACCESS, "the organization has no subscription");
  static final Decision.Denied NO_ACCESS_NOW =
      new Decision.Denied(Decision.Reason.NO_ACCESS, "the organization's subscription does not grant access now");
  private static final Optional<BigDecimal> NOTHING_LEFT = Optional.of(BigDecimal.ZERO);
  private static final Optional<Integer> NO_SEATS = Optional.of(0);
  private static final Decision.Allowed OVER_SOFT_LIMIT = new Decision.Allowed(NOTHING_LEFT, true);

  private final Decision.Denied noAccess;
  private final Set<String> features;
  private final Map<String, Meter> meters;
  private final Map<String, Optional<BigDecimal>> used;
  private final int activeSeats;
  private final Optional<Integer> seatLimit;
  private final Decision.Denied seatsFull;
  private final Decision.Denied absent;

  /** With access: {@code limits} holds every available meter, empty for unlimited. */
  public EntitlementSnapshot(String plan, Set<String> features, Map<String, Optional<Limit>> limits,
      Map<String, BigDecimal> usage, int activeSeats, Optional<Integer> seatLimit, String seatLimitSource) {
    this.noAccess = null;
    this.features = Set.copyOf(features);
    this.meters = new HashMap<>(limits.size() * 2);
    this.used = new HashMap<>((usage.size() + limits.size()) * 2);
    usage.forEach((meter, quantity) -> used.put(meter, Optional.of(quantity)));
    limits.forEach((meter, limit) -> {
      BigDecimal quantity = usage.getOrDefault(meter, BigDecimal.ZERO);
      meters.put(meter, new Meter(meter, limit, quantity));
      used.putIfAbsent(meter, Optional.of(quantity));
    });
    this.activeSeats = activeSeats;
    this.seatLimit = seatLimit;
    this.seatsFull = seatLimit.map(max -> new Decision.Denied(Decision.Reason.SEAT_LIMIT_REACHED,
        activeSeats + " of " + max + " seats in use; " + seatLimitSource + " allows " + max)).orElse(null);
    this.absent = new Decision.Denied(Decision.Reason.FEATURE_ABSENT,
        "plan " + plan + " neither prices nor limits this meter, and no override makes it available");
  }

  private EntitlementSnapshot(Decision.Denied noAccess, Map<String, BigDecimal> usage, int activeSeats) {
    this.noAccess = noAccess;
    this.features = Set.of();
    this.meters = Map.of();
    this.used = new HashMap<>(usage.size() * 2);
    usage.forEach((meter, quantity) -> used.put(meter, Optional.of(quantity)));
    this.activeSeats = activeSeats;
    this.seatLimit = NO_SEATS;
    this.seatsFull = noAccess;
    this.absent = noAccess;
  }

  static EntitlementSnapshot withoutAccess(Decision.Denied reason, Map<String, BigDecimal> usage, int activeSeats) {
    return new EntitlementSnapshot(reason, usage, activeSeats);
  }

  /** Whether the organization has a subscription that grants access now. */
  public boolean hasAccess() {
    return noAccess == null;
  }

  /** Whether the organization may use the feature. */
  public boolean has(String feature) {
    return features.contains(Objects.requireNonNull(feature, "feature"));
  }

  /** The features the organization may use. */
  public Set<String> features() {
    return features;
  }

  /** The meter's limit for the period; empty when it is unlimited or not available. */
  public Optional<Limit> limit(String meter) {
    Meter m = meters.get(Objects.requireNonNull(meter, "meter"));
    return m == null ? Optional.empty() : m.limit;
  }

  /**
   * The meter's total so far this period: the usage given, 0 for an available meter without
   * usage, empty for a meter that is neither.
   */
  public Optional<BigDecimal> used(String meter) {
    Optional<BigDecimal> u = used.get(Objects.requireNonNull(meter, "meter"));
    return u == null ? Optional.empty() : u;
  }

  /**
   * What is left of the meter's limit this period, never negative (0 when over it); empty
   * when the meter is unlimited. 0 for a meter that is not available, and for every meter
   * without access.
   */
  public Optional<BigDecimal> remaining(String meter) {
    Meter m = meters.get(Objects.requireNonNull(meter, "meter"));
    return m == null ? NOTHING_LEFT : m.remaining;
  }

  /**
   * May the organization consume {@code quantity} more of {@code meter}?
   *
   * <ul>
   *   <li>No access: denied, {@code NO_ACCESS}.
   *   <li>A meter the plan neither prices nor limits, and no override limits: denied,
   *       {@code FEATURE_ABSENT}.
   *   <li>Unlimited: allowed, no remaining, no overage.
   *   <li>Hard limit: denied ({@code HARD_LIMIT_REACHED}) when used + quantity exceeds the
   *       included quantity, else allowed with included − used − quantity remaining.
   *   <li>Soft limit: always allowed; overage when used + quantity exceeds the included
   *       quantity; remaining is included − used − quantity, or 0 when that is negative.
   * </ul>
   *
   * @throws InvalidRequestException naming {@code quantity} when it is negative
   */
  public Decision check(String meter, BigDecimal quantity) {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(quantity, "quantity");
    if (quantity.signum() < 0) {
      throw new InvalidRequestException("quantity", "must not be negative");
    }
    if (noAccess != null) {
      return noAccess;
    }
    Meter m = meters.get(meter);
    return m == null ? absent : m.check(quantity);
  }

  /**
   * May the organization add {@code additionalSeats} seats? Denied ({@code SEAT_LIMIT_REACHED})
   * when active + additional seats exceed the seat limit; otherwise allowed with the seats
   * that would be left, or unlimited.
   *
   * @throws InvalidRequestException naming {@code additionalSeats} when it is negative
   */
  public Decision checkSeats(int additionalSeats) {
    InvalidRequestException.require(additionalSeats >= 0, "additionalSeats", "must not be negative");
    if (noAccess != null) {
      return noAccess;
    }
    if (seatsFull == null) {
      return Decision.Allowed.UNLIMITED;
    }
    long left = (long) seatLimit.get() - activeSeats - additionalSeats;
    return left < 0 ? seatsFull : new Decision.Allowed(Optional.of(BigDecimal.valueOf(left)), false);
  }

  /** The seats in use. */
  public int activeSeats() {
    return activeSeats;
  }

  /** The most seats the organization may have; empty when unlimited, 0 without access. */
  public Optional<Integer> seatLimit() {
    return seatLimit;
  }

  @Override
  public String toString() {
    if (noAccess != null) {
      return "EntitlementSnapshot[no access: " + noAccess.detail() + "]";
    }
    return "EntitlementSnapshot[features=" + features + ", meters=" + meters.values() + ", activeSeats=" + activeSeats
        + ", seatLimit=" + seatLimit.map(String::valueOf).orElse("unlimited") + "]";
  }

  /** One available meter with everything a check of it needs. */
  private static final class Meter {
    private final String key;
    private final Optional<Limit> limit;
    private final boolean hard;
    /** included − used, possibly negative; null when unlimited. */
    private final BigDecimal headroom;
    private final Optional<BigDecimal> remaining;
    private final Decision.Denied atHardLimit;
    private final Decision atZero;

    Meter(String key, Optional<Limit> limit, BigDecimal used) {
      this.key = key;
      this.limit = limit;
      if (limit.isEmpty()) {
        this.hard = false;
        this.headroom = null;
        this.remaining = Optional.empty();
        this.atHardLimit = null;
      } else {
        Limit l = limit.get();
        this.hard = l.enforcement() == Enforcement.HARD;
        this.headroom = l.included().subtract(used);
        this.remaining = headroom.signum() > 0 ? Optional.of(headroom) : NOTHING_LEFT;
        this.atHardLimit = hard ? new Decision.Denied(Decision.Reason.HARD_LIMIT_REACHED, key + " has used "
            + used.toPlainString() + " of its hard limit of " + l.included().toPlainString() + " this period") : null;
      }
      this.atZero = decide(BigDecimal.ZERO);
    }

    Decision check(BigDecimal quantity) {
      return quantity.signum() == 0 ? atZero : decide(quantity);
    }

    // used + quantity > included  ⇔  quantity > headroom: one comparison, no addition.
    private Decision decide(BigDecimal quantity) {
      if (headroom == null) {
        return Decision.Allowed.UNLIMITED;
      }
      boolean over = quantity.compareTo(headroom) > 0;
      if (hard) {
        return over ? atHardLimit : new Decision.Allowed(Optional.of(headroom.subtract(quantity)), false);
      }
      return over ? OVER_SOFT_LIMIT : new Decision.Allowed(Optional.of(headroom.subtract(quantity)), false);
    }

    @Override
    public String toString() {
      return key + "=" + limit.map(l -> l.included().toPlainString() + " " + l.enforcement()).orElse("unlimited")
          + (headroom == null ? "" : " (" + remaining.get().toPlainString() + " left)");
    }
  }
}
