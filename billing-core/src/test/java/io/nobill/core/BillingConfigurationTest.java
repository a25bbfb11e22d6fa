package io.nobill.core;


import io.nobill.core.access.Actor;import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.catalog.Catalog;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.event.DeliveryPolicy;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.subscription.SubscriptionStatus;
import io.nobill.core.testkit.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Configuration is checked when {@code build()} runs, not at the first request: a bad setting
 * is an {@link IllegalArgumentException}, settings that contradict each other an {@link
 * IllegalStateException}, each naming the setting, and nothing has started.
 */
class BillingConfigurationTest {
  private final InMemoryBillingStore store = InMemoryBillingStore.create();
  private final AtomicInteger executed = new AtomicInteger();
  private final Executor countingExecutor = task -> {
    executed.incrementAndGet();
    task.run();
  };

  private Billing.Builder builder() {
    return Billing.builder().store(store).taxCalculator(TaxCalculator.NONE).clock(TestClock.at("2026-01-01T00:00:00Z"));
  }

  private static Plan noTrialPlan() {
    return Plan.builder("basic", 1).name("Basic").currency("EUR").monthly()
        .flatFee("base", "Basic", Money.ofMajor("5.00", "EUR")).build();
  }

  @Test
  void aTrialPlanTheCatalogDoesNotSellFailsAtBuildNotAtTheFirstProvisioning() {
    assertThatThrownBy(() -> builder().catalog(SeedCatalog.create("EUR"))
        .subscriptions(SubscriptionSettings.defaults("platinum")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("subscriptions.trialPlan")
        .hasMessageContaining("'platinum'")
        .hasMessageContaining("[enterprise, pro, starter]");
    // No catalog at all is an empty one: the trial plan cannot be in it either.
    assertThatThrownBy(() -> builder().subscriptions(SubscriptionSettings.defaults("pro")).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("subscriptions.trialPlan");
    List<OrgId> provisioned = store.inPlatform(tx -> tx.organizations(Optional.empty(), 10));
    assertThat(provisioned).isEmpty();
  }

  @Test
  void aTrialPlanWithoutTrialDaysFailsAtBuild() {
    Catalog catalog = Catalog.builder().plan(noTrialPlan()).build();
    assertThatThrownBy(() -> builder().catalog(catalog).subscriptions(SubscriptionSettings.defaults("basic")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("subscriptions.trialPlan")
        .hasMessageContaining("no trial days");
  }

  @Test
  void aValidTrialPlanBuildsAndEveryNewOrganizationGetsItsTrial() {
    Billing billing = builder().catalog(SeedCatalog.create("EUR")).subscriptions(SubscriptionSettings.defaults("pro"))
        .build();
    UserId owner = billing.ids().next(UserId::of);
    OrgId org = billing.organizations().provision(Actor.member(owner), new NewOrganization(Optional.empty(), "Acme",
        "billing@acme.example", "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, owner)).id();
    assertThat(billing.subscriptions().current(Actor.member(owner), org).orElseThrow().status())
        .isEqualTo(SubscriptionStatus.TRIALING);
  }

  @Test
  void subscriptionSettingsOutOfRangeAreRefusedAsConfigurationNamingTheSetting() {
    SubscriptionSettings d = SubscriptionSettings.defaults("pro");
    assertThatThrownBy(() -> new SubscriptionSettings(d.trialPlan(), Duration.ofDays(400), d.retrySchedule(),
        d.finalAction(), d.prorationBehavior(), d.trialWillEndNotice(), d.invoiceDelay(), false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subscriptions.gracePeriod");
    assertThatThrownBy(() -> new SubscriptionSettings(d.trialPlan(), d.gracePeriod(), d.retrySchedule(),
        d.finalAction(), d.prorationBehavior(), Duration.ofDays(-1), d.invoiceDelay(), false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subscriptions.trialWillEndNotice");
    assertThatThrownBy(() -> new SubscriptionSettings(d.trialPlan(), d.gracePeriod(), d.retrySchedule(),
        d.finalAction(), d.prorationBehavior(), d.trialWillEndNotice(), Duration.ofSeconds(-1), false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subscriptions.invoiceDelay");
    assertThatThrownBy(() -> new SubscriptionSettings(d.trialPlan(), d.gracePeriod(),
        List.of(Duration.ofDays(3), Duration.ofDays(1)), d.finalAction(), d.prorationBehavior(),
        d.trialWillEndNotice(), d.invoiceDelay(), false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subscriptions.retrySchedule");
    assertThatThrownBy(() -> new SubscriptionSettings(d.trialPlan(), d.gracePeriod(), List.of(Duration.ofDays(1000)),
        d.finalAction(), d.prorationBehavior(), d.trialWillEndNotice(), d.invoiceDelay(), false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subscriptions.retrySchedule");
    assertThatThrownBy(() -> SubscriptionSettings.defaults(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subscriptions.trialPlan");
  }

  @Test
  void aDeliveryPolicyWaitingLongerThanAYearFailsAtBuild() {
    DeliveryPolicy centuries = new DeliveryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(1),
        Duration.ofDays(365L * 300));
    assertThatThrownBy(() -> builder().deliveryPolicy(centuries).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deliveryPolicy");
    DeliveryPolicy longLease = new DeliveryPolicy(Duration.ofDays(400), Duration.ofMinutes(1), Duration.ofHours(1));
    assertThatThrownBy(() -> builder().deliveryPolicy(longLease).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deliveryPolicy");
  }

  @Test
  void aSweepExecutorWithOneSweepWorkerIsAContradictionFoundAtBuild() {
    assertThatThrownBy(() -> builder().sweepExecutor(countingExecutor).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sweepExecutor")
        .hasMessageContaining("sweepWorkers is not set");
    assertThatThrownBy(() -> builder().sweepWorkers(1).sweepExecutor(countingExecutor).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sweepWorkers is 1");
    assertThatThrownBy(() -> Billing.builder().sweepExecutor(countingExecutor).sweepExecutor(countingExecutor))
        .isInstanceOf(IllegalStateException.class).hasMessage("sweepExecutor is already set; set it once");
    assertThatThrownBy(() -> Billing.builder().sweepExecutor(null))
        .isInstanceOf(NullPointerException.class).hasMessage("sweepExecutor");
    // Building with both runs nothing on the executor: nothing starts before the first run.
    Billing billing = builder().sweepWorkers(3).sweepExecutor(countingExecutor).build();
    assertThat(billing.work().isStarted()).isFalse();
    assertThat(executed).hasValue(0);
  }

  @Test
  void usageSettingsAreCheckedWhenMadeAndSetOnce() {
    for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(-1), Duration.ofDays(367))) {
      assertThatThrownBy(() -> new io.nobill.core.usage.UsageSettings(bad,
          io.nobill.core.usage.LateEventPolicy.REJECT)).as(bad.toString())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage.lateWindow");
    }
    assertThatThrownBy(() -> io.nobill.core.usage.UsageSettings.DEFAULT.withLateWindow(Duration.ofDays(400)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder().usage(io.nobill.core.usage.UsageSettings.DEFAULT)
        .usage(io.nobill.core.usage.UsageSettings.DEFAULT)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("usage");
    assertThat(io.nobill.core.usage.UsageSettings.DEFAULT.lateWindow()).isEqualTo(Duration.ofDays(35));
    assertThat(builder().usage(io.nobill.core.usage.UsageSettings.DEFAULT.withLateWindow(Duration.ofDays(366))).build())
        .isNotNull();
  }
}
