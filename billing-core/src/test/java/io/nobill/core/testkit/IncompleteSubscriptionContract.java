package io.nobill.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.Billing;
import io.nobill.core.BillingInternals;
import io.nobill.core.access.Actor;
import io.nobill.core.audit.AuditEntry;
import io.nobill.core.audit.AuditQuery;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.event.BillingEvent;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.invoice.CollectionState;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.payment.SimulatedCardCollector;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.PaymentCollector;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.subscription.SubscribeRequest;
import io.nobill.core.subscription.Subscription;
import io.nobill.core.subscription.SubscriptionStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A new subscription whose first payment fails, as Stripe's {@code payment_behavior=allow_incomplete}:
 * it is {@code incomplete} (no access, no dunning); a payment within 23 hours makes it active;
 * otherwise it becomes {@code incomplete_expired}, its first invoice voided and nothing charged.
 * Invoices sent to be paid later (a manual collector) leave it active, as Stripe's {@code send_invoice}.
 */
public abstract class IncompleteSubscriptionContract {
  private static final Actor OPERATOR = Actor.operator("ops-1");
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  private static final Duration GRACE = Duration.ofDays(7);

  protected abstract BillingStore newStore();

  private final BillingStore store = newStore();
  private final TestClock clock = TestClock.at(T0.toString());
  private final IdGenerator ids = IdGenerator.timeOrdered(clock);
  private final List<BillingEvent> received = new CopyOnWriteArrayList<>();

  private Billing instance(Clock instanceClock, PaymentCollector collector) {
    return Billing.builder().store(store).catalog(SeedCatalog.create("EUR")).taxCalculator(TaxCalculator.NONE)
        .paymentCollector(collector).listener("test", received::add).clock(instanceClock).idGenerator(ids).build();
  }

  private final Billing billing = instance(clock, new SimulatedCardCollector());

  private record Customer(Actor owner, OrgId org) {}

  private Customer customer(Billing b) {
    UserId user = b.ids().next(UserId::of);
    OrgId org = b.organizations().provision(Actor.member(user), new NewOrganization(Optional.empty(), "Acme",
        "billing@acme.example", "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, user)).id();
    return new Customer(Actor.member(user), org);
  }

  private Subscription subscribeDeclined(Billing b, Customer c) {
    return b.subscriptions().subscribe(c.owner(), c.org(), SubscribeRequest.plan(SeedCatalog.PRO).seats(3)
        .paymentMethod("pm_card_chargeDeclined"));
  }

  private Subscription sub(Customer c) {
    // Internals: current() shows no ended subscription, and an expired one has ended.
    return BillingInternals.of(billing).store.inTenant(c.org(), tx -> tx.subscriptions().list().get(0));
  }

  private Invoice onlyInvoice(Customer c) {
    List<Invoice> all = billing.invoices().list(c.owner(), c.org(), Optional.empty(), Optional.empty(), 100);
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private CollectionState collection(Customer c, Invoice invoice) {
    return BillingInternals.of(billing).store.inTenant(c.org(), tx -> tx.invoices().collection(invoice.id()).orElseThrow());
  }

  private Money cash(Customer c) {
    return billing.ledger().trialBalance(OPERATOR, c.org()).net(AccountCode.CASH_CLEARING, Money.currency("EUR"));
  }

  private List<BillingEvent> events(Class<? extends BillingEvent> type) {
    return received.stream().filter(type::isInstance).toList();
  }

  private List<AuditEntry> statusChangesTo(Customer c, SubscriptionStatus status) {
    return billing.audit().query(OPERATOR, c.org(), AuditQuery.ALL, 0, 1000).stream()
        .filter(e -> e.action().equals("subscription.updated") && status.name().equals(e.after().get("status"))).toList();
  }

  private void runAfter(Duration d) {
    clock.advance(d);
    billing.work().runDue();
  }

  @Test
  void aDeclinedFirstPaymentLeavesTheSubscriptionIncompleteWithoutAccessOrDunning() {
    Customer c = customer(billing);
    Subscription s = subscribeDeclined(billing, c);

    assertThat(s.status()).isEqualTo(SubscriptionStatus.INCOMPLETE);
    assertThat(s.incomplete()).isTrue();
    assertThat(s.active(clock.instant())).isFalse();
    assertThat(s.grantsAccess(clock.instant(), GRACE)).isFalse();
    Invoice invoice = onlyInvoice(c);
    assertThat(invoice.status()).isEqualTo(InvoiceStatus.OPEN);
    // Dunning would retry after a day; an incomplete subscription is not dunned.
    for (int h = 0; h < 22; h++) {
      runAfter(Duration.ofHours(1));
    }
    assertThat(sub(c).status()).isEqualTo(SubscriptionStatus.INCOMPLETE);
    assertThat(collection(c, invoice).attempts()).isEqualTo(1);
    assertThat(events(BillingEvent.DunningStep.class)).isEmpty();
    assertThat(events(BillingEvent.PaymentFailed.class)).hasSize(1);
    assertThat(statusChangesTo(c, SubscriptionStatus.PAST_DUE)).isEmpty();
    assertThat(statusChangesTo(c, SubscriptionStatus.INCOMPLETE)).hasSize(1);
    assertThat(cash(c).isZero()).isTrue();
  }

  @Test
  void aWorkingCardAttachedWithin23HoursPaysTheFirstInvoiceAndActivatesIt() {
    Customer c = customer(billing);
    subscribeDeclined(billing, c);
    clock.advance(Duration.ofHours(10));

    billing.subscriptions().attachPaymentMethod(c.owner(), c.org(), "pm_card_visa");

    Subscription s = sub(c);
    assertThat(s.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(s.grantsAccess(clock.instant(), GRACE)).isTrue();
    Invoice invoice = onlyInvoice(c);
    assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(cash(c)).isEqualTo(invoice.amountDue());
    // The window passing later changes nothing: it is active, and charged once.
    runAfter(Duration.ofHours(20));
    assertThat(sub(c).status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(onlyInvoice(c).status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(cash(c)).isEqualTo(invoice.amountDue());
    assertThat(events(BillingEvent.SubscriptionCanceled.class)).isEmpty();
  }

  @Test
  void anotherDeclinedCardWithinTheWindowKeepsItIncomplete() {
    Customer c = customer(billing);
    subscribeDeclined(billing, c);
    clock.advance(Duration.ofHours(2));

    billing.subscriptions().attachPaymentMethod(c.owner(), c.org(), "pm_card_chargeDeclinedInsufficientFunds");

    assertThat(sub(c).status()).isEqualTo(SubscriptionStatus.INCOMPLETE);
    Invoice invoice = onlyInvoice(c);
    assertThat(collection(c, invoice).attempts()).isEqualTo(2);
    assertThat(collection(c, invoice).lastFailure()).contains("insufficient_funds");
    assertThat(events(BillingEvent.DunningStep.class)).isEmpty();
  }

  @Test
  void after23HoursItExpiresTheFirstInvoiceIsVoidedAndNothingIsCharged() {
    Customer c = customer(billing);
    Instant start = subscribeDeclined(billing, c).currentPeriod().start();

    runAfter(Duration.ofHours(23).minusSeconds(1));
    assertThat(sub(c).status()).isEqualTo(SubscriptionStatus.INCOMPLETE);
    runAfter(Duration.ofSeconds(1));

    Subscription s = sub(c);
    assertThat(s.status()).isEqualTo(SubscriptionStatus.INCOMPLETE_EXPIRED);
    assertThat(s.status().isEnded()).isTrue();
    assertThat(s.incomplete()).isTrue();
    assertThat(s.grantsAccess(clock.instant(), GRACE)).isFalse();
    assertThat(clock.instant()).isEqualTo(start.plus(Duration.ofHours(23)));
    Invoice invoice = onlyInvoice(c);
    assertThat(invoice.status()).isEqualTo(InvoiceStatus.VOID);
    // A numbered invoice is never deleted: its void is documented by a credit note.
    assertThat(billing.invoices().creditNotes(c.owner(), c.org(), invoice.id())).hasSize(1);
    assertThat(collection(c, invoice).attempts()).isEqualTo(1);
    assertThat(collection(c, invoice).nextAttemptAt()).isEmpty();
    billing.work().runDue(); // delivers the outbox
    assertThat(events(BillingEvent.SubscriptionCanceled.class)).singleElement()
        .satisfies(e -> assertThat(((BillingEvent.SubscriptionCanceled) e).reason()).isEqualTo("incomplete_expired"));
    assertThat(statusChangesTo(c, SubscriptionStatus.INCOMPLETE_EXPIRED)).singleElement()
        .satisfies(e -> assertThat(e.actor()).contains("billing-engine"));

    // Nothing more happens: a card attached now charges nothing, the books balance at zero.
    billing.subscriptions().attachPaymentMethod(c.owner(), c.org(), "pm_card_visa");
    runAfter(Duration.ofDays(40));
    assertThat(sub(c).status()).isEqualTo(SubscriptionStatus.INCOMPLETE_EXPIRED);
    assertThat(onlyInvoice(c).status()).isEqualTo(InvoiceStatus.VOID);
    assertThat(cash(c).isZero()).isTrue();
    assertThat(billing.ledger().trialBalance(OPERATOR, c.org()).isBalanced()).isTrue();
    assertThat(billing.audit().verify(OPERATOR, c.org()).intact()).isTrue();
  }

  @Test
  void invoicesSentToBePaidLaterLeaveTheSubscriptionActive() {
    Billing manual = instance(clock, PaymentCollector.MANUAL);
    Customer c = customer(manual);
    Subscription s = manual.subscriptions().subscribe(c.owner(), c.org(), SubscribeRequest.plan(SeedCatalog.PRO).seats(3));

    assertThat(s.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(onlyInvoice(c).status()).isEqualTo(InvoiceStatus.OPEN);
    clock.advance(Duration.ofHours(30));
    manual.work().runDue();
    assertThat(sub(c).status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(onlyInvoice(c).status()).isEqualTo(InvoiceStatus.OPEN);
  }

  @Test
  void twoInstancesWhoseClocksDisagreeExpireItOnce() {
    Billing ahead = instance(Clock.offset(clock, Duration.ofMinutes(5)), new SimulatedCardCollector());
    Billing behind = instance(Clock.offset(clock, Duration.ofMinutes(-5)), new SimulatedCardCollector());
    Customer c = customer(behind);
    subscribeDeclined(behind, c);

    clock.advance(Duration.ofHours(23).minusMinutes(6));
    for (int i = 0; i < 12; i++) {
      ahead.work().runDue();
      behind.work().runDue();
      clock.advance(Duration.ofMinutes(1));
    }
    ahead.work().runDue();
    behind.work().runDue();

    assertThat(sub(c).status()).isEqualTo(SubscriptionStatus.INCOMPLETE_EXPIRED);
    Invoice invoice = onlyInvoice(c);
    assertThat(invoice.status()).isEqualTo(InvoiceStatus.VOID);
    assertThat(billing.invoices().creditNotes(c.owner(), c.org(), invoice.id())).hasSize(1);
    assertThat(statusChangesTo(c, SubscriptionStatus.INCOMPLETE_EXPIRED)).hasSize(1);
    assertThat(collection(c, invoice).attempts()).isEqualTo(1);
    assertThat(cash(c).isZero()).isTrue();
    assertThat(billing.ledger().trialBalance(OPERATOR, c.org()).isBalanced()).isTrue();
  }
}
