package io.nobill.core.testkit;

import io.nobill.core.internal.org.CoreOrganizations;
import io.nobill.core.internal.entitlement.CoreOverrides;
import io.nobill.core.internal.entitlement.CoreEntitlements;
import io.nobill.core.internal.audit.CoreAuditTrail;
import io.nobill.core.internal.ledger.CoreLedger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.access.AccessDeniedException;
import io.nobill.core.access.Actor;
import io.nobill.core.error.ConflictException;
import io.nobill.core.access.Role;
import io.nobill.core.audit.AuditEntry;
import io.nobill.core.audit.AuditQuery;
import io.nobill.core.audit.AuditTrail;
import io.nobill.core.catalog.Enforcement;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.entitlement.Decision;
import io.nobill.core.entitlement.EntitlementOverride;
import io.nobill.core.entitlement.EntitlementSnapshot;
import io.nobill.core.internal.entitlement.EntitlementSource;
import io.nobill.core.entitlement.Entitlements;
import io.nobill.core.entitlement.Overrides;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.ledger.Ledger;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.org.Organizations;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.TenantTransaction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Entitlements read from a store: overrides as stored (with expiry), active members as
 * seats, the seat limit applied when members are added, and overrides managed only by
 * operators, audited and isolated per organization. Subscriptions and usage come from a
 * test source here; later parts of NOBill supply the real ones.
 */
public abstract class EntitlementsContract {
  protected static final Actor OPERATOR = Actor.operator("ops-1");
  protected static final Plan PRO = SeedCatalog.create("EUR").latest("pro").orElseThrow();

  protected abstract BillingStore newStore();

  protected BillingStore store;
  protected TestClock clock;
  protected final IdGenerator ids = IdGenerator.sequential();
  protected CoreEntitlements entitlements;
  protected CoreOverrides overrides;
  protected CoreOrganizations orgs;
  protected CoreAuditTrail audit;
  protected OrgId acme;
  protected UserId owner;
  /** The plan and usage each organization's "subscription" has in these tests. */
  protected final Map<OrgId, Plan> plans = new HashMap<>();
  protected final Map<OrgId, Map<String, BigDecimal>> usage = new HashMap<>();

  @BeforeEach
  void setUp() {
    store = newStore();
    clock = TestClock.at("2026-03-01T00:00:00Z");
    EntitlementSource source = new EntitlementSource() {
      @Override
      public Optional<Plan> plan(TenantTransaction tx, Instant now) {
        return Optional.ofNullable(plans.get(tx.org()));
      }

      @Override
      public boolean access(TenantTransaction tx, Instant now) {
        return plans.containsKey(tx.org());
      }

      @Override
      public Map<String, BigDecimal> usage(TenantTransaction tx, Instant now) {
        return usage.getOrDefault(tx.org(), Map.of());
      }
    };
    entitlements = CoreEntitlements.create(store, clock, source);
    overrides = CoreOverrides.create(store, clock);
    audit = CoreAuditTrail.create(store, clock);
    orgs = CoreOrganizations.create(store, clock, ids, CoreLedger.create(store, clock, ids), audit, List.of(entitlements.seatLimitRule()));
    owner = ids.next(UserId::of);
    acme = provision("Acme", owner);
  }

  private OrgId provision(String name, UserId owner) {
    return orgs.provision(OPERATOR, new NewOrganization(Optional.empty(), name, "billing@acme.example", "DE", Optional.empty(),
        Money.currency("EUR"), Locale.GERMANY, owner)).id();
  }

  @Test
  void withoutASubscriptionThereAreNoPlanEntitlements() {
    EntitlementSnapshot s = entitlements.snapshot(Actor.member(owner), acme);
    assertThat(s.hasAccess()).isFalse();
    assertThat(s.has("api_access")).isFalse();
    assertThat(entitlements.check(Actor.member(owner), acme, "api_calls", BigDecimal.ONE))
        .isInstanceOfSatisfying(Decision.Denied.class, d -> assertThat(d.reason()).isEqualTo(Decision.Reason.NO_ACCESS));
  }

  @Test
  void thePlanGrantsItsFeaturesAndUsageCountsAgainstItsLimits() {
    plans.put(acme, PRO);
    usage.put(acme, Map.of("api_calls", new BigDecimal("999000")));
    EntitlementSnapshot s = entitlements.snapshot(Actor.member(owner), acme);
    assertThat(s.has("api_access")).isTrue();
    assertThat(s.has("sso")).isFalse();
    assertThat(s.remaining("api_calls")).contains(new BigDecimal("1000"));
    assertThat(s.check("api_calls", new BigDecimal("5000")))
        .isInstanceOfSatisfying(Decision.Allowed.class, a -> assertThat(a.overage()).isTrue());
    assertThat(s.activeSeats()).isEqualTo(1);
  }

  @Test
  void storedOverridesApplyUntilTheyExpire() {
    plans.put(acme, PRO);
    overrides.addEntitlementOverride(OPERATOR, acme, new EntitlementOverride.FeatureGrant("sso",
        Optional.of(clock.instant().plus(Duration.ofDays(30)))));
    overrides.addEntitlementOverride(OPERATOR, acme, new EntitlementOverride.LimitOverride("api_calls",
        Optional.of(new BigDecimal("10")), Enforcement.HARD, Optional.empty()));
    assertThat(entitlements.snapshot(OPERATOR, acme).has("sso")).isTrue();
    assertThat(entitlements.check(OPERATOR, acme, "api_calls", new BigDecimal("11")))
        .isInstanceOfSatisfying(Decision.Denied.class, d -> assertThat(d.reason()).isEqualTo(Decision.Reason.HARD_LIMIT_REACHED));

    clock.advance(Duration.ofDays(30));
    assertThat(entitlements.snapshot(OPERATOR, acme).has("sso")).isFalse();
    assertThat(overrides.entitlementOverrides(OPERATOR, acme)).hasSize(2);
  }

  @Test
  void addingAMemberBeyondTheSeatLimitIsRefusedWithTheReason() {
    plans.put(acme, PRO);
    overrides.addEntitlementOverride(OPERATOR, acme, new EntitlementOverride.SeatLimitOverride(Optional.of(2), Optional.empty()));
    UserId second = ids.next(UserId::of);
    orgs.addMember(Actor.member(owner), acme, second, Role.MEMBER);
    UserId third = ids.next(UserId::of);
    assertThatThrownBy(() -> orgs.addMember(Actor.member(owner), acme, third, Role.MEMBER))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("seat limit reached")
        .hasMessageContaining("2 of 2 seats");
    assertThat(orgs.members(Actor.member(owner), acme)).hasSize(2);
    // A deactivated member frees a seat; reactivating needs one.
    orgs.deactivate(Actor.member(owner), acme, second);
    orgs.addMember(Actor.member(owner), acme, third, Role.MEMBER);
    assertThatThrownBy(() -> orgs.reactivate(Actor.member(owner), acme, second))
        .isInstanceOf(ConflictException.class).hasMessageContaining("seat limit reached");
  }

  @Test
  void onlyOperatorsSetOverridesAndEveryChangeIsAudited() {
    UserId admin = ids.next(UserId::of);
    orgs.addMember(Actor.member(owner), acme, admin, Role.ADMIN);
    assertThatThrownBy(() -> overrides.addEntitlementOverride(Actor.member(owner), acme,
        new EntitlementOverride.FeatureGrant("sso", Optional.empty())))
        .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.permission()).isEqualTo("overrides.manage"));
    assertThatThrownBy(() -> overrides.setPricing(Actor.member(admin), acme, PricingOverrides.NONE))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(overrides.entitlementOverrides(OPERATOR, acme)).isEmpty();

    PricingOverrides deal = new PricingOverrides(Map.of(), List.of(), Optional.of(Money.ofMajor("500.00", "EUR")));
    overrides.setPricing(OPERATOR, acme, deal);
    assertThat(overrides.pricing(Actor.member(owner), acme)).isEqualTo(deal);
    List<AuditEntry> trail = audit.query(OPERATOR, acme, AuditQuery.ALL.withAction("overrides.pricing-set"), 0, 10);
    assertThat(trail).singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo("operator:ops-1"));
    assertThat(audit.verify(OPERATOR, acme).intact()).isTrue();
  }

  @Test
  void overridesAreIsolatedBetweenOrganizations() {
    UserId other = ids.next(UserId::of);
    OrgId globex = provision("Globex", other);
    plans.put(acme, PRO);
    plans.put(globex, PRO);
    overrides.addEntitlementOverride(OPERATOR, acme, new EntitlementOverride.FeatureGrant("sso", Optional.empty()));
    overrides.setPricing(OPERATOR, acme, new PricingOverrides(Map.of(), List.of(), Optional.of(Money.ofMajor("1.00", "EUR"))));
    assertThat(entitlements.snapshot(Actor.member(other), globex).has("sso")).isFalse();
    assertThat(overrides.entitlementOverrides(OPERATOR, globex)).isEmpty();
    assertThat(overrides.pricing(OPERATOR, globex)).isEqualTo(PricingOverrides.NONE);
    assertThatThrownBy(() -> entitlements.snapshot(Actor.member(other), acme)).isInstanceOf(AccessDeniedException.class);
  }
}
