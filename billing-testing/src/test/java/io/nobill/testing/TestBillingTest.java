package io.nobill.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.nobill.core.access.Actor;
import io.nobill.core.Billing;
import io.nobill.core.event.BillingEvent;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.catalog.Catalog;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.PaymentCollector.CollectionRequest;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.subscription.SubscriptionStatus;
import io.nobill.core.tax.regional.RegionalTaxTable;
import io.nobill.core.work.WorkSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TestBillingTest {
  private static final Actor REPORTS = Actor.job("reports");

  private static final java.util.Map<OrgId, UserId> OWNERS = new java.util.concurrent.ConcurrentHashMap<>();

  private static OrgId provision(Billing billing, String name, String currency) {
    UserId owner = billing.ids().next(UserId::of);
    OrgId org = billing.organizations().provision(Actor.member(owner), new NewOrganization(Optional.empty(), name,
        "billing@" + name.toLowerCase(Locale.ROOT) + ".example", "DE", Optional.empty(), Money.currency(currency),
        Locale.GERMANY, owner)).id();
    OWNERS.put(org, owner);
    return org;
  }

  private static UserId owner(Billing billing, OrgId org) {
    return billing.organizations().members(Actor.member(OWNERS.get(org)), org).get(0).user();
  }

  @Nested
  class Wiring {
    @Test
    void theDefaultsAreAnInMemoryStoreTheSeedCatalogInEuroNoTaxSequentialIdsAndAStoppedClock() {
      TestBilling t = TestBilling.create();
      Billing billing = t.billing();
      assertThat(billing.clock()).isSameAs(t.clock());
      assertThat(t.clock().instant()).isEqualTo(TestBilling.DEFAULT_START).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
      assertThat(billing.ids().next()).isEqualTo(UUID.fromString("00000000-0000-7000-8000-000000000001"));
      assertThat(billing.catalog().latest(SeedCatalog.PRO).orElseThrow().currency()).isEqualTo(Money.currency("EUR"));
      OrgId org = provision(billing, "Acme", "EUR");
      // A store of its own: another test billing, whose ids run the same, does not hold this organization.
      assertThatThrownBy(() -> TestBilling.create().billing().organizations().get(REPORTS, org))
          .isInstanceOf(NotFoundException.class);
      // No trial unless asked for.
      assertThat(billing.subscriptions().current(REPORTS, org)).isEmpty();
      assertThat(t.runDue().allSucceeded()).isTrue();
      assertThat(t.events()).isEmpty();
      assertThat(t.collector().requests()).isEmpty();
    }

    @Test
    void aTrialPlanInAnotherCurrencyIsInvoicedWithoutTaxAndCollectedByTheScriptedCollector() {
      TestBilling t = TestBilling.builder().currency("JPY").trialPlan(SeedCatalog.STARTER).build();
      Billing billing = t.billing();
      assertThat(billing.catalog().latest(SeedCatalog.STARTER).orElseThrow().currency()).isEqualTo(Money.currency("JPY"));
      OrgId org = provision(billing, "Kaisha", "JPY");
      billing.subscriptions().attachPaymentMethod(Actor.member(owner(billing, org)), org, "pm_anything");
      t.advanceInSteps(Duration.ofDays(15), Duration.ofDays(1));
      List<Invoice> invoices = billing.invoices().list(REPORTS, org, Optional.empty(), Optional.empty(), 10);
      assertThat(invoices).hasSize(1);
      assertThat(invoices.get(0).total()).isEqualTo(Money.ofMajor("19", "JPY"));
      assertThat(invoices.get(0).taxTotal()).isEqualTo(Money.zero(Money.currency("JPY")));
      assertThat(t.collector().requests()).extracting(CollectionRequest::org, CollectionRequest::amount)
          .containsExactly(tuple(org, Money.ofMajor("19", "JPY")));
      assertThat(t.events(BillingEvent.InvoicePaid.class)).hasSize(1);
    }

    @Test
    void everySettingCanBeOverridden() {
      InMemoryBillingStore store = InMemoryBillingStore.create();
      TestClock clock = TestClock.at("2030-06-15T12:00:00Z");
      ScriptedPaymentCollector collector = new ScriptedPaymentCollector();
      IdGenerator ids = IdGenerator.timeOrdered(clock);
      Catalog catalog = SeedCatalog.create("USD");
      List<BillingEvent> heard = new ArrayList<>();
      SubscriptionSettings settings = SubscriptionSettings.defaults(SeedCatalog.PRO);
      TestBilling t = TestBilling.builder().store(store).clock(clock).collector(collector).idGenerator(ids)
          .catalog(catalog).taxCalculator(RegionalTaxTable.builder().sellerCountry("DE").build()).subscriptions(settings)
          .sweepWorkers(2).listener("crm", heard::add).build();
      assertThat(t.clock()).isSameAs(clock);
      assertThat(t.billing().clock()).isSameAs(clock);
      assertThat(t.collector()).isSameAs(collector);
      assertThat(t.billing().ids()).isSameAs(ids);
      assertThat(t.billing().catalog()).isSameAs(catalog);
      OrgId org = provision(t.billing(), "Acme", "USD");
      // The organization is in the store given.
      assertThat(Billing.builder().store(store).taxCalculator(TaxCalculator.NONE).build().organizations()
          .get(REPORTS, org).name()).isEqualTo("Acme");
      assertThat(t.billing().subscriptions().current(REPORTS, org).orElseThrow().status())
          .isEqualTo(SubscriptionStatus.TRIALING);
      t.runDue();
      assertThat(heard).hasSize(1).isEqualTo(t.events());
      assertThat(heard.get(0)).isInstanceOf(BillingEvent.SubscriptionCreated.class);
    }

    @Test
    void anotherInstanceSharesTheStoreAndTheEventsButNotTheClock() {
      TestBilling first = TestBilling.builder().trialPlan(SeedCatalog.PRO).build();
      TestBilling behind = first.anotherInstance(TestClock.at(TestBilling.DEFAULT_START.minusSeconds(90)));
      OrgId org = provision(first.billing(), "Acme", "EUR");
      assertThat(behind.billing().subscriptions().current(REPORTS, org)).isPresent();
      assertThat(behind.billing().ids()).isSameAs(first.billing().ids());
      behind.runDue();   // 90 seconds behind, the event is not due yet there
      assertThat(first.events()).isEmpty();
      first.runDue();
      assertThat(first.events()).hasSize(1).isEqualTo(behind.events());
      behind.advance(Duration.ofMinutes(5));
      assertThat(first.events()).as("delivered once").hasSize(1);
      assertThat(first.clock().instant()).isEqualTo(TestBilling.DEFAULT_START);
    }
  }

  @Nested
  class Scenario {
    @Test
    void aTrialConvertsAfterFourteenDaysIsDeclinedOnceAndRecoversOnTheFirstRetry() {
      TestBilling t = TestBilling.builder().trialPlan(SeedCatalog.PRO).build();
      Billing billing = t.billing();
      OrgId org = provision(billing, "Acme", "EUR");
      UserId owner = owner(billing, org);
      billing.subscriptions().attachPaymentMethod(Actor.member(owner), org, "pm_card_visa");
      billing.subscriptions().subscribe(Actor.member(owner), org, SeedCatalog.PRO, 3);
      t.collector().declineNext(org, "card_declined");

      List<WorkSummary> days = t.advanceInSteps(Duration.ofDays(14), Duration.ofDays(1));
      assertThat(days).hasSize(14).allMatch(WorkSummary::allSucceeded);
      assertThat(billing.subscriptions().current(REPORTS, org).orElseThrow().status())
          .isEqualTo(SubscriptionStatus.PAST_DUE);
      t.advance(Duration.ofDays(1));   // the first retry, a day later
      assertThat(billing.subscriptions().current(REPORTS, org).orElseThrow().status())
          .isEqualTo(SubscriptionStatus.ACTIVE);
      t.runDue();                      // delivers what the last run wrote

      assertThat(t.events()).extracting(e -> e.getClass().getSimpleName()).containsExactly(
          "SubscriptionCreated", "SubscriptionChanged", "TrialWillEnd", "SubscriptionActivated", "InvoiceFinalized",
          "PaymentFailed", "DunningStep", "InvoicePaid", "SubscriptionActivated");
      // 49.00 base + 3 seats at 12.00, no tax; the same invoice collected twice.
      List<CollectionRequest> requests = t.collector().requests(org);
      assertThat(requests).extracting(CollectionRequest::attempt).containsExactly(1, 2);
      assertThat(requests).extracting(CollectionRequest::amount).containsOnly(Money.ofMajor("85.00", "EUR"));
      assertThat(requests.get(0).invoice()).isEqualTo(requests.get(1).invoice());
      assertThat(requests.get(0).paymentMethod()).contains("pm_card_visa");
      BillingEvent.PaymentFailed failed = t.events(BillingEvent.PaymentFailed.class).get(0);
      assertThat(failed.attempt()).isEqualTo(1);
      assertThat(failed.occurredAt()).isEqualTo(Instant.parse("2026-01-15T00:00:00Z"));
      assertThat(failed.nextAttempt()).contains(Instant.parse("2026-01-16T00:00:00Z"));
      assertThat(t.events(BillingEvent.InvoicePaid.class).get(0).amount()).isEqualTo(Money.ofMajor("85.00", "EUR"));
      assertThat(billing.ledger().trialBalance(REPORTS, org).isBalanced()).isTrue();
    }

    @Test
    void aCollectorThatAlwaysFailsEndsInCancellationAfterTheRetries() {
      TestBilling t = TestBilling.builder().trialPlan(SeedCatalog.STARTER).build();
      Billing billing = t.billing();
      OrgId org = provision(billing, "Acme", "EUR");
      billing.subscriptions().attachPaymentMethod(Actor.member(owner(billing, org)), org, "pm_card_visa");
      t.collector().failAlways(org, "insufficient_funds");
      t.advanceInSteps(Duration.ofDays(30), Duration.ofDays(1));
      assertThat(billing.subscriptions().current(REPORTS, org).orElseThrow().status())
          .isEqualTo(SubscriptionStatus.CANCELED);
      // The first attempt and the four retries at 1, 3, 5 and 7 days.
      assertThat(t.collector().requests(org)).extracting(CollectionRequest::attempt).containsExactly(1, 2, 3, 4, 5);
      assertThat(t.events(BillingEvent.PaymentFailed.class)).hasSize(5);
      assertThat(t.events(BillingEvent.SubscriptionCanceled.class)).hasSize(1);
    }
  }

  /** What a host's test can make the fake do to billing, through the public API only. */
  @Nested
  class Attacks {
    private OrgId onTrialWithACard(TestBilling t, String name) {
      OrgId org = provision(t.billing(), name, "EUR");
      t.billing().subscriptions().attachPaymentMethod(Actor.member(OWNERS.get(org)), org, "pm_card_visa");
      return org;
    }

    private SubscriptionStatus status(TestBilling t, OrgId org) {
      return t.billing().subscriptions().current(REPORTS, org).orElseThrow().status();
    }

    @Test
    void aScriptThatThrowsFailsOnlyItsOrganizationsCollectionWhichIsRetriedOnceItWorks() {
      TestBilling t = TestBilling.builder().trialPlan(SeedCatalog.STARTER).build();
      OrgId down = onTrialWithACard(t, "Down");
      OrgId failing = onTrialWithACard(t, "Failing");
      OrgId fine = onTrialWithACard(t, "Fine");
      t.collector().respondWith(down, r -> {
        throw new IllegalStateException("provider down");
      });
      t.collector().respondWith(failing, r -> {
        throw new AssertionError("a test's own check inside a script");
      });
      t.advanceInSteps(Duration.ofDays(13), Duration.ofDays(1));
      WorkSummary conversion = t.advance(Duration.ofDays(1));
      // The renewals committed; the two collections that threw are left for the collection sweep.
      assertThat(conversion.allSucceeded()).isTrue();
      assertThat(t.collector().requests()).extracting(CollectionRequest::org).containsExactly(down, failing, fine);
      t.runDue();
      assertThat(t.events(BillingEvent.InvoicePaid.class)).extracting(BillingEvent::org).containsExactly(fine);

      t.collector().succeedAlways(down).succeedAlways(failing);
      t.advanceInSteps(Duration.ofDays(2), Duration.ofHours(1));
      assertThat(t.events(BillingEvent.InvoicePaid.class)).extracting(BillingEvent::org)
          .containsExactlyInAnyOrder(fine, down, failing);
      for (OrgId org : List.of(down, failing, fine)) {
        assertThat(status(t, org)).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(t.billing().ledger().trialBalance(REPORTS, org).isBalanced()).isTrue();
        assertThat(t.billing().audit().verify(Actor.member(OWNERS.get(org)), org).intact()).isTrue();
      }
    }

    @Test
    void aHostileDeclineCodeReachesBillingWhichStillDunsAndRecovers() {
      TestBilling t = TestBilling.builder().trialPlan(SeedCatalog.STARTER).build();
      OrgId org = onTrialWithACard(t, "Acme");
      t.collector().declineNext(org, "card_declined\u0000\u202e\ud800<script>" + "x".repeat(10_000));
      List<WorkSummary> days = t.advanceInSteps(Duration.ofDays(16), Duration.ofDays(1));
      assertThat(days).allSatisfy(d -> assertThat(d.outcomes()).allSatisfy(o ->
          assertThat(o.result().orElseThrow().failed()).as(o.sweep()).isZero()));
      assertThat(t.events(BillingEvent.PaymentFailed.class)).hasSize(1);
      assertThat(t.events(BillingEvent.InvoicePaid.class)).hasSize(1);
      assertThat(status(t, org)).isEqualTo(SubscriptionStatus.ACTIVE);
    }

    @Test
    void fourSweepWorkersCallTheCollectorAtOnceAndEachOrganizationGetsItsScript() {
      TestBilling t = TestBilling.builder().trialPlan(SeedCatalog.STARTER).sweepWorkers(4).build();
      List<OrgId> orgs = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        OrgId org = onTrialWithACard(t, "Org" + i);
        orgs.add(org);
        if (i % 2 == 0) {
          t.collector().declineNext(org, "card_declined");
        }
      }
      t.advanceInSteps(Duration.ofDays(14), Duration.ofDays(1));
      for (int i = 0; i < orgs.size(); i++) {
        assertThat(status(t, orgs.get(i))).as("org %d", i)
            .isEqualTo(i % 2 == 0 ? SubscriptionStatus.PAST_DUE : SubscriptionStatus.ACTIVE);
      }
      t.advance(Duration.ofDays(1));
      t.runDue();
      for (int i = 0; i < orgs.size(); i++) {
        OrgId org = orgs.get(i);
        assertThat(status(t, org)).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(t.collector().requests(org)).extracting(CollectionRequest::attempt)
            .containsExactly(i % 2 == 0 ? new Integer[] {1, 2} : new Integer[] {1});
      }
      assertThat(t.collector().requests()).hasSize(36);
      assertThat(t.events(BillingEvent.InvoicePaid.class)).hasSize(24);
    }
  }

  @Nested
  class Validation {
    @Test
    void aRepeatedSettingIsRefusedWhenGiven() {
      TestBilling.Builder b = TestBilling.builder().clock(TestClock.at(TestBilling.DEFAULT_START)).currency("EUR")
          .listener("crm", e -> { });
      assertThatThrownBy(() -> b.clock(TestClock.at(TestBilling.DEFAULT_START))).isInstanceOf(IllegalStateException.class)
          .hasMessage("clock is already set; set it once");
      assertThatThrownBy(() -> b.currency("USD")).isInstanceOf(IllegalStateException.class)
          .hasMessage("currency is already set; set it once");
      assertThatThrownBy(() -> b.listener("crm", e -> { })).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("crm");
      assertThatThrownBy(() -> b.listener(TestBilling.RECORDER, e -> { })).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(TestBilling.RECORDER);
      assertThatThrownBy(() -> TestBilling.builder().sweepWorkers(2).sweepWorkers(2))
          .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void settingsThatExcludeEachOtherAreRefusedAtBuild() {
      assertThatThrownBy(() -> TestBilling.builder().currency("USD").catalog(SeedCatalog.create("USD")).build())
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("currency");
      assertThatThrownBy(() -> TestBilling.builder().trialPlan(SeedCatalog.PRO)
          .subscriptions(SubscriptionSettings.defaults(SeedCatalog.PRO)).build())
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("trialPlan");
      TestBilling.Builder once = TestBilling.builder();
      once.build();
      assertThatThrownBy(once::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("anotherInstance");
    }

    @Test
    void badValuesAreRefusedAtBuild() {
      assertThatThrownBy(() -> TestBilling.builder().currency("eur").build()).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("currency eur");
      assertThatThrownBy(() -> TestBilling.builder().currency("XYZ").build()).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ISO 4217");
      assertThatThrownBy(() -> TestBilling.builder().trialPlan("gold").build()).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("trial plan gold is not in the catalog");
      assertThatThrownBy(() -> TestBilling.builder().subscriptions(SubscriptionSettings.defaults("gold")).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessage("trial plan gold is not in the catalog");
      assertThatThrownBy(() -> TestBilling.builder().sweepWorkers(0).build()).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("sweepWorkers");
      assertThatThrownBy(() -> TestBilling.builder().sweepWorkers(65).build()).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> TestBilling.builder().listener("Bad Name", e -> { }).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listener name");
    }

    @Test
    void aRefusedBuildLeavesTheBuilderUsable() {
      TestBilling.Builder b = TestBilling.builder().currency("eur");
      assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class);
      TestBilling.Builder fixable = TestBilling.builder().trialPlan("gold");
      assertThatThrownBy(fixable::build).isInstanceOf(IllegalArgumentException.class);
      // A refused build did not count as the builder's one build.
      assertThatThrownBy(fixable::build).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("gold");
    }

    @Test
    void nullsAreRefusedNamingTheSetting() {
      TestBilling.Builder b = TestBilling.builder();
      assertThatThrownBy(() -> b.store(null)).isInstanceOf(NullPointerException.class).hasMessage("store");
      assertThatThrownBy(() -> b.clock(null)).isInstanceOf(NullPointerException.class).hasMessage("clock");
      assertThatThrownBy(() -> b.idGenerator(null)).isInstanceOf(NullPointerException.class).hasMessage("idGenerator");
      assertThatThrownBy(() -> b.currency(null)).isInstanceOf(NullPointerException.class).hasMessage("currency");
      assertThatThrownBy(() -> b.catalog(null)).isInstanceOf(NullPointerException.class).hasMessage("catalog");
      assertThatThrownBy(() -> b.taxCalculator(null)).isInstanceOf(NullPointerException.class).hasMessage("taxCalculator");
      assertThatThrownBy(() -> b.trialPlan(null)).isInstanceOf(NullPointerException.class).hasMessage("trialPlan");
      assertThatThrownBy(() -> b.subscriptions(null)).isInstanceOf(NullPointerException.class).hasMessage("subscriptions");
      assertThatThrownBy(() -> b.collector(null)).isInstanceOf(NullPointerException.class).hasMessage("collector");
      assertThatThrownBy(() -> b.listener(null, e -> { })).isInstanceOf(NullPointerException.class).hasMessage("name");
      assertThatThrownBy(() -> b.listener("crm", null)).isInstanceOf(NullPointerException.class).hasMessage("listener");
      // A refused null did not set anything.
      assertThat(b.store(InMemoryBillingStore.create()).build().billing()).isNotNull();
    }

    @Test
    void advanceInStepsRefusesBadDurations() {
      TestBilling t = TestBilling.create();
      assertThatThrownBy(() -> t.advanceInSteps(Duration.ofDays(-1), Duration.ofDays(1)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> t.advanceInSteps(Duration.ofDays(1), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
      assertThat(t.clock().instant()).isEqualTo(TestBilling.DEFAULT_START);
      assertThat(t.advanceInSteps(Duration.ofHours(25), Duration.ofHours(10))).hasSize(3);
      assertThat(t.clock().instant()).isEqualTo(TestBilling.DEFAULT_START.plus(Duration.ofHours(25)));
    }
  }
}
