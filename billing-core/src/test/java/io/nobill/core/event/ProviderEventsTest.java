package io.nobill.core.event;

import io.nobill.core.internal.event.CoreProviderEvents;
import io.nobill.core.testkit.ReducerFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.access.AccessDeniedException;
import io.nobill.core.access.Actor;
import io.nobill.core.event.BillingEvent;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.catalog.PlanRef;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.money.Money;
import io.nobill.core.subscription.SubscriptionStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderEventsTest {
  private final ReducerFixture f = new ReducerFixture();
  private final List<ProviderEvent> life = f.lifecycle();

  private long inboxCount(String eventId) {
    return f.store.inTenant(f.org, tx -> tx.inbox().find(eventId).isPresent() ? 1L : 0L);
  }

  @Test
  void theLifecycleInOrderEndsCanceledWithBothInvoicesPaidAndBooksBalanced() {
    life.forEach(e -> f.events.apply(ReducerFixture.STRIPE, e));
    ReducerFixture.Outcome o = f.outcome();
    assertThat(o.status()).isEqualTo(SubscriptionStatus.CANCELED);
    assertThat(o.plan()).isEqualTo(ReducerFixture.ENTERPRISE);
    assertThat(o.seats()).isEqualTo(5);
    assertThat(o.paymentMethod()).contains("pm_card_visa");
    assertThat(o.firstInvoice()).isEqualTo(InvoiceStatus.PAID);
    assertThat(o.secondInvoice()).isEqualTo(InvoiceStatus.PAID);
    assertThat(f.books().isBalanced()).isTrue();
    // Pro, 3 seats: 49 + 36 = 85.00; Pro, 5 seats: 49 + 60 = 109.00; refund 10.00; no tax.
    assertThat(f.books().net(AccountCode.CASH_CLEARING, Money.currency("EUR"))).isEqualTo(Money.ofMajor("184.00", "EUR"));
    assertThat(f.books().net(AccountCode.REFUNDS, Money.currency("EUR"))).isEqualTo(Money.ofMajor("10.00", "EUR"));
    assertThat(f.emitted).extracting(e -> e.getClass().getSimpleName()).contains("TrialWillEnd", "SubscriptionActivated",
        "SubscriptionChanged", "InvoiceFinalized", "InvoicePaid", "PaymentFailed", "SubscriptionCanceled");
  }

  @Test
  void aRepeatedEventIsADuplicateAndChangesNothing() {
    ProviderEvent created = life.get(0);
    assertThat(f.events.apply(ReducerFixture.STRIPE, created)).isInstanceOf(ProviderEvents.Applied.Recorded.class);
    int emittedBefore = f.emitted.size();
    assertThat(f.events.apply(ReducerFixture.STRIPE, created)).isInstanceOf(ProviderEvents.Applied.Duplicate.class);
    assertThat(f.emitted).hasSize(emittedBefore);
  }

  @Test
  void anOlderSnapshotArrivingLateIsRecordedAndIgnored() {
    f.events.apply(ReducerFixture.STRIPE, life.get(0));
    f.events.apply(ReducerFixture.STRIPE, life.get(6)); // 5 seats at minute 7
    ProviderEvents.Applied late = f.events.apply(ReducerFixture.STRIPE, life.get(3)); // 3 seats at minute 4
    assertThat(late).isEqualTo(new ProviderEvents.Applied.Recorded("evt_04", InboxEntry.Outcome.IGNORED_STALE));
    assertThat(f.store.<Integer>inTenant(f.org, tx -> tx.subscriptions().findByProviderId("sub_1").orElseThrow().seats()))
        .isEqualTo(5);
    assertThat(inboxCount("evt_04")).isEqualTo(1);
  }

  @Test
  void eventsForUnknownOrganizationsOrObjectsAreRefusedAndNotMarkedSeen() {
    ProviderEvent strangerOrg = new ProviderEvent.SubscriptionDeleted("evt_x1", f.ids.next(OrgId::of), "sub_1",
        ReducerFixture.T0);
    assertThatThrownBy(() -> f.events.apply(ReducerFixture.STRIPE, strangerOrg)).isInstanceOf(NotFoundException.class);
    ProviderEvent unknownSub = new ProviderEvent.SubscriptionDeleted("evt_x2", f.org, "sub_unknown", ReducerFixture.T0);
    assertThatThrownBy(() -> f.events.apply(ReducerFixture.STRIPE, unknownSub))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo("sub_unknown"));
    assertThat(inboxCount("evt_x2")).isZero();
  }

  @Test
  void malformedSnapshotsAreRefusedNamingTheField() {
    assertThatThrownBy(() -> f.events.apply(ReducerFixture.STRIPE, new ProviderEvent.SubscriptionSnapshot("evt_y1", f.org,
        "sub_9", ReducerFixture.T0, SubscriptionStatus.ACTIVE, new PlanRef("gold", 1), 1, ReducerFixture.P1, Optional.empty(),
        false))).isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("plan"));
    assertThatThrownBy(() -> new ProviderEvent.SubscriptionSnapshot("evt_y2", f.org, "sub_9", ReducerFixture.T0,
        SubscriptionStatus.ACTIVE, ReducerFixture.PRO, 0, ReducerFixture.P1, Optional.empty(), false))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("seats"));
    assertThatThrownBy(() -> new ProviderEvent.SubscriptionSnapshot("evt_y3", f.org, "sub_9", ReducerFixture.T0,
        SubscriptionStatus.TRIALING, ReducerFixture.PRO, 1, ReducerFixture.P1, Optional.empty(), false))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("trialEnd"));
    assertThatThrownBy(() -> new ProviderEvent.CheckoutCompleted(" ", f.org, "cs", ReducerFixture.T0, "pm"))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("eventId"));
    assertThat(inboxCount("evt_y1")).isZero();
    assertThat(f.store.<Integer>inTenant(f.org, tx -> tx.subscriptions().list().size())).isZero();
  }

  @Test
  void aPlanInAnotherCurrencyIsRefused() {
    io.nobill.core.catalog.Catalog usd = io.nobill.core.catalog.SeedCatalog.create("USD");
    CoreProviderEvents usdEvents = CoreProviderEvents.create(f.store, f.clock, f.ids, usd, f.ledger, f.invoices, (tx, e) -> {});
    assertThatThrownBy(() -> usdEvents.apply(ReducerFixture.STRIPE, life.get(0)))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.rule()).contains("currency EUR"));
  }

  @Test
  void onlyProvidersAndJobsApplyProviderEvents() {
    assertThatThrownBy(() -> f.events.apply(Actor.member(f.ids.next(UserId::of)), life.get(0)))
        .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.permission()).isEqualTo("provider.events"));
    assertThatThrownBy(() -> f.events.apply(Actor.operator("ops"), life.get(0))).isInstanceOf(AccessDeniedException.class);
    assertThat(inboxCount("evt_01")).isZero();
    assertThat(f.events.apply(Actor.job("engine"), life.get(0))).isInstanceOf(ProviderEvents.Applied.Recorded.class);
  }

  @Test
  void emittedEventsHaveKeysStableAcrossOrders() {
    life.forEach(e -> f.events.apply(ReducerFixture.STRIPE, e));
    assertThat(f.emitted).filteredOn(e -> e instanceof BillingEvent.InvoicePaid).extracting(BillingEvent::key)
        .containsExactlyInAnyOrder("invoice-paid:" + f.first, "invoice-paid:" + f.second);
  }
}
