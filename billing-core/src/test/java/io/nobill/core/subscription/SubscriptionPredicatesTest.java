package io.nobill.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.PlanRef;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.SubscriptionId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The predicates a host calls on a subscription, in Cashier's meaning, from the subscription alone. */
class SubscriptionPredicatesTest {
  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant END = Instant.parse("2026-04-01T00:00:00Z");
  private static final Instant MID = Instant.parse("2026-03-10T12:00:00Z");

  private static Subscription of(SubscriptionStatus status, Optional<Instant> trialEnd, boolean cancelAtPeriodEnd) {
    boolean deleted = status == SubscriptionStatus.CANCELED;
    return new Subscription(SubscriptionId.of(UUID.randomUUID()), OrgId.of(UUID.randomUUID()), "sub_1",
        new PlanRef("pro", 1), 1, status, new Period(START, END), trialEnd, cancelAtPeriodEnd,
        deleted ? Optional.of(MID) : Optional.empty(), deleted ? Optional.of(MID) : Optional.empty(), START, "evt_1", 1);
  }

  @Test
  void aTrialIsOnTrialAndActiveUntilItsEnd() {
    Subscription trial = of(SubscriptionStatus.TRIALING, Optional.of(END), false);
    assertThat(trial.onTrial(MID)).isTrue();
    assertThat(trial.active(MID)).isTrue();
    assertThat(trial.onTrial(END)).isFalse();
    assertThat(trial.daysLeftInTrial(MID)).isEqualTo(22);   // 21.5 days: a started day counts
    assertThat(trial.daysLeftInTrial(END.minusSeconds(1))).isEqualTo(1);
    assertThat(trial.daysLeftInTrial(END)).isZero();
    assertThat(trial.canceled()).isFalse();
    assertThat(trial.pastDue()).isFalse();
  }

  @Test
  void anActiveSubscriptionIsActiveAndNotOnTrialOrGracePeriod() {
    Subscription active = of(SubscriptionStatus.ACTIVE, Optional.of(START), false);
    assertThat(active.active(MID)).isTrue();
    assertThat(active.onTrial(MID)).isFalse();
    assertThat(active.daysLeftInTrial(MID)).isZero();
    assertThat(active.onGracePeriod(MID)).isFalse();
    assertThat(active.ended(END.plus(Duration.ofDays(3)))).isFalse();   // the renewal sweep rolls it
    assertThat(active.daysLeftInPeriod(MID)).isEqualTo(22);
    assertThat(active.daysLeftInPeriod(START)).isEqualTo(31);
    assertThat(active.daysLeftInPeriod(END)).isZero();
  }

  @Test
  void cancelingAtThePeriodEndIsCashiersGracePeriodUntilTheEnd() {
    Subscription canceling = of(SubscriptionStatus.ACTIVE, Optional.empty(), true);
    assertThat(canceling.canceled()).isTrue();
    assertThat(canceling.onGracePeriod(MID)).isTrue();
    assertThat(canceling.active(MID)).isTrue();
    assertThat(canceling.ended(MID)).isFalse();
    assertThat(canceling.onGracePeriod(END)).isFalse();
    assertThat(canceling.ended(END)).isTrue();
    assertThat(canceling.active(END)).isFalse();
  }

  @Test
  void pastDueIsNotActiveInCashiersSenseButMayStillGrantAccess() {
    Subscription pastDue = of(SubscriptionStatus.PAST_DUE, Optional.empty(), false);
    assertThat(pastDue.pastDue()).isTrue();
    assertThat(pastDue.active(MID)).isFalse();
    assertThat(pastDue.ended(MID)).isFalse();
    assertThat(pastDue.onGracePeriod(MID)).isFalse();   // NOBill's dunning grace is another thing
    assertThat(pastDue.grantsAccess(START.plus(Duration.ofDays(3)), Duration.ofDays(7))).isTrue();
  }

  @Test
  void aCanceledSubscriptionHasEnded() {
    Subscription canceled = of(SubscriptionStatus.CANCELED, Optional.empty(), false);
    assertThat(canceled.canceled()).isTrue();
    assertThat(canceled.ended(MID)).isTrue();
    assertThat(canceled.active(MID)).isFalse();
    assertThat(canceled.onGracePeriod(MID)).isFalse();
    assertThat(canceled.daysLeftInPeriod(MID)).isZero();
  }

  @Test
  void pausedAndIncompleteAreNeitherActiveNorEnded() {
    Subscription paused = of(SubscriptionStatus.PAUSED, Optional.empty(), false);
    assertThat(paused.paused()).isTrue();
    assertThat(paused.active(MID)).isFalse();
    assertThat(paused.ended(MID)).isFalse();
    assertThat(paused.grantsAccess(MID, Duration.ofDays(7))).isFalse();
    Subscription incomplete = of(SubscriptionStatus.INCOMPLETE, Optional.empty(), false);
    assertThat(incomplete.incomplete()).isTrue();
    assertThat(incomplete.active(MID)).isFalse();
    Subscription expired = of(SubscriptionStatus.INCOMPLETE_EXPIRED, Optional.empty(), false);
    assertThat(expired.incomplete()).isTrue();
    assertThat(expired.ended(MID)).isTrue();
  }
}
