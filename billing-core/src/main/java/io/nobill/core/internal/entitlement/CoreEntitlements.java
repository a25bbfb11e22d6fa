package io.nobill.core.internal.entitlement;

import io.nobill.core.access.Actor;
import io.nobill.core.access.Permission;
import io.nobill.core.catalog.Limit;
import io.nobill.core.catalog.Plan;
import io.nobill.core.entitlement.*;
import io.nobill.core.error.ConflictException;
import io.nobill.core.id.OrgId;
import io.nobill.core.internal.access.Access;
import io.nobill.core.internal.org.CoreOrganizations;
import io.nobill.core.org.Membership;
import io.nobill.core.org.Organizations;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.TenantTransaction;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
public final class CoreEntitlements implements Entitlements {
  private final BillingStore store;
  private final Clock clock;
  private final EntitlementSource source;

  private CoreEntitlements(BillingStore store, Clock clock, EntitlementSource source) {
    this.store = store;
    this.clock = clock;
    this.source = source;
  }

  /** Entitlements read from {@code store}, with subscriptions and usage from {@code source}. */
  public static CoreEntitlements create(BillingStore store, Clock clock, EntitlementSource source) {
    return new CoreEntitlements(Objects.requireNonNull(store, "store"), Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(source, "source"));
  }

  /** The organization's entitlements now. Needs {@code features.read}. */
  @Override
  public EntitlementSnapshot snapshot(Actor actor, OrgId org) {
    Objects.requireNonNull(org, "org");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.FEATURES_READ);
      return snapshot(tx);
    });
  }

  /** The organization's entitlements now, inside a running tenant transaction. */
  public EntitlementSnapshot snapshot(TenantTransaction tx) {
    Instant now = clock.instant();
    int activeSeats = (int) tx.memberships().list().stream().filter(Membership::isActive).count();
    return EntitlementRules.evaluate(new EntitlementInputs(source.plan(tx, now), source.access(tx, now), tx.overrides().entitlements(),
        source.usage(tx, now), activeSeats, now));
  }

  /**
   * Whether the organization may consume {@code quantity} more of {@code meter}. Needs {@code
   * features.read}. This is the host's request path: with a store that keeps a {@link
   * io.nobill.core.spi.ReadCache} a warm check opens no transaction — the snapshot and the
   * actor's permission are cached per organization, dropped when the organization changes
   * through this instance and bounded by the cache's time-to-live for other instances.
   */
  @Override
  public Decision check(Actor actor, OrgId org, String meter, BigDecimal quantity) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(quantity, "quantity");
    io.nobill.core.spi.ReadCache cache = store.readCache();
    Instant now = clock.instant();
    boolean allowed = cache.get(org, "may-read-features:" + actor.describe(), now,
        () -> store.inTenant(org, tx -> Access.holds(tx, actor, Permission.FEATURES_READ)));
    if (!allowed) {
      throw new io.nobill.core.access.AccessDeniedException(actor.describe(), Permission.FEATURES_READ.key(), org);
    }
    Timed cached = cache.get(org, "entitlements", now, () -> store.inTenant(org, this::timed));
    // Access can end with no write at all (a period ending unrenewed): a snapshot taken before
    // that instant is not used after it.
    if (cached.accessEndsAt().isPresent() && !now.isBefore(cached.accessEndsAt().get())) {
      cached = store.inTenant(org, this::timed);
    }
    return cached.snapshot().check(meter, quantity);
  }

  /** A snapshot and the instant its access turns off by time alone. */
  private record Timed(EntitlementSnapshot snapshot, Optional<Instant> accessEndsAt) {}

  private Timed timed(TenantTransaction tx) {
    return new Timed(snapshot(tx), source.accessEndsAt(tx, clock.instant()));
  }

  /**
   * The rule {@code Organizations} applies before adding or reactivating a member: refused
   * with a {@link ConflictException} naming the limit when the seats are all taken.
   */
  public CoreOrganizations.MembershipRule seatLimitRule() {
    return (tx, user) -> {
      Decision decision = snapshot(tx).checkSeats(1);
      if (decision instanceof Decision.Denied denied && denied.reason() == Decision.Reason.SEAT_LIMIT_REACHED) {
        throw new ConflictException(tx.org(), "seat limit reached: " + denied.detail());
      }
    };
  }
}
