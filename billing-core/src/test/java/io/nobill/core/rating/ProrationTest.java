package io.nobill.core.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.money.Money;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProrationTest {
  private static final Period JAN = new Period(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"));

  static Plan flat(String key, String amount) {
    return Plan.builder(key, 1).name(key).currency("USD").monthly().flatFee("base", key + " plan", Money.ofMajor(amount, "USD")).build();
  }

  /**
   * The golden case from Stripe's proration documentation, by the second: $100 → $200 a month
   * on Jan 15 of a 31-day month leaves 17 of 31 days.
   */
  @Test
  void stripeGoldenUpgradeOnTheFifteenthOfJanuary() {
    List<ProrationItem> items = Proration.forChange(flat("basic", "100.00"), PricingOverrides.NONE, 1,
        flat("premium", "200.00"), PricingOverrides.NONE, 1, JAN, Instant.parse("2026-01-15T00:00:00Z"));

    assertThat(items).extracting(ProrationItem::amount)
        .containsExactly(Money.ofMajor("-54.84", "USD"), Money.ofMajor("109.68", "USD"));
    assertThat(items.get(0).description()).isEqualTo("Unused time on basic plan after 2026-01-15");
    assertThat(items.get(1).description()).isEqualTo("Remaining time on premium plan after 2026-01-15");
    assertThat(items).allSatisfy(i -> assertThat(i.period())
        .isEqualTo(new Period(Instant.parse("2026-01-15T00:00:00Z"), JAN.end())));
  }

  @Test
  void prorationIsByTheSecond() {
    // One second before the end: $100 × 1 / 2,678,400 s rounds to zero and produces no item.
    assertThat(Proration.forChange(flat("a", "100.00"), PricingOverrides.NONE, 1, flat("b", "200.00"), PricingOverrides.NONE, 1,
        JAN, JAN.end().minusSeconds(1))).isEmpty();
    // Half way, to the second: 1,339,200 of 2,678,400 seconds.
    List<ProrationItem> half = Proration.forChange(flat("a", "100.00"), PricingOverrides.NONE, 1, flat("b", "200.00"),
        PricingOverrides.NONE, 1, JAN, Instant.parse("2026-01-16T12:00:00Z"));
    assertThat(half).extracting(ProrationItem::amount).containsExactly(Money.ofMajor("-50.00", "USD"), Money.ofMajor("100.00", "USD"));
  }

  @Test
  void anUnchangedPriceProducesNothing() {
    Plan pro = SeedCatalog.create("EUR").latest("pro").orElseThrow();
    List<ProrationItem> items = Proration.forSeatChange(pro, PricingOverrides.NONE, 3, 4, JAN, Instant.parse("2026-01-15T00:00:00Z"));
    assertThat(items).extracting(ProrationItem::description)
        .containsExactly("Unused time on Seats (3) after 2026-01-15", "Remaining time on Seats (4) after 2026-01-15");
    assertThat(Proration.forSeatChange(pro, PricingOverrides.NONE, 3, 3, JAN, Instant.parse("2026-01-15T00:00:00Z"))).isEmpty();
  }

  @Test
  void aSeatTimelineProratesEachChangeAgainstTheCountBeforeIt() {
    Plan pro = SeedCatalog.create("EUR").latest("pro").orElseThrow();
    List<ProrationItem> items = Proration.forSeatTimeline(pro, PricingOverrides.NONE, 3, List.of(
        new SeatChange(Instant.parse("2026-01-11T00:00:00Z"), 5),
        new SeatChange(Instant.parse("2026-01-21T00:00:00Z"), 4)), JAN);
    // Jan 11: 21/31 of (−36.00, +60.00); Jan 21: 11/31 of (−60.00, +48.00).
    assertThat(items).extracting(ProrationItem::amount).containsExactly(
        Money.ofMajor("-24.39", "EUR"), Money.ofMajor("40.65", "EUR"), Money.ofMajor("-21.29", "EUR"), Money.ofMajor("17.03", "EUR"));
    assertThatThrownBy(() -> Proration.forSeatTimeline(pro, PricingOverrides.NONE, 3, List.of(
        new SeatChange(Instant.parse("2026-01-21T00:00:00Z"), 5), new SeatChange(Instant.parse("2026-01-11T00:00:00Z"), 4)), JAN))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("changes"));
  }

  @Test
  void badChangesAreRejected() {
    assertThatThrownBy(() -> Proration.forChange(flat("a", "1.00"), PricingOverrides.NONE, 1,
        Plan.builder("e", 1).name("e").currency("EUR").monthly().build(), PricingOverrides.NONE, 1, JAN, JAN.start()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("newPlan"));
    assertThatThrownBy(() -> Proration.forChange(flat("a", "1.00"), PricingOverrides.NONE, 1, flat("b", "2.00"),
        PricingOverrides.NONE, 1, JAN, JAN.end().plusSeconds(1)))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("at"));
  }
}
