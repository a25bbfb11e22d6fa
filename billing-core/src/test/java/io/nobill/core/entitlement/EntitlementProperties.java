package io.nobill.core.entitlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.catalog.Enforcement;
import io.nobill.core.catalog.Plan;
import io.nobill.core.entitlement.Decision.Allowed;
import io.nobill.core.entitlement.Decision.Denied;
import io.nobill.core.entitlement.EntitlementOverride.LimitOverride;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;

class EntitlementProperties {
  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  private static final Plan PLAN = Plan.builder("p", 1).name("P").currency("EUR").monthly()
      .limit("m", new BigDecimal("50"), Enforcement.SOFT).build();

  private static EntitlementSnapshot limited(BigDecimal included, Enforcement enforcement, BigDecimal used) {
    return EntitlementRules.evaluate(new EntitlementInputs(Optional.of(PLAN), true,
        List.of(new LimitOverride("m", Optional.of(included), enforcement, Optional.empty())), Map.of("m", used), 0, NOW));
  }

  @Property
  void aHardCheckAllowsExactlyWhenUsedPlusQuantityFitsAndLeavesTheDifference(
      @ForAll @BigRange(min = "0", max = "1000000") @Scale(2) BigDecimal included,
      @ForAll @BigRange(min = "0", max = "1200000") @Scale(3) BigDecimal used,
      @ForAll @BigRange(min = "0", max = "1200000") @Scale(1) BigDecimal quantity) {
    Decision d = limited(included, Enforcement.HARD, used).check("m", quantity);
    boolean fits = used.add(quantity).compareTo(included) <= 0;
    assertThat(d.allowed()).isEqualTo(fits);
    if (fits) {
      Allowed a = (Allowed) d;
      assertThat(a.overage()).isFalse();
      assertThat(a.remaining()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo(included.subtract(used).subtract(quantity)));
    } else {
      assertThat(((Denied) d).reason()).isEqualTo(Decision.Reason.HARD_LIMIT_REACHED);
    }
  }

  @Property
  void aHardCheckOnWholeNumbersNearTheBoundary(@ForAll @LongRange(min = 0, max = 1_000_000_000L) long included,
      @ForAll @IntRange(min = -3, max = 3) int offset, @ForAll @LongRange(min = 0, max = 1_000_000_000L) long used) {
    // Bias the quantity to land on, just under and just over the included quantity.
    long q = Math.max(0, included - used + offset);
    Decision d = limited(BigDecimal.valueOf(included), Enforcement.HARD, BigDecimal.valueOf(used)).check("m", BigDecimal.valueOf(q));
    assertThat(d.allowed()).isEqualTo(used + q <= included);
    if (d.allowed()) {
      assertThat(((Allowed) d).remaining()).contains(BigDecimal.valueOf(included - used - q));
    }
  }

  @Property
  void aSoftCheckAlwaysAllowsWithRemainingNeverNegative(
      @ForAll @BigRange(min = "0", max = "1000000") BigDecimal included,
      @ForAll @BigRange(min = "0", max = "1200000") BigDecimal used,
      @ForAll @BigRange(min = "0", max = "1200000") BigDecimal quantity) {
    EntitlementSnapshot s = limited(included, Enforcement.SOFT, used);
    Allowed a = (Allowed) s.check("m", quantity);
    BigDecimal left = included.subtract(used).subtract(quantity);
    assertThat(a.overage()).isEqualTo(left.signum() < 0);
    assertThat(a.remaining()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo(left.max(BigDecimal.ZERO)));
    assertThat(s.remaining("m")).hasValueSatisfying(r -> assertThat(r.signum()).isNotNegative());
  }
}
