package io.nobill.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.Billing;
import io.nobill.core.BillingInternals;
import io.nobill.core.access.AccessDeniedException;
import io.nobill.core.access.Actor;
import io.nobill.core.access.Role;
import io.nobill.core.audit.AuditEntry;
import io.nobill.core.audit.AuditQuery;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.event.BillingEvent;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.invoice.LineKind;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.payment.SimulatedCardCollector;
import io.nobill.core.rating.ProrationBehavior;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.subscription.BillingSchedule;
import io.nobill.core.subscription.CancelRequest;
import io.nobill.core.subscription.PaymentMethodRecord;
import io.nobill.core.subscription.SubscribeRequest;
import io.nobill.core.subscription.Subscription;
import io.nobill.core.subscription.SubscriptionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The subscription commands a host calls, Cashier- and Pay-style: a fluent subscribe request
 * (trials, billing anchor, payment method), trial extension and early end, seat increments,
 * named cancellations, pause and resume. Each checks {@code billing.manage}, writes its audit
 * entry as the caller, and — refused for a bad value or a state that does not allow it —
 * writes nothing.
 */
public abstract class SubscriptionCommandsContract {
  private static final Actor OPERATOR = Actor.operator("ops-1");
  private static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");

  protected abstract BillingStore newStore();

  private final TestClock clock = TestClock.at(T0.toString());
  private final List<BillingEvent> received = new CopyOnWriteArrayList<>();
  private Billing billing;
  private Actor owner;
  private Actor member;
  private OrgId acme;

  @BeforeEach
  void anOrganizationWithoutASubscription() {
    billing = Billing.builder().store(newStore()).catalog(SeedCatalog.create("EUR")).taxCalculator(TaxCalculator.NONE)
        .paymentCollector(new SimulatedCardCollector()).listener("test", received::add).clock(clock)
        .idGenerator(IdGenerator.sequential()).build();
    UserId user = billing.ids().next(UserId::of);
    owner = Actor.member(user);
    acme = billing.organizations().provision(owner, new NewOrganization(Optional.empty(), "Acme", "billing@acme.example",
        "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, user)).id();
    UserId plain = billing.ids().next(UserId::of);
    billing.organizations().addMember(owner, acme, plain, Role.MEMBER);
    member = Actor.member(plain);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private Subscription sub() {
    return billing.subscriptions().current(owner, acme).orElseThrow();
  }

  private List<Invoice> invoices() {
    return billing.invoices().list(owner, acme, Optional.empty(), Optional.empty(), 100);
  }

  private static Money eur(String amount) {
    return Money.ofMajor(amount, "EUR");
  }

  /** Everything a command could have written. */
  private record State(List<Subscription> subscriptions, List<BillingSchedule> schedules,
      Optional<PaymentMethodRecord> paymentMethod, int invoices, int auditEntries) {}

  private State state() {
    int audit = billing.audit().query(OPERATOR, acme, AuditQuery.ALL, 0, 1000).size();
    return BillingInternals.of(billing).store.inTenant(acme, tx -> {
      List<Subscription> subs = tx.subscriptions().list();
      return new State(subs, subs.stream().map(s -> tx.subscriptions().schedule(s.id())).toList(),
          tx.subscriptions().paymentMethod(), tx.invoices().list(Optional.empty(), Optional.empty(), 1000).size(), audit);
    });
  }

  private void assertRefused(ThrowingCallable call, String field, String rule) {
    State before = state();
    assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.rule()).contains(rule);
    });
    assertThat(state()).isEqualTo(before);
  }

  private void assertConflict(ThrowingCallable call, String message) {
    State before = state();
    assertThatThrownBy(call).isInstanceOf(ConflictException.class).hasMessageContaining(message);
    assertThat(state()).isEqualTo(before);
  }

  private void assertDenied(Consumer<Actor> command) {
    State before = state();
    assertThatThrownBy(() -> command.accept(member)).isInstanceOf(AccessDeniedException.class);
    assertThat(state()).isEqualTo(before);
  }

  private AuditEntry lastAudit() {
    List<AuditEntry> all = billing.audit().query(OPERATOR, acme, AuditQuery.ALL, 0, 1000);
    return all.get(all.size() - 1);
  }

  private void active(int seats) {
    billing.subscriptions().subscribe(owner, acme, SubscribeRequest.plan(SeedCatalog.PRO).seats(seats)
        .paymentMethod("pm_card_visa"));
  }

  private void runAfter(Duration d) {
    clock.advance(d);
    billing.work().runDue();
  }

  // ---- subscribe ------------------------------------------------------------------------------

  @Test
  void aRequestWithoutTrialStartsNowPutsThePaymentMethodOnFileAndCollectsTheFirstPeriod() {
    Subscription s = billing.subscriptions().subscribe(owner, acme, SubscribeRequest.plan(SeedCatalog.PRO).seats(3)
        .paymentMethod("pm_card_visa"));
    assertThat(s.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(s.seats()).isEqualTo(3);
    assertThat(s.currentPeriod()).isEqualTo(new Period(T0, Instant.parse("2026-02-01T09:00:00Z")));
    assertThat(s.trialEnd()).isEmpty();
    assertThat(invoices()).singleElement().satisfies(i -> {
      assertThat(i.total()).isEqualTo(eur("85.00"));
      assertThat(i.status()).isEqualTo(InvoiceStatus.PAID);
    });
    assertThat(state().paymentMethod().flatMap(PaymentMethodRecord::reference)).contains("pm_card_visa");
    List<AuditEntry> byOwner = billing.audit().query(OPERATOR, acme, AuditQuery.ALL.withActor(owner.describe()), 0, 100);
    assertThat(byOwner).extracting(AuditEntry::action).contains("payment-method.attached", "subscription.created");
  }

  @Test
  void theTwoArgumentSubscribeStillWorksAndDelegates() {
    billing.subscriptions().attachPaymentMethod(owner, acme, "pm_card_visa");
    assertThat(billing.subscriptions().subscribe(owner, acme, SeedCatalog.PRO, 2).seats()).isEqualTo(2);
    assertThat(invoices()).singleElement().satisfies(i -> assertThat(i.total()).isEqualTo(eur("73.00")));
  }

  @Test
  void aTrialOfSomeDaysStartsTrialingWithoutAnInvoiceAndConvertsAtItsEnd() {
    Subscription s = billing.subscriptions().subscribe(owner, acme, SubscribeRequest.plan(SeedCatalog.PRO).seats(2)
        .trialDays(7).paymentMethod("pm_card_visa"));
    assertThat(s.status()).isEqualTo(SubscriptionStatus.TRIALING);
    assertThat(s.trialEnd()).contains(T0.plus(Duration.ofDays(7)));
    assertThat(s.onTrial(T0)).isTrue();
    assertThat(s.daysLeftInTrial(T0)).isEqualTo(7);
    assertThat(invoices()).isEmpty();
    runAfter(Duration.ofDays(7));
    assertThat(sub().status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(sub().currentPeriod().start()).isEqualTo(T0.plus(Duration.ofDays(7)));
    assertThat(invoices()).singleElement().satisfies(i -> assertThat(i.status()).isEqualTo(InvoiceStatus.PAID));
  }

  @Test
  void aTrialUntilAnInstantEndsThenAndNoTrialIsTheDefault() {
    Instant end = Instant.parse("2026-01-20T00:00:00Z");
    SubscribeRequest request = SubscribeRequest.plan(SeedCatalog.PRO).trialUntil(end);
    assertThat(request.noTrial()).isEqualTo(SubscribeRequest.plan(SeedCatalog.PRO));
    Subscription s = billing.subscriptions().subscribe(owner, acme, request);
    assertThat(s.trialEnd()).contains(end);
    assertThat(s.currentPeriod()).isEqualTo(new Period(T0, end));
  }

  @Test
  void aBillingCycleAnchorChargesTheStubProratedAndRenewsOnTheAnchor() {
    Instant anchor = Instant.parse("2026-01-15T00:00:00Z");
    Subscription s = billing.subscriptions().subscribe(owner, acme, SubscribeRequest.plan(SeedCatalog.PRO).seats(3)
        .billingCycleAnchor(anchor).paymentMethod("pm_card_visa"));
    assertThat(s.currentPeriod()).isEqualTo(new Period(T0, anchor));
    // The remaining 13 days 15 hours of the anchored period Dec 15 – Jan 15 (31 days):
    // 49.00 × 1,177,200 / 2,678,400 = 21.54 and 36.00 × the same = 15.82.
    assertThat(invoices()).singleElement().satisfies(i -> {
      assertThat(i.lines()).extracting(l -> l.amount()).containsExactlyInAnyOrder(eur("21.54"), eur("15.82"));
      assertThat(i.total()).isEqualTo(eur("37.36"));
    });
    runAfter(Duration.between(T0, anchor).plusHours(2));
    assertThat(sub().currentPeriod()).isEqualTo(new Period(anchor, Instant.parse("2026-02-15T00:00:00Z")));
    assertThat(invoices()).hasSize(2).last().satisfies(i -> assertThat(i.total()).isEqualTo(eur("85.00")));
  }

  @Test
  void aTrialWithAnAnchorChargesTheStubFromTheTrialEnd() {
    Instant anchor = Instant.parse("2026-02-01T00:00:00Z");
    billing.subscriptions().subscribe(owner, acme, SubscribeRequest.plan(SeedCatalog.PRO).trialDays(14)
        .billingCycleAnchor(anchor).paymentMethod("pm_card_visa"));
    runAfter(Duration.ofDays(14));
    assertThat(sub().status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(sub().currentPeriod()).isEqualTo(new Period(T0.plus(Duration.ofDays(14)), anchor));
    assertThat(invoices()).singleElement().satisfies(i -> assertThat(i.total().minorUnits()).isBetween(1L, 6099L));
  }

  @Test
  void aRequestIsCheckedAsItIsBuilt() {
    assertThatThrownBy(() -> SubscribeRequest.plan(" pro")).isInstanceOfSatisfying(InvalidRequestException.class,
        e -> assertThat(e.field()).isEqualTo("plan"));
    SubscribeRequest pro = SubscribeRequest.plan(SeedCatalog.PRO);
    List<ThrowingCallableWithField> bad = List.of(
        new ThrowingCallableWithField(() -> pro.seats(0), "seats"),
        new ThrowingCallableWithField(() -> pro.trialDays(0), "trialDays"),
        new ThrowingCallableWithField(() -> pro.trialDays(731), "trialDays"),
        new ThrowingCallableWithField(() -> pro.trialUntil(Instant.parse("2200-01-01T00:00:00Z")), "trialUntil"),
        new ThrowingCallableWithField(() -> pro.billingCycleAnchor(Instant.parse("1969-12-31T00:00:00Z")),
            "billingCycleAnchor"),
        new ThrowingCallableWithField(() -> pro.paymentMethod(""), "paymentMethod"),
        new ThrowingCallableWithField(() -> pro.paymentMethod("pm_1\n"), "paymentMethod"),
        new ThrowingCallableWithField(() -> CancelRequest.atPeriodEnd().creditUnusedTime(), "creditUnusedTime"));
    for (ThrowingCallableWithField b : bad) {
      assertThatThrownBy(b.call()).as(b.field()).isInstanceOfSatisfying(InvalidRequestException.class,
          e -> assertThat(e.field()).isEqualTo(b.field()));
    }
    assertThat(pro.toString()).doesNotContain("pm_").contains("plan=pro");
    assertThat(pro.paymentMethod("pm_secret").toString()).doesNotContain("pm_secret");
  }

  private record ThrowingCallableWithField(ThrowingCallable call, String field) {}

  @Test
  void whatOnlyTheOrganizationAndTheClockCanTellIsRefusedWithNothingWritten() {
    SubscribeRequest pro = SubscribeRequest.plan(SeedCatalog.PRO).paymentMethod("pm_card_visa");
    assertRefused(() -> billing.subscriptions().subscribe(owner, acme, pro.trialUntil(T0.minusSeconds(1))),
        "trialUntil", "in the future");
    assertRefused(() -> billing.subscriptions().subscribe(owner, acme, pro.trialUntil(T0.plus(Duration.ofDays(731)))),
        "trialUntil", "at most 730 days");
    assertRefused(() -> billing.subscriptions().subscribe(owner, acme, pro.billingCycleAnchor(T0)),
        "billingCycleAnchor", "after the first period's start");
    assertRefused(() -> billing.subscriptions().subscribe(owner, acme,
        pro.billingCycleAnchor(Instant.parse("2026-02-01T09:00:01Z"))), "billingCycleAnchor", "at most one interval");
    assertRefused(() -> billing.subscriptions().subscribe(owner, acme, pro.trialDays(7)
        .billingCycleAnchor(T0.plus(Duration.ofDays(3)))), "billingCycleAnchor", "after the first period's start");
    assertRefused(() -> billing.subscriptions().subscribe(owner, acme, SubscribeRequest.plan("platinum")
        .paymentMethod("pm_card_visa")), "plan", "must be a plan of the catalog");
    assertRefused(() -> billing.subscriptions().subscribe(owner, acme, pro.seats(51)), "seats", "at most 50");
    assertDenied(a -> billing.subscriptions().subscribe(a, acme, pro));
    assertThat(state().subscriptions()).isEmpty();
  }

  @Test
  void duringATrialARequestChoosesPlanSeatsAndAnchorButNotTheTrial() {
    billing.subscriptions().subscribe(owner, acme, SubscribeRequest.plan(SeedCatalog.PRO).trialDays(14));
    assertRefused(() -> billing.subscriptions().subscribe(owner, acme, SubscribeRequest.plan(SeedCatalog.STARTER)
        .trialDays(30)), "trial", "extendTrial");
    Instant anchor = Instant.parse("2026-02-01T00:00:00Z");
    Subscription s = billing.subscriptions().subscribe(owner, acme, SubscribeRequest.plan(SeedCatalog.STARTER)
        .billingCycleAnchor(anchor).paymentMethod("pm_card_visa"));
    assertThat(s.status()).isEqualTo(SubscriptionStatus.TRIALING);
    assertThat(s.plan().key()).isEqualTo(SeedCatalog.STARTER);
    assertThat(state().schedules().get(0).anchor()).contains(anchor);
    runAfter(Duration.ofDays(14));
    assertThat(sub().currentPeriod().end()).isEqualTo(anchor);
  }

  @Test
  void subscribingOverAnActiveSubscriptionIsAConflict() {
    active(1);
    assertConflict(() -> billing.subscriptions().subscribe(owner, acme, SubscribeRequest.plan(SeedCatalog.STARTER)),
        "change its plan or seats instead");
  }

  // ---- trials ---------------------------------------------------------------------------------

  @Test
  void extendingATrialMovesItsEndNoticesAgainAndConvertsAtTheNewEnd() {
    billing.subscriptions().subscribe(owner, acme, SubscribeRequest.plan(SeedCatalog.PRO).trialDays(14)
        .paymentMethod("pm_card_visa"));
    runAfter(Duration.ofDays(12));
    Instant newEnd = T0.plus(Duration.ofDays(21));
    Subscription s = billing.subscriptions().extendTrial(owner, acme, newEnd);
    assertThat(s.trialEnd()).contains(newEnd);
    assertThat(s.currentPeriod().end()).isEqualTo(newEnd);
    assertThat(lastAudit().action()).isEqualTo("subscription.updated");
    assertThat(lastAudit().actor()).isEqualTo(owner.describe());
    assertThat(lastAudit().after()).containsEntry("trialEnd", newEnd.toString());
    runAfter(Duration.ofDays(3));
    assertThat(sub().status()).isEqualTo(SubscriptionStatus.TRIALING);
    runAfter(Duration.ofDays(4));
    runAfter(Duration.ofDays(2));
    assertThat(sub().status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(sub().currentPeriod().start()).isEqualTo(newEnd);
    // Outbound events go out on the run after the one that wrote them.
    billing.work().runDue();
    assertThat(received).filteredOn(e -> e instanceof BillingEvent.TrialWillEnd).extracting(
        e -> ((BillingEvent.TrialWillEnd) e).trialEnd()).containsExactly(T0.plus(Duration.ofDays(14)), newEnd);
  }

  @Test
  void aTrialExtensionThatBreaksARuleWritesNothing() {
    billing.subscriptions().subscribe(owner, acme, SubscribeRequest.plan(SeedCatalog.PRO).trialDays(14));
    Instant end = T0.plus(Duration.ofDays(14));
    assertRefused(() -> billing.subscriptions().extendTrial(owner, acme, end), "trialEnd", "after the current trial end");
    assertRefused(() -> billing.subscriptions().extendTrial(owner, acme, T0.plus(Duration.ofDays(731))), "trialEnd",
        "at most 730 days");
    assertRefused(() -> billing.subscriptions().extendTrial(owner, acme, Instant.parse("2200-01-02T00:00:00Z")),
        "trialEnd", "");
    assertDenied(a -> billing.subscriptions().extendTrial(a, acme, end.plusSeconds(60)));
    assertDenied(a -> billing.subscriptions().endTrialNow(a, acme));
  }

  @Test
  void onlyATrialCanBeExtendedOrEnded() {
    active(1);
    assertConflict(() -> billing.subscriptions().extendTrial(owner, acme, T0.plus(Duration.ofDays(40))), "not trialing");
    assertConflict(() -> billing.subscriptions().endTrialNow(owner, acme), "not trialing");
  }

  @Test
  void endingATrialNowStartsTheFirstPeriodNowAndCollectsIt() {
    billing.subscriptions().subscribe(owner, acme, SubscribeRequest.plan(SeedCatalog.PRO).seats(3).trialDays(14));
    clock.advance(Duration.ofDays(2));
    assertConflict(() -> billing.subscriptions().endTrialNow(owner, acme), "no payment method on file");
    billing.subscriptions().attachPaymentMethod(owner, acme, "pm_card_visa");
    Instant now = clock.instant();
    Subscription s = billing.subscriptions().endTrialNow(owner, acme);
    assertThat(s.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(s.trialEnd()).contains(now);
    assertThat(s.currentPeriod()).isEqualTo(new Period(now, Instant.parse("2026-02-03T09:00:00Z")));
    assertThat(invoices()).singleElement().satisfies(i -> {
      assertThat(i.total()).isEqualTo(eur("85.00"));
      assertThat(i.status()).isEqualTo(InvoiceStatus.PAID);
    });
    assertThat(billing.audit().query(OPERATOR, acme, AuditQuery.ALL.withActor(owner.describe()), 0, 100))
        .extracting(AuditEntry::action).contains("subscription.updated");
    // The sweep at the old trial end finds nothing to do.
    runAfter(Duration.ofDays(13));
    assertThat(invoices()).hasSize(1);
  }

  // ---- seats ----------------------------------------------------------------------------------

  @Test
  void seatsGoUpAndDownByACountWithProration() {
    active(3);
    clock.advance(Duration.ofDays(10));
    assertThat(billing.subscriptions().incrementSeats(owner, acme, 2, ProrationBehavior.ALWAYS_INVOICE).seats())
        .isEqualTo(5);
    assertThat(invoices()).hasSize(2).last().satisfies(i -> assertThat(i.lines()).allSatisfy(
        l -> assertThat(l.kind()).isEqualTo(LineKind.PRORATION)));
    assertThat(billing.audit().query(OPERATOR, acme, AuditQuery.ALL.withActor(owner.describe())
        .withAction("subscription.updated"), 0, 1000)).last().satisfies(e -> assertThat(e.after())
            .containsEntry("seats", "5"));
    assertThat(billing.subscriptions().decrementSeats(owner, acme, 4, ProrationBehavior.NONE).seats()).isEqualTo(1);
    assertThat(invoices()).hasSize(2);
  }

  @Test
  void aSeatCountThatBreaksARuleWritesNothing() {
    active(3);
    assertRefused(() -> billing.subscriptions().incrementSeats(owner, acme, 0, ProrationBehavior.NONE), "count",
        "at least 1");
    assertRefused(() -> billing.subscriptions().decrementSeats(owner, acme, -1, ProrationBehavior.NONE), "count",
        "at least 1");
    assertRefused(() -> billing.subscriptions().decrementSeats(owner, acme, 3, ProrationBehavior.NONE), "count",
        "at least one seat; the subscription has 3");
    assertRefused(() -> billing.subscriptions().incrementSeats(owner, acme, 48, ProrationBehavior.NONE), "seats",
        "at most 50");
    assertRefused(() -> billing.subscriptions().incrementSeats(owner, acme, Integer.MAX_VALUE, ProrationBehavior.NONE),
        "count", "at most");
    assertDenied(a -> billing.subscriptions().incrementSeats(a, acme, 1, ProrationBehavior.NONE));
    assertDenied(a -> billing.subscriptions().decrementSeats(a, acme, 1, ProrationBehavior.NONE));
  }

  @Test
  void anIncrementWithARequestKeyRunsOnceAndItsKeyBindsToTheCount() {
    active(3);
    billing.subscriptions().withRequestKey("add-2").incrementSeats(owner, acme, 2, ProrationBehavior.NONE);
    assertThat(billing.subscriptions().withRequestKey("add-2").incrementSeats(owner, acme, 2, ProrationBehavior.NONE)
        .seats()).isEqualTo(5);
    assertConflict(() -> billing.subscriptions().withRequestKey("add-2").incrementSeats(owner, acme, 3,
        ProrationBehavior.NONE), "add-2");
    assertConflict(() -> billing.subscriptions().withRequestKey("add-2").decrementSeats(owner, acme, 2,
        ProrationBehavior.NONE), "add-2");
    // Without a key an increment is not idempotent: it adds again.
    billing.subscriptions().incrementSeats(owner, acme, 2, ProrationBehavior.NONE);
    assertThat(sub().seats()).isEqualTo(7);
  }

  // ---- cancel ---------------------------------------------------------------------------------

  @Test
  void aCancellationAtThePeriodEndIsAGracePeriodUntilThen() {
    active(1);
    Subscription s = billing.subscriptions().cancel(owner, acme, CancelRequest.atPeriodEnd());
    assertThat(s.cancelAtPeriodEnd()).isTrue();
    assertThat(s.canceled()).isTrue();
    assertThat(s.onGracePeriod(clock.instant())).isTrue();
    assertThat(s.active(clock.instant())).isTrue();
    assertThat(lastAudit().after()).containsEntry("cancelAtPeriodEnd", "true");
    assertThat(billing.subscriptions().resume(owner, acme).onGracePeriod(clock.instant())).isFalse();
    billing.subscriptions().cancel(owner, acme, CancelRequest.atPeriodEnd());
    runAfter(Duration.ofDays(32));
    assertThat(sub().status()).isEqualTo(SubscriptionStatus.CANCELED);
    assertThat(sub().ended(clock.instant())).isTrue();
    assertThat(sub().active(clock.instant())).isFalse();
  }

  @Test
  void aCancellationNowCanCreditTheUnusedTime() {
    active(3);
    clock.advance(Duration.ofDays(10));
    Subscription s = billing.subscriptions().cancel(owner, acme, CancelRequest.now().creditUnusedTime());
    assertThat(s.status()).isEqualTo(SubscriptionStatus.CANCELED);
    assertThat(billing.ledger().trialBalance(OPERATOR, acme).net(AccountCode.CUSTOMER_CREDIT, Money.currency("EUR"))
        .isPositive()).isTrue();
    assertConflict(() -> billing.subscriptions().cancel(owner, acme, CancelRequest.now()), "canceled already");
  }

  @Test
  @SuppressWarnings("deprecation")
  void theTwoBooleanCancelStillWorks() {
    active(1);
    assertThat(billing.subscriptions().cancel(owner, acme, true, false).cancelAtPeriodEnd()).isTrue();
    assertThat(billing.subscriptions().cancel(owner, acme, false, false).status()).isEqualTo(SubscriptionStatus.CANCELED);
  }

  @Test
  void aCancellationByAMemberIsDenied() {
    active(1);
    assertDenied(a -> billing.subscriptions().cancel(a, acme, CancelRequest.now()));
  }

  // ---- pause ----------------------------------------------------------------------------------

  @Test
  void aPauseInvoicesNothingGrantsNoAccessAndResumesInThePeriodContainingNow() {
    active(3);
    clock.advance(Duration.ofDays(10));
    Subscription paused = billing.subscriptions().pause(owner, acme);
    assertThat(paused.status()).isEqualTo(SubscriptionStatus.PAUSED);
    assertThat(paused.paused()).isTrue();
    assertThat(paused.grantsAccess(clock.instant(), Duration.ofDays(7))).isFalse();
    assertThat(lastAudit().actor()).isEqualTo(owner.describe());
    assertThat(lastAudit().after()).containsEntry("status", "PAUSED");
    assertThat(billing.subscriptions().pause(owner, acme)).isEqualTo(paused);
    // Two period ends pass: nothing is invoiced, the subscription stays as it was.
    runAfter(Duration.ofDays(50));
    assertThat(invoices()).hasSize(1);
    assertThat(sub()).isEqualTo(paused);
    Subscription resumed = billing.subscriptions().resume(owner, acme);
    assertThat(resumed.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(resumed.currentPeriod()).isEqualTo(new Period(Instant.parse("2026-03-01T09:00:00Z"),
        Instant.parse("2026-04-01T09:00:00Z")));
    assertThat(invoices()).hasSize(1);
    runAfter(Duration.between(clock.instant(), Instant.parse("2026-04-01T11:00:00Z")));
    assertThat(invoices()).hasSize(2).last().satisfies(i -> assertThat(i.total()).isEqualTo(eur("85.00")));
  }

  @Test
  void aPauseEndedWithinItsPeriodKeepsThePeriod() {
    active(1);
    Period period = sub().currentPeriod();
    clock.advance(Duration.ofDays(3));
    billing.subscriptions().pause(owner, acme);
    clock.advance(Duration.ofDays(3));
    assertThat(billing.subscriptions().resume(owner, acme).currentPeriod()).isEqualTo(period);
    assertThat(sub().status()).isEqualTo(SubscriptionStatus.ACTIVE);
  }

  @Test
  void whatAPauseDoesNotAllowIsAConflictWithNothingWritten() {
    billing.subscriptions().subscribe(owner, acme, SubscribeRequest.plan(SeedCatalog.PRO).trialDays(14));
    assertConflict(() -> billing.subscriptions().pause(owner, acme), "only an active subscription can be paused");
    billing.subscriptions().attachPaymentMethod(owner, acme, "pm_card_visa");
    billing.subscriptions().endTrialNow(owner, acme);
    billing.subscriptions().cancel(owner, acme, CancelRequest.atPeriodEnd());
    assertConflict(() -> billing.subscriptions().pause(owner, acme), "resume it before pausing");
    billing.subscriptions().resume(owner, acme);
    assertDenied(a -> billing.subscriptions().pause(a, acme));
    billing.subscriptions().pause(owner, acme);
    assertConflict(() -> billing.subscriptions().changeSeats(owner, acme, 2, ProrationBehavior.NONE), "is paused");
    assertConflict(() -> billing.subscriptions().incrementSeats(owner, acme, 1, ProrationBehavior.NONE), "is paused");
    assertConflict(() -> billing.subscriptions().cancel(owner, acme, CancelRequest.atPeriodEnd()), "is paused");
    assertDenied(a -> billing.subscriptions().resume(a, acme));
    assertThat(billing.subscriptions().cancel(owner, acme, CancelRequest.now()).status())
        .isEqualTo(SubscriptionStatus.CANCELED);
  }

  @Test
  void aPauseAndAResumeWithRequestKeysRunOnce() {
    active(1);
    billing.subscriptions().withRequestKey("p-1").pause(owner, acme);
    billing.subscriptions().withRequestKey("r-1").resume(owner, acme);
    assertThat(billing.subscriptions().withRequestKey("p-1").pause(owner, acme).status())
        .isEqualTo(SubscriptionStatus.ACTIVE);
  }

  // ---- upcoming invoice -----------------------------------------------------------------------

  @Test
  void theUpcomingInvoiceIsTheInvoiceThePeriodEndMakesWhenNothingChanged() {
    // With German VAT, seats added mid-period (a pending proration) and usage to date.
    Billing taxed = Billing.builder().store(newStore()).catalog(SeedCatalog.create("EUR"))
        .taxCalculator(io.nobill.core.tax.regional.RegionalTaxTable.builder().sellerCountry("DE").build())
        .paymentCollector(new SimulatedCardCollector()).clock(clock).idGenerator(IdGenerator.sequential()).build();
    UserId user = taxed.ids().next(UserId::of);
    Actor anna = Actor.member(user);
    OrgId org2 = taxed.organizations().provision(anna, new NewOrganization(Optional.empty(), "Beta", "billing@beta.example",
        "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, user)).id();
    taxed.subscriptions().subscribe(anna, org2, SubscribeRequest.plan(SeedCatalog.PRO).seats(3)
        .paymentMethod("pm_card_visa"));
    clock.advance(Duration.ofDays(10));
    taxed.subscriptions().incrementSeats(anna, org2, 2, ProrationBehavior.CREATE_PRORATIONS);
    taxed.usage().record(anna, org2, io.nobill.core.usage.UsageEvent.of(SeedCatalog.API_CALLS, "calls-1", clock.instant(),
        java.math.BigDecimal.valueOf(250_000)));
    clock.advance(Duration.ofDays(15));
    Invoice preview = taxed.subscriptions().upcoming(anna, org2).orElseThrow();
    assertThat(preview.lines()).extracting(l -> l.kind()).contains(LineKind.FLAT, LineKind.SEATS, LineKind.USAGE,
        LineKind.PRORATION);
    assertThat(preview.taxTotal().isPositive()).isTrue();
    assertThat(preview.number()).isEmpty();
    assertThat(taxed.invoices().list(anna, org2, Optional.empty(), Optional.empty(), 100)).hasSize(1);

    clock.set(Instant.parse("2026-02-01T11:00:00Z"));
    taxed.work().runDue();
    List<Invoice> all = taxed.invoices().list(anna, org2, Optional.empty(), Optional.empty(), 100);
    assertThat(all).hasSize(2);
    Invoice real = all.get(1);
    assertThat(real.lines()).isEqualTo(preview.lines());
    assertThat(real.taxLines()).isEqualTo(preview.taxLines());
    assertThat(List.of(real.subtotal(), real.discountTotal(), real.taxTotal(), real.total()))
        .isEqualTo(List.of(preview.subtotal(), preview.discountTotal(), preview.taxTotal(), preview.total()));
    assertThat(real.period()).isEqualTo(preview.period());
  }

  @Test
  void theUpcomingInvoiceOfATrialIsItsFirstPeriodAndAPausedSubscriptionHasNone() {
    assertThat(billing.subscriptions().upcoming(owner, acme)).isEmpty();
    billing.subscriptions().subscribe(owner, acme, SubscribeRequest.plan(SeedCatalog.PRO).seats(3).trialDays(14)
        .paymentMethod("pm_card_visa"));
    Invoice preview = billing.subscriptions().upcoming(owner, acme).orElseThrow();
    assertThat(preview.total()).isEqualTo(eur("85.00"));
    assertThat(preview.period()).isEqualTo(new Period(T0.plus(Duration.ofDays(14)), Instant.parse("2026-02-15T09:00:00Z")));
    assertThatThrownBy(() -> billing.subscriptions().upcoming(member, acme)).isInstanceOf(AccessDeniedException.class);
    billing.subscriptions().endTrialNow(owner, acme);
    billing.subscriptions().cancel(owner, acme, CancelRequest.atPeriodEnd());
    // Set to cancel: the last invoice bills the period's usage only, and there was none.
    assertThat(billing.subscriptions().upcoming(owner, acme).orElseThrow()).satisfies(last -> {
      assertThat(last.lines()).extracting(l -> l.kind()).containsExactly(LineKind.USAGE);
      assertThat(last.total()).isEqualTo(eur("0.00"));
    });
    billing.subscriptions().resume(owner, acme);
    assertThat(billing.subscriptions().upcoming(owner, acme).orElseThrow().total()).isEqualTo(eur("85.00"));
    billing.subscriptions().pause(owner, acme);
    assertThat(billing.subscriptions().upcoming(owner, acme)).isEmpty();
  }

  // ---- refund ---------------------------------------------------------------------------------

  private Invoice paidInvoice() {
    billing.subscriptions().subscribe(owner, acme, SubscribeRequest.plan(SeedCatalog.PRO).seats(3)
        .paymentMethod("pm_card_visa"));
    Invoice paid = invoices().get(0);
    assertThat(paid.status()).isEqualTo(InvoiceStatus.PAID);
    return paid;
  }

  @Test
  void aPartialThenTheRestOfAPaidInvoiceIsRefundedWithACreditNoteEachAndABalancedLedger() {
    Invoice paid = paidInvoice();
    List<io.nobill.core.invoice.CreditNote> notes = billing.subscriptions().refund(owner, acme, paid.id(), eur("20.00"),
        "goodwill");
    assertThat(notes).singleElement().satisfies(n -> {
      assertThat(n.invoice()).isEqualTo(paid.id());
      assertThat(n.reason()).isEqualTo(io.nobill.core.invoice.CreditNote.Reason.REFUND);
    });
    assertThat(lastAudit().action()).isEqualTo("invoice.refunded");
    assertThat(lastAudit().after()).containsEntry("reason", "goodwill").containsEntry("amount", eur("20.00").toString());
    assertThat(billing.subscriptions().refund(owner, acme, paid.id(), eur("65.00"), "rest")).hasSize(2);
    assertThat(billing.ledger().trialBalance(OPERATOR, acme).isBalanced()).isTrue();
    assertThat(billing.ledger().trialBalance(OPERATOR, acme).net(AccountCode.REFUNDS, Money.currency("EUR")))
        .isEqualTo(eur("85.00"));
    assertRefused(() -> billing.subscriptions().refund(owner, acme, paid.id(), eur("0.01"), "more"), "amount",
        "must not exceed what remains refundable");
  }

  @Test
  void aRefundRepeatedWithItsRequestKeyRefundsOnce() {
    Invoice paid = paidInvoice();
    var keyed = billing.subscriptions().withRequestKey("refund-1");
    assertThat(keyed.refund(owner, acme, paid.id(), eur("10.00"), "late")).hasSize(1);
    State before = state();
    assertThat(keyed.refund(owner, acme, paid.id(), eur("10.00"), "late")).hasSize(1);
    assertThat(state()).isEqualTo(before);
    assertConflict(() -> keyed.refund(owner, acme, paid.id(), eur("11.00"), "late"), "refund-1");
    assertThat(billing.ledger().trialBalance(OPERATOR, acme).net(AccountCode.REFUNDS, Money.currency("EUR")))
        .isEqualTo(eur("10.00"));
  }

  @Test
  void aBadRefundIsRefusedNamingTheFieldWithNothingWritten() {
    Invoice paid = paidInvoice();
    assertRefused(() -> billing.subscriptions().refund(owner, acme, paid.id(), eur("0.00"), "x"), "amount",
        "must be positive");
    assertRefused(() -> billing.subscriptions().refund(owner, acme, paid.id(), eur("-1.00"), "x"), "amount",
        "must be positive");
    assertRefused(() -> billing.subscriptions().refund(owner, acme, paid.id(), Money.ofMajor("1.00", "USD"), "x"),
        "amount", "organization's currency");
    assertRefused(() -> billing.subscriptions().refund(owner, acme, paid.id(), eur("85.01"), "x"), "amount",
        "must not exceed what remains refundable");
    assertRefused(() -> billing.subscriptions().refund(owner, acme, paid.id(), eur("1.00"), " "), "reason", "");
    assertRefused(() -> billing.subscriptions().refund(owner, acme, paid.id(), eur("1.00"), "a\u0000b"), "reason",
        "control");
    assertDenied(actor -> billing.subscriptions().refund(actor, acme, paid.id(), eur("1.00"), "x"));
    assertThat(billing.invoices().creditNotes(OPERATOR, acme, paid.id())).isEmpty();
  }
}
