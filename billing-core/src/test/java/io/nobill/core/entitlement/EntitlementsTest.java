package io.nobill.core.entitlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.catalog.Enforcement;
import io.nobill.core.catalog.Limit;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.PricingModel;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.entitlement.Decision.Allowed;
import io.nobill.core.entitlement.Decision.Denied;
import io.nobill.core.entitlement.Decision.Reason;
import io.nobill.core.entitlement.EntitlementOverride.FeatureGrant;
import io.nobill.core.entitlement.EntitlementOverride.FeatureRevocation;
import io.nobill.core.entitlement.EntitlementOverride.LimitOverride;
import io.nobill.core.entitlement.EntitlementOverride.SeatLimitOverride;
import io.nobill.core.money.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.assertj.core.api.ObjectAssert;
import org.junit.jupiter.api.Test;

class EntitlementsTest {
  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  private static final Plan PRO = SeedCatalog.create("EUR").latest("pro").orElseThrow();
  /** exports: hard 100; api_calls: soft 1000 and priced; webhooks: priced, no limit; 5 seats. */
  private static final Plan TEAM = Plan.builder("team", 1).name("Team").currency("EUR").monthly()
      .feature("reports").feature("exports_csv")
      .limit("exports", new BigDecimal("100"), Enforcement.HARD)
      .limit("api_calls", new BigDecimal("1000"), Enforcement.SOFT)
      .seatLimit(5)
      .flatFee("base", "Team", Money.ofMajor("10.00", "EUR"))
      .metered("api_calls", "API calls", "api_calls", PricingModel.perUnit("1"))
      .metered("webhooks", "Webhooks", "webhooks", PricingModel.perUnit("1"))
      .build();

  private static EntitlementSnapshot team(Map<String, BigDecimal> usage, int seats, EntitlementOverride... overrides) {
    return EntitlementRules.evaluate(new EntitlementInputs(Optional.of(TEAM), true, List.of(overrides), usage, seats, NOW));
  }

  private static EntitlementSnapshot team(EntitlementOverride... overrides) {
    return team(Map.of(), 1, overrides);
  }

  private static BigDecimal n(String s) {
    return new BigDecimal(s);
  }

  private static Optional<Instant> never() {
    return Optional.empty();
  }

  private static Optional<Instant> at(Instant instant) {
    return Optional.of(instant);
  }

  private static void assertAllowed(Decision d, String remaining, boolean overage) {
    assertThat(d).isInstanceOf(Allowed.class);
    Allowed a = (Allowed) d;
    assertThat(a.allowed()).isTrue();
    assertThat(a.overage()).as("overage").isEqualTo(overage);
    if (remaining == null) {
      assertThat(a.remaining()).as("remaining").isEmpty();
    } else {
      assertThat(a.remaining()).as("remaining").hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo(remaining));
    }
  }

  private static ObjectAssert<Denied> assertDenied(Decision d, Reason reason) {
    assertThat(d).isInstanceOf(Denied.class);
    assertThat(d.allowed()).isFalse();
    assertThat(((Denied) d).reason()).isEqualTo(reason);
    return assertThat((Denied) d);
  }

  private static Consumer<InvalidRequestException> names(String field) {
    return e -> assertThat(e.field()).isEqualTo(field);
  }

  @Test
  void thePlansFeaturesAreEntitled() {
    EntitlementSnapshot s = EntitlementRules.evaluate(new EntitlementInputs(Optional.of(PRO), true, List.of(), Map.of(), 3, NOW));
    assertThat(s.hasAccess()).isTrue();
    assertThat(s.features()).containsExactlyInAnyOrder("basic_reports", "advanced_reports", "api_access");
    assertThat(s.has("advanced_reports")).isTrue();
    assertThat(s.has("sso")).isFalse();
    assertThat(s.limit("api_calls")).contains(new Limit(n("1000000"), Enforcement.SOFT));
    assertThat(s.seatLimit()).contains(50);
    assertThat(s.activeSeats()).isEqualTo(3);
  }

  @Test
  void grantsAddFeaturesAndRevocationsRemovePlanFeaturesAndGrants() {
    EntitlementSnapshot s = team(new FeatureGrant("sso", never()), new FeatureRevocation("exports_csv", never()));
    assertThat(s.features()).containsExactlyInAnyOrder("reports", "sso");
    assertThat(s.has("exports_csv")).isFalse();

    assertThat(team(new FeatureGrant("sso", never()), new FeatureRevocation("sso", never())).has("sso")).isFalse();
    // The later override of a key wins, so a grant after a revocation restores the feature.
    assertThat(team(new FeatureRevocation("reports", never()), new FeatureGrant("reports", never())).has("reports")).isTrue();
    assertThat(team(new FeatureRevocation("unknown", never())).features()).containsExactlyInAnyOrder("reports", "exports_csv");
  }

  @Test
  void overridesExpiringAtOrBeforeNowAreIgnored() {
    assertThat(team(new FeatureGrant("sso", at(NOW.minusSeconds(1)))).has("sso")).isFalse();
    assertThat(team(new FeatureGrant("sso", at(NOW))).has("sso")).isFalse();
    assertThat(team(new FeatureGrant("sso", at(NOW.plusNanos(1)))).has("sso")).isTrue();
    assertThat(team(new FeatureRevocation("reports", at(NOW))).has("reports")).isTrue();
    assertThat(team(new FeatureRevocation("reports", at(NOW.plus(Duration.ofDays(1))))).has("reports")).isFalse();

    assertThat(team(new LimitOverride("exports", Optional.of(n("500")), Enforcement.HARD, at(NOW))).limit("exports"))
        .contains(new Limit(n("100"), Enforcement.HARD));
    assertThat(team(new SeatLimitOverride(Optional.of(20), at(NOW))).seatLimit()).contains(5);
    assertThat(team(new SeatLimitOverride(Optional.of(20), at(NOW.plusSeconds(1)))).seatLimit()).contains(20);

    // An expired override does not take a key back from an earlier, live one.
    assertThat(team(new FeatureGrant("sso", never()), new FeatureRevocation("sso", at(NOW))).has("sso")).isTrue();
  }

  @Test
  void aLimitOverrideRaisesLowersOrRemovesTheLimit() {
    Map<String, BigDecimal> usage = Map.of("exports", n("90"));
    EntitlementSnapshot raised = team(usage, 1, new LimitOverride("exports", Optional.of(n("500")), Enforcement.HARD, never()));
    assertThat(raised.limit("exports")).contains(new Limit(n("500"), Enforcement.HARD));
    assertAllowed(raised.check("exports", n("400")), "10", false);

    EntitlementSnapshot lowered = team(usage, 1, new LimitOverride("exports", Optional.of(n("50")), Enforcement.HARD, never()));
    assertDenied(lowered.check("exports", n("1")), Reason.HARD_LIMIT_REACHED);
    assertDenied(lowered.check("exports", BigDecimal.ZERO), Reason.HARD_LIMIT_REACHED);
    assertThat(lowered.remaining("exports")).hasValueSatisfying(r -> assertThat(r).isZero());

    EntitlementSnapshot unlimited = team(usage, 1, new LimitOverride("exports", Optional.empty(), Enforcement.HARD, never()));
    assertThat(unlimited.limit("exports")).isEmpty();
    assertThat(unlimited.remaining("exports")).isEmpty();
    assertThat(unlimited.check("exports", n("1000000000"))).isSameAs(Allowed.UNLIMITED);

    EntitlementSnapshot softened = team(usage, 1, new LimitOverride("exports", Optional.of(n("100")), Enforcement.SOFT, never()));
    assertAllowed(softened.check("exports", n("20")), "0", true);

    // The last override of a meter wins.
    EntitlementSnapshot twice = team(usage, 1, new LimitOverride("exports", Optional.empty(), Enforcement.HARD, never()),
        new LimitOverride("exports", Optional.of(n("95")), Enforcement.HARD, never()));
    assertAllowed(twice.check("exports", n("5")), "0", false);
  }

  @Test
  void aLimitOverrideMakesAMeterThePlanLacksAvailable() {
    EntitlementSnapshot s = team(Map.of("storage_gb", n("7")), 1,
        new LimitOverride("storage_gb", Optional.of(n("10")), Enforcement.HARD, never()));
    assertAllowed(s.check("storage_gb", n("3")), "0", false);
    assertDenied(s.check("storage_gb", n("3.5")), Reason.HARD_LIMIT_REACHED);
  }

  @Test
  void aHardLimitAllowsUpToAndIncludingTheIncludedQuantity() {
    EntitlementSnapshot s = team(Map.of("exports", n("60")), 1);
    assertAllowed(s.check("exports", n("39")), "1", false);
    assertAllowed(s.check("exports", n("40")), "0", false);
    assertDenied(s.check("exports", n("41")), Reason.HARD_LIMIT_REACHED)
        .extracting(Denied::detail).asString().contains("exports").contains("60").contains("100");
    assertDenied(s.check("exports", n("40.001")), Reason.HARD_LIMIT_REACHED);
    assertAllowed(s.check("exports", BigDecimal.ZERO), "40", false);
    assertThat(s.used("exports")).hasValueSatisfying(u -> assertThat(u).isEqualByComparingTo("60"));
    assertThat(s.remaining("exports")).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("40"));

    // The denial does not depend on the quantity, so it is one shared instance per meter.
    assertThat(s.check("exports", n("41"))).isSameAs(s.check("exports", n("1000")));
  }

  @Test
  void aSoftLimitAlwaysAllowsAndFlagsOverageBeyondIt() {
    EntitlementSnapshot s = team(Map.of("api_calls", n("900")), 1);
    assertAllowed(s.check("api_calls", n("99")), "1", false);
    assertAllowed(s.check("api_calls", n("100")), "0", false);
    assertAllowed(s.check("api_calls", n("101")), "0", true);
    assertAllowed(s.check("api_calls", n("1000000")), "0", true);
    assertThat(s.limit("api_calls")).contains(new Limit(n("1000"), Enforcement.SOFT));
  }

  @Test
  void remainingIsNeverNegative() {
    EntitlementSnapshot s = team(Map.of("api_calls", n("1500"), "exports", n("130")), 1);
    assertThat(s.remaining("api_calls")).hasValueSatisfying(r -> assertThat(r).isZero());
    assertThat(s.remaining("exports")).hasValueSatisfying(r -> assertThat(r).isZero());
    assertAllowed(s.check("api_calls", BigDecimal.ZERO), "0", true);
    assertAllowed(s.check("api_calls", n("5")), "0", true);
    assertDenied(s.check("exports", BigDecimal.ZERO), Reason.HARD_LIMIT_REACHED);
  }

  @Test
  void aPricedMeterWithoutALimitIsUnlimited() {
    EntitlementSnapshot s = team(Map.of("webhooks", n("1000000")), 1);
    assertThat(s.check("webhooks", n("999999999"))).isSameAs(Allowed.UNLIMITED);
    assertAllowed(s.check("webhooks", n("1")), null, false);
    assertThat(s.limit("webhooks")).isEmpty();
    assertThat(s.remaining("webhooks")).isEmpty();
    assertThat(s.used("webhooks")).hasValueSatisfying(u -> assertThat(u).isEqualByComparingTo("1000000"));
  }

  @Test
  void aMeterThePlanNeitherPricesNorLimitsIsAbsent() {
    EntitlementSnapshot s = team(Map.of("storage_gb", n("3")), 1);
    assertDenied(s.check("storage_gb", n("1")), Reason.FEATURE_ABSENT)
        .extracting(Denied::detail).asString().contains("team@1");
    assertDenied(s.check("nope", BigDecimal.ZERO), Reason.FEATURE_ABSENT);
    assertThat(s.limit("storage_gb")).isEmpty();
    assertThat(s.remaining("storage_gb")).hasValueSatisfying(r -> assertThat(r).isZero());
    assertThat(s.used("storage_gb")).hasValueSatisfying(u -> assertThat(u).isEqualByComparingTo("3"));
    assertThat(s.used("nope")).isEmpty();
    assertThat(s.used("exports")).hasValueSatisfying(u -> assertThat(u).isZero());
    // A revocation is about features, not meters.
    assertAllowed(team(new FeatureRevocation("exports", never())).check("exports", n("1")), "99", false);
  }

  @Test
  void withoutAPlanOrWithoutAccessThereAreNoEntitlements() {
    List<EntitlementOverride> generous = List.of(new FeatureGrant("sso", never()),
        new LimitOverride("exports", Optional.empty(), Enforcement.HARD, never()),
        new SeatLimitOverride(Optional.empty(), never()));
    EntitlementSnapshot noPlan = EntitlementRules.evaluate(
        new EntitlementInputs(Optional.empty(), true, generous, Map.of("exports", n("4")), 2, NOW));
    EntitlementSnapshot noAccess = EntitlementRules.evaluate(
        new EntitlementInputs(Optional.of(TEAM), false, generous, Map.of("exports", n("4")), 2, NOW));
    for (EntitlementSnapshot s : List.of(noPlan, noAccess)) {
      assertThat(s.hasAccess()).isFalse();
      assertThat(s.features()).isEmpty();
      assertThat(s.has("reports")).isFalse();
      assertThat(s.has("sso")).isFalse();
      for (String meter : List.of("exports", "api_calls", "webhooks", "storage_gb")) {
        assertDenied(s.check(meter, BigDecimal.ZERO), Reason.NO_ACCESS);
        assertDenied(s.check(meter, n("1")), Reason.NO_ACCESS);
        assertThat(s.limit(meter)).isEmpty();
        assertThat(s.remaining(meter)).hasValueSatisfying(r -> assertThat(r).isZero());
      }
      assertDenied(s.checkSeats(0), Reason.NO_ACCESS);
      assertDenied(s.checkSeats(1), Reason.NO_ACCESS);
      assertThat(s.seatLimit()).contains(0);
      assertThat(s.activeSeats()).isEqualTo(2);
      assertThat(s.used("exports")).hasValueSatisfying(u -> assertThat(u).isEqualByComparingTo("4"));
    }
    assertThat(((Denied) noPlan.check("exports", n("1"))).detail()).contains("no subscription");
    assertThat(((Denied) noAccess.check("exports", n("1"))).detail()).contains("does not grant access");
  }

  @Test
  void seatsUpToTheLimitAreAllowed() {
    EntitlementSnapshot s = team(Map.of(), 4);
    assertAllowed(s.checkSeats(0), "1", false);
    assertAllowed(s.checkSeats(1), "0", false);
    assertDenied(s.checkSeats(2), Reason.SEAT_LIMIT_REACHED);

    EntitlementSnapshot full = team(Map.of(), 5);
    assertAllowed(full.checkSeats(0), "0", false);
    assertDenied(full.checkSeats(1), Reason.SEAT_LIMIT_REACHED)
        .extracting(Denied::detail).isEqualTo("5 of 5 seats in use; the plan allows 5");
    assertDenied(full.checkSeats(Integer.MAX_VALUE), Reason.SEAT_LIMIT_REACHED);
  }

  @Test
  void aSeatLimitOverrideReplacesThePlans() {
    EntitlementSnapshot raised = team(Map.of(), 5, new SeatLimitOverride(Optional.of(8), never()));
    assertThat(raised.seatLimit()).contains(8);
    assertAllowed(raised.checkSeats(3), "0", false);
    assertDenied(raised.checkSeats(4), Reason.SEAT_LIMIT_REACHED)
        .extracting(Denied::detail).isEqualTo("5 of 8 seats in use; an override allows 8");

    EntitlementSnapshot lowered = team(Map.of(), 5, new SeatLimitOverride(Optional.of(3), never()));
    assertDenied(lowered.checkSeats(0), Reason.SEAT_LIMIT_REACHED);

    EntitlementSnapshot unlimited = team(Map.of(), 5, new SeatLimitOverride(Optional.empty(), never()));
    assertThat(unlimited.seatLimit()).isEmpty();
    assertThat(unlimited.checkSeats(1_000_000)).isSameAs(Allowed.UNLIMITED);

    Plan noSeatLimit = Plan.builder("free", 1).name("Free").currency("EUR").monthly().build();
    EntitlementSnapshot free = EntitlementRules.evaluate(
        new EntitlementInputs(Optional.of(noSeatLimit), true, List.of(), Map.of(), 100, NOW));
    assertThat(free.checkSeats(5)).isSameAs(Allowed.UNLIMITED);
  }

  @Test
  void badInputNamesTheField() {
    EntitlementSnapshot s = team();
    assertThatThrownBy(() -> s.check("exports", n("-1")))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("quantity"));
    assertThatThrownBy(() -> s.checkSeats(-1))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("additionalSeats"));
    assertThatThrownBy(() -> new FeatureGrant("SSO", never()))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("feature"));
    assertThatThrownBy(() -> new FeatureRevocation("_sso", never()))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("feature"));
    assertThatThrownBy(() -> new FeatureGrant("", never()))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("feature"));
    assertThatThrownBy(() -> new FeatureGrant("a".repeat(65), never()))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("feature"));
    assertThat(new FeatureGrant("a".repeat(64), never()).feature()).hasSize(64);
    assertThat(new FeatureGrant("0k_a.b-c", never()).feature()).isEqualTo("0k_a.b-c");
    assertThatThrownBy(() -> new LimitOverride("api calls", Optional.empty(), Enforcement.HARD, never()))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("meter"));
    assertThatThrownBy(() -> new LimitOverride("api_calls", Optional.of(n("-0.5")), Enforcement.HARD, never()))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("included"));
    assertThat(new LimitOverride("api_calls", Optional.of(BigDecimal.ZERO), Enforcement.HARD, never()).included()).isPresent();
    assertThatThrownBy(() -> new SeatLimitOverride(Optional.of(0), never()))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("seats"));
    assertThatThrownBy(() -> new EntitlementInputs(Optional.of(TEAM), true, List.of(), Map.of("exports", n("-1")), 0, NOW))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("usage"));
    assertThatThrownBy(() -> new EntitlementInputs(Optional.of(TEAM), true, List.of(), Map.of("Exports", n("1")), 0, NOW))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("usage"));
    assertThatThrownBy(() -> new EntitlementInputs(Optional.of(TEAM), true, List.of(), Map.of(), -1, NOW))
        .isInstanceOfSatisfying(InvalidRequestException.class, names("activeSeats"));
  }

  @Test
  void nullsAreRejectedByName() {
    EntitlementSnapshot s = team();
    assertThatThrownBy(() -> s.check(null, BigDecimal.ONE)).isInstanceOf(NullPointerException.class).hasMessage("meter");
    assertThatThrownBy(() -> s.check("exports", null)).isInstanceOf(NullPointerException.class).hasMessage("quantity");
    assertThatThrownBy(() -> s.has(null)).isInstanceOf(NullPointerException.class).hasMessage("feature");
    assertThatThrownBy(() -> new FeatureGrant(null, never())).isInstanceOf(NullPointerException.class).hasMessage("feature");
    assertThatThrownBy(() -> new FeatureGrant("sso", null)).isInstanceOf(NullPointerException.class).hasMessage("expiresAt");
    assertThatThrownBy(() -> new LimitOverride("m", Optional.empty(), null, never()))
        .isInstanceOf(NullPointerException.class).hasMessage("enforcement");
    assertThatThrownBy(() -> new EntitlementInputs(null, true, List.of(), Map.of(), 0, NOW))
        .isInstanceOf(NullPointerException.class).hasMessage("plan");
    assertThatThrownBy(() -> new EntitlementInputs(Optional.empty(), true, List.of(), Map.of(), 0, null))
        .isInstanceOf(NullPointerException.class).hasMessage("now");
    Map<String, BigDecimal> nullUsage = new HashMap<>();
    nullUsage.put("exports", null);
    assertThatThrownBy(() -> new EntitlementInputs(Optional.empty(), true, List.of(), nullUsage, 0, NOW))
        .isInstanceOf(NullPointerException.class).hasMessage("usage");
    assertThatThrownBy(() -> EntitlementRules.evaluate(null)).isInstanceOf(NullPointerException.class).hasMessage("inputs");
  }

  @Test
  void inputsAndSnapshotsAreImmutable() {
    Map<String, BigDecimal> usage = new HashMap<>(Map.of("exports", n("10")));
    List<EntitlementOverride> overrides = new java.util.ArrayList<>(List.of(new FeatureGrant("sso", never())));
    EntitlementInputs inputs = new EntitlementInputs(Optional.of(TEAM), true, overrides, usage, 1, NOW);
    usage.put("exports", n("100"));
    overrides.clear();
    EntitlementSnapshot s = EntitlementRules.evaluate(inputs);
    assertThat(s.has("sso")).isTrue();
    assertAllowed(s.check("exports", n("90")), "0", false);
    assertThatThrownBy(() -> s.features().add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(s.toString()).contains("exports=100 HARD (90 left)");
  }
  @Test
  void oneMetersLimitFollowsTheSameOverrideRuleAsTheSnapshot() {
    Instant now = Instant.parse("2026-03-01T00:00:00Z");
    LimitOverride raised = new LimitOverride("api_calls", Optional.of(new BigDecimal("2000000")), Enforcement.SOFT,
        Optional.empty());
    LimitOverride expired = new LimitOverride("api_calls", Optional.of(BigDecimal.TEN), Enforcement.HARD, Optional.of(now));
    LimitOverride unlimited = new LimitOverride("api_calls", Optional.empty(), Enforcement.SOFT, Optional.empty());
    assertThat(EntitlementRules.limitOf(PRO, List.of(), "api_calls", now))
        .contains(new Limit(new BigDecimal("1000000"), Enforcement.SOFT));
    assertThat(EntitlementRules.limitOf(PRO, List.of(raised), "api_calls", now))
        .contains(new Limit(new BigDecimal("2000000"), Enforcement.SOFT));
    assertThat(EntitlementRules.limitOf(PRO, List.of(raised, expired), "api_calls", now)).as("an expired one is ignored")
        .contains(new Limit(new BigDecimal("2000000"), Enforcement.SOFT));
    assertThat(EntitlementRules.limitOf(PRO, List.of(raised, unlimited), "api_calls", now)).as("the last one wins").isEmpty();
    assertThat(EntitlementRules.limitOf(PRO, List.of(raised), "storage_gb", now)).as("another meter's override").isEmpty();
  }
}
