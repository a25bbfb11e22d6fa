package io.nobill.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.id.AccountId;
import io.nobill.core.id.CreditId;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.PaymentId;
import io.nobill.core.id.RefundId;
import io.nobill.core.money.Money;
import java.time.Instant;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** One golden case per posting rule: the exact postings for a concrete fact. */
class PostingRulesTest {
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Instant T = Instant.parse("2026-02-01T00:00:00Z");
  private static final ChartOfAccounts CHART = chart();
  private static final InvoiceId INVOICE = InvoiceId.of(UUID.fromString("00000000-0000-7000-8000-00000000000a"));
  private static final PaymentId PAYMENT = PaymentId.of(UUID.fromString("00000000-0000-7000-8000-00000000000b"));

  private static ChartOfAccounts chart() {
    Map<AccountCode, Account> accounts = new EnumMap<>(AccountCode.class);
    long n = 100;
    for (AccountCode code : AccountCode.values()) {
      accounts.put(code, new Account(AccountId.of(new UUID(0x7000L, n++)), code, EUR, T));
    }
    return new ChartOfAccounts(EUR, accounts);
  }

  private static Money eur(String major) {
    return Money.ofMajor(major, "EUR");
  }

  private static Posting dr(AccountCode code, String amount) {
    return Posting.debit(CHART.id(code), eur(amount));
  }

  private static Posting cr(AccountCode code, String amount) {
    return Posting.credit(CHART.id(code), eur(amount));
  }

  private static NewJournalEntry entry(LedgerFact fact) {
    return PostingRules.entryFor(fact, CHART).orElseThrow();
  }

  @Test
  void invoiceFinalizedDebitsReceivableAndCreditsDeferredRevenueRevenueAndTax() {
    // Pro plan: EUR 99.00 base + 3 seats x EUR 10.00 in advance, EUR 12.50 of API calls in arrears, 19% VAT.
    NewJournalEntry e = entry(new LedgerFact.InvoiceFinalized(INVOICE, "ACME-000042", T,
        eur("129.00"), eur("12.50"), eur("26.89")));

    assertThat(e.idempotencyKey()).isEqualTo("invoice-finalized:" + INVOICE);
    assertThat(e.reference()).isEqualTo(new Reference(Reference.Kind.INVOICE, INVOICE.toString()));
    assertThat(e.memo()).isEqualTo("Invoice ACME-000042 finalized");
    assertThat(e.occurredAt()).isEqualTo(T);
    assertThat(e.postings()).containsExactly(
        dr(AccountCode.RECEIVABLE, "168.39"),
        cr(AccountCode.DEFERRED_REVENUE, "129.00"),
        cr(AccountCode.REVENUE, "12.50"),
        cr(AccountCode.TAX_PAYABLE, "26.89"));
  }

  @Test
  void anInvoiceWhoseCreditsExceedItsChargesBecomesCustomerCredit() {
    // A downgrade: EUR -40.00 of proration credit in advance, EUR 5.00 usage, tax EUR -6.65.
    NewJournalEntry e = entry(new LedgerFact.InvoiceFinalized(INVOICE, "ACME-000043", T,
        eur("-40.00"), eur("5.00"), eur("-6.65")));

    assertThat(e.postings()).containsExactly(
        cr(AccountCode.CUSTOMER_CREDIT, "41.65"),
        dr(AccountCode.DEFERRED_REVENUE, "40.00"),
        cr(AccountCode.REVENUE, "5.00"),
        dr(AccountCode.TAX_PAYABLE, "6.65"));
  }

  @Test
  void aZeroInvoiceMovesNothing() {
    assertThat(PostingRules.entryFor(new LedgerFact.InvoiceFinalized(INVOICE, "ACME-000044", T,
        eur("0.00"), eur("0.00"), eur("0.00")), CHART)).isEmpty();
  }

  @Test
  void paymentSucceededDebitsCashClearingAndCreditsReceivable() {
    NewJournalEntry e = entry(new LedgerFact.PaymentSucceeded(PAYMENT, INVOICE, T, eur("168.39")));
    assertThat(e.idempotencyKey()).isEqualTo("payment-succeeded:" + PAYMENT);
    assertThat(e.reference().kind()).isEqualTo(Reference.Kind.PAYMENT);
    assertThat(e.postings()).containsExactly(dr(AccountCode.CASH_CLEARING, "168.39"), cr(AccountCode.RECEIVABLE, "168.39"));
  }

  @Test
  void paymentRefundedDebitsRefundsAndCreditsCashClearing() {
    RefundId refund = RefundId.of(UUID.fromString("00000000-0000-7000-8000-00000000000c"));
    NewJournalEntry e = entry(new LedgerFact.PaymentRefunded(refund, PAYMENT, T, eur("20.00")));
    assertThat(e.idempotencyKey()).isEqualTo("payment-refunded:" + refund);
    assertThat(e.reference().kind()).isEqualTo(Reference.Kind.REFUND);
    assertThat(e.postings()).containsExactly(dr(AccountCode.REFUNDS, "20.00"), cr(AccountCode.CASH_CLEARING, "20.00"));
  }

  @Test
  void creditGrantedDebitsRefundsAndCreditsCustomerCredit() {
    CreditId credit = CreditId.of(UUID.fromString("00000000-0000-7000-8000-00000000000d"));
    NewJournalEntry e = entry(new LedgerFact.CreditGranted(credit, T, eur("15.00"), "outage on 2026-01-30"));
    assertThat(e.idempotencyKey()).isEqualTo("credit-granted:" + credit);
    assertThat(e.memo()).isEqualTo("Credit granted: outage on 2026-01-30");
    assertThat(e.postings()).containsExactly(dr(AccountCode.REFUNDS, "15.00"), cr(AccountCode.CUSTOMER_CREDIT, "15.00"));
  }

  @Test
  void creditAppliedDebitsCustomerCreditAndCreditsReceivable() {
    CreditId credit = CreditId.of(UUID.fromString("00000000-0000-7000-8000-00000000000d"));
    NewJournalEntry e = entry(new LedgerFact.CreditApplied(credit, INVOICE, T, eur("15.00")));
    assertThat(e.idempotencyKey()).isEqualTo("credit-applied:" + credit + ":" + INVOICE);
    assertThat(e.reference().kind()).isEqualTo(Reference.Kind.INVOICE);
    assertThat(e.postings()).containsExactly(dr(AccountCode.CUSTOMER_CREDIT, "15.00"), cr(AccountCode.RECEIVABLE, "15.00"));
  }

  @Test
  void invoiceVoidedMirrorsWhatFinalizationLeftOnEachAccount() {
    // Finalized 129.00 deferred + 12.50 revenue + 26.89 tax; 43.00 of the deferred part was recognized since.
    NewJournalEntry e = entry(new LedgerFact.InvoiceVoided(INVOICE, T, eur("86.00"), eur("55.50"), eur("26.89")));
    assertThat(e.idempotencyKey()).isEqualTo("invoice-voided:" + INVOICE);
    assertThat(e.postings()).containsExactly(
        dr(AccountCode.DEFERRED_REVENUE, "86.00"),
        dr(AccountCode.REVENUE, "55.50"),
        dr(AccountCode.TAX_PAYABLE, "26.89"),
        cr(AccountCode.RECEIVABLE, "168.39"));
  }

  @Test
  void invoiceWrittenOffDebitsBadDebtAndCreditsReceivable() {
    NewJournalEntry e = entry(new LedgerFact.InvoiceWrittenOff(INVOICE, T, eur("168.39")));
    assertThat(e.idempotencyKey()).isEqualTo("invoice-written-off:" + INVOICE);
    assertThat(e.postings()).containsExactly(dr(AccountCode.BAD_DEBT, "168.39"), cr(AccountCode.RECEIVABLE, "168.39"));
  }

  @Test
  void revenueRecognizedMovesDeferredRevenueToRevenueForTheSpan() {
    Instant from = Instant.parse("2026-02-01T00:00:00Z");
    Instant to = Instant.parse("2026-02-02T00:00:00Z");
    NewJournalEntry e = entry(new LedgerFact.RevenueRecognized(INVOICE, from, to, eur("4.61")));
    assertThat(e.idempotencyKey()).isEqualTo("revenue-recognized:" + INVOICE + ":" + from + ":" + to);
    assertThat(e.occurredAt()).isEqualTo(to);
    assertThat(e.postings()).containsExactly(dr(AccountCode.DEFERRED_REVENUE, "4.61"), cr(AccountCode.REVENUE, "4.61"));
  }

  @Test
  void aFactPostsOnlyToAChartOfItsCurrency() {
    assertThatThrownBy(() -> PostingRules.entryFor(
        new LedgerFact.PaymentSucceeded(PAYMENT, INVOICE, T, Money.ofMajor("1.00", "USD")), CHART))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("USD").hasMessageContaining("EUR");
  }

  @Test
  void everyRuleProducesABalancedEntry() {
    // NewJournalEntry refuses an unbalanced entry, so building each one is the check.
    List<LedgerFact> facts = List.of(
        new LedgerFact.InvoiceFinalized(INVOICE, "N", T, eur("1.00"), eur("2.00"), eur("0.57")),
        new LedgerFact.InvoiceVoided(INVOICE, T, eur("1.00"), eur("-2.00"), eur("0.57")),
        new LedgerFact.InvoiceFinalized(INVOICE, "N", T, eur("10.00"), eur("-10.00"), eur("0.00")));
    for (LedgerFact f : facts) {
      assertThat(PostingRules.entryFor(f, CHART)).isPresent();
    }
  }
}
