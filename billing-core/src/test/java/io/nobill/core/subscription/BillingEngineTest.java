package io.nobill.core.subscription;

import io.nobill.core.internal.subscription.UsageSource;

import io.nobill.core.internal.org.CoreOrganizations;
import io.nobill.core.internal.event.CoreProviderEvents;
import io.nobill.core.internal.audit.CoreAuditTrail;
import io.nobill.core.internal.invoice.CoreInvoices;
import io.nobill.core.internal.ledger.CoreLedger;
import io.nobill.core.internal.subscription.BillingEngine;

import io.nobill.core.payment.SimulatedCardCollector;import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.access.Actor;
import io.nobill.core.event.BillingEvent;
import io.nobill.core.catalog.Catalog;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.event.ProviderEvent;
import io.nobill.core.event.ProviderEvents;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.invoice.Invoices;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.ledger.Ledger;
import io.nobill.core.ledger.TrialBalance;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.org.Organizations;
import io.nobill.core.audit.AuditTrail;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.tax.regional.RegionalTaxTable;
import io.nobill.core.testkit.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BillingEngineTest {
  private final InMemoryBillingStore store = InMemoryBillingStore.create();
  private final TestClock clock = TestClock.at("2026-01-01T09:00:00Z");
  private final IdGenerator ids = IdGenerator.sequential();
  private final Catalog catalog = SeedCatalog.create("EUR");
  private final CoreLedger ledger = CoreLedger.create(store, clock, ids);
  private final CoreInvoices invoices = CoreInvoices.create(store, clock, ids, ledger, RegionalTaxTable.builder().sellerCountry("DE").build());
  private final List<BillingEvent> emitted = new ArrayList<>();
  private final CoreProviderEvents events = CoreProviderEvents.create(store, clock, ids, catalog, ledger, invoices,
      (tx, e) -> emitted.add(e));
  private final BillingEngine engine = BillingEngine.builder().store(store).clock(clock).ids(ids).catalog(catalog)
      .invoices(invoices).events(events).collector(new SimulatedCardCollector())
      .settings(SubscriptionSettings.defaults("pro")).usage(UsageSource.NONE).outbox((tx, e) -> emitted.add(e)).build();
  private final CoreOrganizations orgs = CoreOrganizations.create(store, clock, ids, ledger, CoreAuditTrail.create(store, clock),
      List.of(), List.of((tx, org) -> engine.startTrial(tx, org)));
  private OrgId org;

  @BeforeEach
  void provision() {
    UserId owner = ids.next(UserId::of);
    org = orgs.provision(Actor.operator("ops"), new NewOrganization(Optional.empty(), "Acme", "billing@acme.example", "DE",
        Optional.empty(), Money.currency("EUR"), Locale.GERMANY, owner)).id();
  }

  private Subscription subscription() {
    return store.inTenant(org, tx -> tx.subscriptions().list().get(0));
  }

  private void paymentMethod(String pm) {
    events.apply(Actor.provider("checkout"), new ProviderEvent.CheckoutCompleted("cs-" + pm + "-" + clock.instant(), org,
        "cs_" + pm, clock.instant(), pm));
  }

  private List<Invoice> invoices() {
    return invoices.list(Actor.job("test"), org, Optional.empty(), Optional.empty(), 100);
  }

  private TrialBalance books() {
    return ledger.trialBalance(Actor.job("test"), org);
  }

  @Test
  void provisioningStartsAFourteenDayTrialOfTheDefaultPlan() {
    Subscription s = subscription();
    assertThat(s.status()).isEqualTo(SubscriptionStatus.TRIALING);
    assertThat(s.plan().key()).isEqualTo("pro");
    assertThat(s.trialEnd()).contains(clock.instant().plus(Duration.ofDays(14)));
    assertThat(invoices()).isEmpty();
    assertThat(emitted).filteredOn(e -> e instanceof BillingEvent.SubscriptionCreated).singleElement()
        .isEqualTo(new BillingEvent.SubscriptionCreated("subscription-created:" + s.id(), org, clock.instant(), s.id(),
            s.plan(), 1, SubscriptionStatus.TRIALING, s.trialEnd()));
  }

  @Test
  void laterChangesToASubscriptionAnnounceNoSecondCreation() {
    paymentMethod("pm_card_visa");
    clock.advance(Duration.ofDays(14));
    engine.renewDue(100);
    assertThat(subscription().status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(emitted).filteredOn(e -> e instanceof BillingEvent.SubscriptionCreated).hasSize(1);
    assertThat(emitted).filteredOn(e -> e instanceof BillingEvent.SubscriptionActivated).hasSize(1);
  }

  @Test
  void aTrialWithoutAPaymentMethodEndsCanceled() {
    clock.advance(Duration.ofDays(12));
    engine.renewDue(100);
    assertThat(emitted).filteredOn(e -> e instanceof BillingEvent.TrialWillEnd).hasSize(1);
    engine.renewDue(100);
    assertThat(emitted).filteredOn(e -> e instanceof BillingEvent.TrialWillEnd).hasSize(1);
    clock.advance(Duration.ofDays(2));
    engine.renewDue(100);
    assertThat(subscription().status()).isEqualTo(SubscriptionStatus.CANCELED);
    assertThat(invoices()).isEmpty();
  }

  @Test
  void aTrialWithACardConvertsInvoicesAndCollectsOnce() {
    paymentMethod("pm_card_visa");
    clock.advance(Duration.ofDays(14));
    assertThat(engine.renewDue(100).processed()).isEqualTo(1);
    assertThat(engine.renewDue(100).processed()).isZero();

    Subscription s = subscription();
    assertThat(s.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(s.currentPeriod().start()).isEqualTo(s.trialEnd().orElseThrow());
    assertThat(invoices()).singleElement().satisfies(i -> {
      assertThat(i.status()).isEqualTo(InvoiceStatus.PAID);
      // Pro: 49.00 base + 1 seat × 12.00, 19% VAT (DE consumer) = 72.59.
      assertThat(i.total()).isEqualTo(Money.ofMajor("72.59", "EUR"));
    });
    assertThat(books().net(AccountCode.CASH_CLEARING, Money.currency("EUR"))).isEqualTo(Money.ofMajor("72.59", "EUR"));
    assertThat(emitted).extracting(e -> e.getClass().getSimpleName())
        .contains("SubscriptionActivated", "InvoiceFinalized", "InvoicePaid");
  }

  @Test
  void aDeclinedRenewalGoesPastDueRetriesOnScheduleAndRecovers() {
    paymentMethod("pm_card_visa");
    clock.advance(Duration.ofDays(14));
    engine.renewDue(100);
    paymentMethod("pm_card_chargeDeclined");
    clock.set(subscription().currentPeriod().end().plus(Duration.ofHours(1)));
    engine.renewDue(100);

    assertThat(subscription().status()).isEqualTo(SubscriptionStatus.PAST_DUE);
    Invoice second = invoices().get(1);
    assertThat(second.status()).isEqualTo(InvoiceStatus.OPEN);
    assertThat(emitted).filteredOn(e -> e instanceof BillingEvent.PaymentFailed).hasSize(1);

    // Day 1 after the failure: the first retry, declined again.
    clock.advance(Duration.ofDays(1));
    assertThat(engine.collectDue(100).processed()).isEqualTo(1);
    assertThat(engine.collectDue(100).processed()).isZero();
    assertThat(emitted).filteredOn(e -> e instanceof BillingEvent.DunningStep).hasSize(2);

    // The customer fixes the card; the day-3 retry succeeds and the subscription recovers.
    paymentMethod("pm_card_visa");
    clock.advance(Duration.ofDays(2));
    engine.collectDue(100);
    assertThat(invoices.get(Actor.job("test"), org, second.id()).orElseThrow().status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(subscription().status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(books().isBalanced()).isTrue();
    assertThat(books().net(AccountCode.RECEIVABLE, Money.currency("EUR"))).isEqualTo(Money.zero(Money.currency("EUR")));
  }

  @Test
  void exhaustedRetriesCancelTheSubscription() {
    paymentMethod("pm_card_visa");
    clock.advance(Duration.ofDays(14));
    engine.renewDue(100);
    paymentMethod("pm_card_chargeDeclinedInsufficientFunds");
    clock.set(subscription().currentPeriod().end().plus(Duration.ofHours(1)));
    engine.renewDue(100);
    for (int day : new int[] {1, 3, 5, 7}) {
      clock.set(subscription().currentPeriod().start().plus(Duration.ofHours(1)).plus(Duration.ofDays(day)));
      engine.collectDue(100);
    }
    assertThat(subscription().status()).isEqualTo(SubscriptionStatus.CANCELED);
    assertThat(emitted).filteredOn(e -> e instanceof BillingEvent.DunningStep d && d.action().equals("canceled")).hasSize(1);
    assertThat(invoices().get(1).status()).isEqualTo(InvoiceStatus.OPEN);
  }
}
