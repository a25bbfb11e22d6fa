package io.nobill.core.testkit;

import io.nobill.core.internal.audit.CoreAuditTrail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.access.Actor;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.audit.AuditEntry;
import io.nobill.core.audit.AuditQuery;
import io.nobill.core.audit.AuditTrail;
import io.nobill.core.event.ProviderEvent;
import io.nobill.core.event.ProviderEvents;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.PaymentId;
import io.nobill.core.id.RefundId;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.ledger.LedgerFact;
import io.nobill.core.ledger.PostResult;
import io.nobill.core.ledger.RecordedPayment;
import io.nobill.core.ledger.TrialBalance;
import io.nobill.core.money.Money;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every money movement is checked against its organization and audited, on every store: a
 * refund names a payment the ledger recorded in this organization, in its currency, within
 * what remains refundable; a payment names an open invoice of this organization in its
 * currency, within what is owed; a provider event is applied only in its own organization's
 * transaction. Each refusal is a typed error after which nothing was written: the same
 * balances, journal, audit chain (intact) and payment records as before.
 *
 * <p>Two organizations, A and B (EUR, from {@link ReducerFixture}), each with its first invoice
 * (EUR 85.00, no tax) finalized and paid by a payment of its own.
 */
public abstract class MoneyMovementContract {
  private static final Actor STRIPE = ReducerFixture.STRIPE;
  private static final Actor OPERATOR = Actor.operator("ops-1");
  private static final Currency EUR = Currency.getInstance("EUR");

  /** A new store with no data in it. Called once per test. */
  protected abstract BillingStore newStore();

  private BillingStore store;
  private ReducerFixture a;
  private ReducerFixture b;
  private PaymentId payA;
  private PaymentId payB;
  private int events;

  @BeforeEach
  void twoOrganizationsWithAPaidInvoiceEach() {
    store = newStore();
    IdGenerator ids = IdGenerator.sequential();
    a = new ReducerFixture(store, ids);
    b = new ReducerFixture(store, ids);
    payA = PaymentId.of(new UUID(0x7000L, 0xAAA1));
    payB = PaymentId.of(new UUID(0x7000L, 0xBBB1));
    apply(a, new ProviderEvent.InvoicePaid(nextEvent(), a.org, a.first, a.clock.instant(), payA));
    apply(b, new ProviderEvent.InvoicePaid(nextEvent(), b.org, b.first, b.clock.instant(), payB));
  }

  private String nextEvent() {
    return "evt_m" + (++events);
  }

  private static ProviderEvents.Applied apply(ReducerFixture f, ProviderEvent e) {
    return f.events.apply(STRIPE, e);
  }

  private static Money eur(String major) {
    return Money.ofMajor(major, "EUR");
  }

  private ProviderEvent.PaymentRefunded refund(ReducerFixture f, RefundId refund, PaymentId payment, Money amount) {
    return new ProviderEvent.PaymentRefunded(nextEvent(), f.org, refund, f.clock.instant(), payment, amount);
  }

  private static RefundId refundId(long n) {
    return RefundId.of(new UUID(0x7000L, 0xE000L + n));
  }

  /** Everything a refused movement must leave as it was. */
  private record Books(Map<String, String> balances, long journal, long audit, List<RecordedPayment> payments,
      boolean auditIntact) {}

  private Books books(ReducerFixture f) {
    return store.inTenant(f.org, tx -> new Books(ReducerFixture.balances(new TrialBalance(tx.ledger().accounts().stream()
        .map(acc -> tx.ledger().balance(acc.id())).toList())), tx.ledger().lastSequence(), tx.audit().head().sequence(),
        tx.ledger().paymentsFor(f.first), CoreAuditTrail.verify(tx).intact()));
  }

  private Money net(ReducerFixture f, AccountCode code) {
    return f.books().net(code, EUR);
  }

  private Optional<RecordedPayment> payment(ReducerFixture f, PaymentId id) {
    return store.inTenant(f.org, tx -> tx.ledger().payment(id));
  }

  // ---- the payments the setup made --------------------------------------------------------

  @Test
  void aPaidInvoiceRecordsItsPaymentAndAuditsIt() {
    assertThat(payment(a, payA)).contains(new RecordedPayment(payA, a.first, eur("85.00"), eur("0.00")));
    assertThat(payment(a, payB)).as("B's payment is not A's").isEmpty();
    assertThat(net(a, AccountCode.CASH_CLEARING)).isEqualTo(eur("85.00"));
    assertThat(a.books().isBalanced()).isTrue();
    assertThat(auditActions(a)).contains("invoice.finalized", "invoice.paid");
    assertThat(books(a).auditIntact()).isTrue();
  }

  // ---- refunds --------------------------------------------------------------------------

  @Test
  void aRefundWithinThePaymentIsBookedOnceAndAudited() {
    long auditBefore = books(a).audit();
    ProviderEvent.PaymentRefunded r = refund(a, refundId(1), payA, eur("30.00"));

    assertThat(apply(a, r)).isInstanceOf(ProviderEvents.Applied.Recorded.class);
    assertThat(apply(a, r)).isInstanceOf(ProviderEvents.Applied.Duplicate.class);
    // The same refund under another event id (a provider's retry with a new event): posted once.
    assertThat(apply(a, new ProviderEvent.PaymentRefunded(nextEvent(), a.org, r.refund(), r.occurredAt(), payA,
        r.amount()))).isInstanceOf(ProviderEvents.Applied.Recorded.class);

    assertThat(net(a, AccountCode.CASH_CLEARING)).isEqualTo(eur("55.00"));
    assertThat(net(a, AccountCode.REFUNDS)).isEqualTo(eur("30.00"));
    assertThat(payment(a, payA)).map(RecordedPayment::refunded).contains(eur("30.00"));
    assertThat(a.books().isBalanced()).isTrue();
    List<AuditEntry> audited = store.inTenant(a.org, tx -> tx.audit().range(auditBefore, 100));
    assertThat(audited).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo("ledger.entry-posted");
      assertThat(e.actor()).isEqualTo(STRIPE.describe());
      assertThat(e.after()).containsEntry("reference", "REFUND:" + r.refund().value());
    });
    assertThat(books(a).auditIntact()).isTrue();
  }

  @Test
  void aMillionDollarRefundOfAPaymentThatNeverExistedIsRefused() {
    Books before = books(a);
    PaymentId never = PaymentId.of(new UUID(0x7000L, 0xDEAD));

    assertThatThrownBy(() -> apply(a, refund(a, refundId(1), never, Money.ofMajor("1000000.00", "USD"))))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("amount");
          assertThat(e.rule()).contains("organization's currency EUR").contains("USD");
        });
    assertThatThrownBy(() -> apply(a, refund(a, refundId(2), never, eur("1000000.00"))))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.kind()).isEqualTo("payment");
          assertThat(e.id()).isEqualTo(never.toString());
        });

    assertThat(books(a)).isEqualTo(before);
    assertThat(net(a, AccountCode.CASH_CLEARING)).isEqualTo(eur("85.00"));
  }

  @Test
  void anotherOrganizationsPaymentCannotBeRefundedHere() {
    Books beforeA = books(a);
    Books beforeB = books(b);

    assertThatThrownBy(() -> apply(a, refund(a, refundId(1), payB, eur("1.00"))))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo(payB.toString()));

    assertThat(books(a)).isEqualTo(beforeA);
    assertThat(books(b)).isEqualTo(beforeB);
  }

  @Test
  void anEventOfOrganizationBAppliedInsideAsTransactionIsRefusedAndBooksNothing() {
    Books beforeA = books(a);
    Books beforeB = books(b);
    ProviderEvent.PaymentRefunded ofB = refund(b, refundId(1), payB, eur("10.00"));

    assertThatThrownBy(() -> store.inTenant(a.org, tx -> a.events.apply(tx, STRIPE, ofB)))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("event.org");
          assertThat(e.rule()).contains(a.org.toString()).contains(b.org.toString());
        });
    // Caught inside the transaction, it still leaves A's transaction untouched.
    store.inTenant(a.org, tx -> {
      assertThatThrownBy(() -> a.events.apply(tx, STRIPE, ofB)).isInstanceOf(InvalidRequestException.class);
      return null;
    });

    assertThat(books(a)).isEqualTo(beforeA);
    assertThat(books(b)).isEqualTo(beforeB);
    Optional<io.nobill.core.event.InboxEntry> seen = store.inTenant(a.org, tx -> tx.inbox().find(ofB.eventId()));
    assertThat(seen).isEmpty();
    // In its own organization the event applies.
    assertThat(apply(b, ofB)).isInstanceOf(ProviderEvents.Applied.Recorded.class);
    assertThat(payment(b, payB)).map(RecordedPayment::refunded).contains(eur("10.00"));
  }

  @Test
  void overRefundingInOneGoIsRefused() {
    Books before = books(a);

    assertThatThrownBy(() -> apply(a, refund(a, refundId(1), payA, eur("85.01"))))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("amount");
          assertThat(e.rule()).contains("must not exceed what remains refundable").contains("EUR 85.00");
        });
    assertThat(books(a)).isEqualTo(before);
  }

  @Test
  void overRefundingInSeveralPartialRefundsIsRefusedAtTheOneThatPassesThePayment() {
    apply(a, refund(a, refundId(1), payA, eur("50.00")));
    apply(a, refund(a, refundId(2), payA, eur("30.00")));
    Books before = books(a);

    assertThatThrownBy(() -> apply(a, refund(a, refundId(3), payA, eur("5.01"))))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("amount");
          assertThat(e.rule()).contains("EUR 5.00");
        });
    assertThat(books(a)).isEqualTo(before);

    apply(a, refund(a, refundId(3), payA, eur("5.00")));
    assertThat(payment(a, payA)).map(RecordedPayment::refundable).contains(eur("0.00"));
    assertThatThrownBy(() -> apply(a, refund(a, refundId(4), payA, eur("0.01")))).isInstanceOf(InvalidRequestException.class);
    assertThat(net(a, AccountCode.CASH_CLEARING)).isEqualTo(eur("0.00"));
    assertThat(net(a, AccountCode.REFUNDS)).isEqualTo(eur("85.00"));
    assertThat(a.books().isBalanced()).isTrue();
  }

  @Test
  void aRefundIdRepeatedWithOtherContentIsAConflictAndNeverCountsTwice() {
    apply(a, refund(a, refundId(1), payA, eur("20.00")));
    Books before = books(a);
    ProviderEvent.PaymentRefunded first = refund(a, refundId(1), payA, eur("20.00"));

    assertThatThrownBy(() -> apply(a, new ProviderEvent.PaymentRefunded(nextEvent(), a.org, refundId(1),
        first.occurredAt(), payA, eur("60.00"))))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.getMessage()).contains("different content"));
    assertThat(books(a)).isEqualTo(before);
    assertThat(payment(a, payA)).map(RecordedPayment::refunded).contains(eur("20.00"));
  }

  @Test
  void aRefundViaTheLedgerIsCheckedTheSameWay() {
    Books before = books(a);
    Instant now = a.clock.instant();

    assertThatThrownBy(() -> a.ledger.record(OPERATOR, a.org, new LedgerFact.PaymentRefunded(refundId(1), payA, now,
        eur("85.01")))).isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("amount"));
    assertThatThrownBy(() -> a.ledger.record(OPERATOR, a.org, new LedgerFact.PaymentRefunded(refundId(2), payB, now,
        eur("1.00")))).isInstanceOf(NotFoundException.class);
    assertThat(books(a)).isEqualTo(before);

    assertThat(a.ledger.record(OPERATOR, a.org, new LedgerFact.PaymentRefunded(refundId(3), payA, now, eur("85.00"))))
        .get().isInstanceOf(PostResult.Posted.class);
    assertThat(books(a).audit()).isEqualTo(before.audit() + 1);
  }

  // ---- payments -------------------------------------------------------------------------

  @Test
  void aPaymentFactMustNameAnOpenInvoiceOfThisOrganizationInItsCurrencyWithinWhatIsOwed() {
    InvoiceId open = new InvoiceId(new UUID(0x7000L, 0x1A1));
    TestInvoices.insert(store, a.org, open, InvoiceStatus.OPEN, eur("40.00"));
    Instant now = a.clock.instant();
    Books before = books(a);

    assertThatThrownBy(() -> a.ledger.record(OPERATOR, a.org, new LedgerFact.PaymentSucceeded(pay(1),
        new InvoiceId(new UUID(0x7000L, 0xDEAD)), now, eur("1.00"))))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.kind()).isEqualTo("invoice"));
    assertThatThrownBy(() -> a.ledger.record(OPERATOR, a.org, new LedgerFact.PaymentSucceeded(pay(2), b.second, now,
        eur("1.00")))).isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo(b.second.toString()));
    assertThatThrownBy(() -> a.ledger.record(OPERATOR, a.org, new LedgerFact.PaymentSucceeded(pay(3), open, now,
        Money.ofMajor("40.00", "USD")))).isInstanceOfSatisfying(InvalidRequestException.class,
            e -> assertThat(e.field()).isEqualTo("amount"));
    assertThatThrownBy(() -> a.ledger.record(OPERATOR, a.org, new LedgerFact.PaymentSucceeded(pay(4), open, now,
        eur("40.01")))).isInstanceOfSatisfying(InvalidRequestException.class,
            e -> assertThat(e.rule()).contains("still owed").contains("EUR 40.00"));
    // A draft is not owed yet, and a paid invoice is settled.
    assertThatThrownBy(() -> a.ledger.record(OPERATOR, a.org, new LedgerFact.PaymentSucceeded(pay(5), a.second, now,
        eur("1.00")))).isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.getMessage()).contains("DRAFT"));
    assertThatThrownBy(() -> a.ledger.record(OPERATOR, a.org, new LedgerFact.PaymentSucceeded(pay(6), a.first, now,
        eur("1.00")))).isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.getMessage()).contains("PAID"));
    // The payment id of the setup cannot be recorded again for another invoice or amount.
    assertThatThrownBy(() -> a.ledger.record(OPERATOR, a.org, new LedgerFact.PaymentSucceeded(payA, open, now,
        eur("1.00")))).isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.target()).isEqualTo(payA.toString()));
    assertThat(books(a)).isEqualTo(before);

    // Two partial payments up to what is owed, and not a minor unit more.
    a.ledger.record(OPERATOR, a.org, new LedgerFact.PaymentSucceeded(pay(7), open, now, eur("25.00")));
    assertThatThrownBy(() -> a.ledger.record(OPERATOR, a.org, new LedgerFact.PaymentSucceeded(pay(8), open, now,
        eur("15.01")))).isInstanceOf(InvalidRequestException.class);
    assertThat(a.ledger.record(OPERATOR, a.org, new LedgerFact.PaymentSucceeded(pay(8), open, now, eur("15.00"))))
        .get().isInstanceOf(PostResult.Posted.class);
    assertThat(a.ledger.record(OPERATOR, a.org, new LedgerFact.PaymentSucceeded(pay(8), open, now, eur("15.00"))))
        .get().isInstanceOf(PostResult.AlreadyPosted.class);
    assertThat(books(a).audit()).isEqualTo(before.audit() + 2);
    assertThat(a.books().isBalanced()).isTrue();
  }

  @Test
  void factsNamingAnotherOrganizationsInvoiceAreNotFound() {
    Books before = books(a);
    Instant now = a.clock.instant();
    List<LedgerFact> facts = List.of(
        new LedgerFact.InvoiceFinalized(b.second, "X-1", now, eur("1.00"), eur("0.00"), eur("0.00")),
        new LedgerFact.InvoiceWrittenOff(b.first, now, eur("1.00")),
        new LedgerFact.CreditApplied(io.nobill.core.id.CreditId.of(new UUID(0x7000L, 0xC1)), b.first, now, eur("1.00")),
        new LedgerFact.InvoiceVoided(b.first, now, eur("1.00"), eur("0.00"), eur("0.00")),
        new LedgerFact.RevenueRecognized(b.first, now.minusSeconds(60), now, eur("1.00")));
    for (LedgerFact fact : facts) {
      assertThatThrownBy(() -> a.ledger.record(OPERATOR, a.org, fact)).as(fact.toString())
          .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.kind()).isEqualTo("invoice"));
    }
    assertThat(books(a)).isEqualTo(before);
  }

  private static PaymentId pay(long n) {
    return PaymentId.of(new UUID(0x7000L, 0xF100L + n));
  }

  private List<String> auditActions(ReducerFixture f) {
    return store.inTenant(f.org, tx -> tx.audit().query(AuditQuery.ALL, 0, 1000)).stream().map(AuditEntry::action).toList();
  }
}
