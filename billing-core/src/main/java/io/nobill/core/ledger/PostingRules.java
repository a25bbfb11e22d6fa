package io.nobill.core.ledger;

import io.nobill.core.ledger.LedgerFact.CreditApplied;
import io.nobill.core.ledger.LedgerFact.CreditGranted;
import io.nobill.core.ledger.LedgerFact.InvoiceFinalized;
import io.nobill.core.ledger.LedgerFact.InvoiceVoided;
import io.nobill.core.ledger.LedgerFact.InvoiceWrittenOff;
import io.nobill.core.ledger.LedgerFact.PaymentRefunded;
import io.nobill.core.ledger.LedgerFact.PaymentSucceeded;
import io.nobill.core.ledger.LedgerFact.RevenueRecognized;
import io.nobill.core.money.Money;
import io.nobill.core.text.TextPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The posting rules: how each {@link LedgerFact} becomes a journal entry. This is the only
 * place entries are built from billing facts.
 *
 * <table>
 *   <caption>Rules</caption>
 *   <tr><th>fact</th><th>debit</th><th>credit</th></tr>
 *   <tr><td>invoice finalized</td><td>receivable (total)</td>
 *       <td>deferred revenue (in advance), revenue (in arrears), tax payable</td></tr>
 *   <tr><td>payment succeeded</td><td>cash clearing</td><td>receivable</td></tr>
 *   <tr><td>payment refunded</td><td>refunds</td><td>cash clearing</td></tr>
 *   <tr><td>credit granted</td><td>refunds</td><td>customer credit</td></tr>
 *   <tr><td>credit applied</td><td>customer credit</td><td>receivable</td></tr>
 *   <tr><td>invoice voided</td><td>deferred revenue, revenue, tax payable</td><td>receivable</td></tr>
 *   <tr><td>invoice written off</td><td>bad debt</td><td>receivable</td></tr>
 *   <tr><td>revenue recognized</td><td>deferred revenue</td><td>revenue</td></tr>
 * </table>
 *
 * <p>Invoice amounts may be negative (proration credits larger than charges): a negative
 * component posts on the opposite side, and a negative invoice total becomes customer
 * credit instead of a negative receivable. Zero components post nothing; a fact that moves
 * nothing at all yields no entry.
 *
 * <p>Idempotency keys are derived from the fact's own ids, so recording a fact twice posts once.
 */
public final class PostingRules {
  private PostingRules() {}

  /** The idempotency key of a refund's entry: a refund id posts once. */
  public static String refundKey(io.nobill.core.id.RefundId refund) {
    return "payment-refunded:" + refund;
  }

  /** The entry for {@code fact} on the accounts of {@code chart}, or empty if it moves no money. */
  public static Optional<NewJournalEntry> entryFor(LedgerFact fact, ChartOfAccounts chart) {
    Objects.requireNonNull(fact, "fact");
    Objects.requireNonNull(chart, "chart");
    if (!fact.currency().equals(chart.currency())) {
      throw new IllegalArgumentException("fact in " + fact.currency() + " cannot post to accounts in " + chart.currency());
    }
    if (fact instanceof InvoiceFinalized f) {
      return invoiceFinalized(f, chart);
    } else if (fact instanceof PaymentSucceeded f) {
      return Optional.of(simple("payment-succeeded:" + f.payment(), f, Reference.of(Reference.Kind.PAYMENT, f.payment()),
          "Payment for invoice " + f.invoice(), chart, AccountCode.CASH_CLEARING, AccountCode.RECEIVABLE, f.amount()));
    } else if (fact instanceof PaymentRefunded f) {
      return Optional.of(simple(refundKey(f.refund()), f, Reference.of(Reference.Kind.REFUND, f.refund()),
          "Refund of payment " + f.payment(), chart, AccountCode.REFUNDS, AccountCode.CASH_CLEARING, f.amount()));
    } else if (fact instanceof CreditGranted f) {
      return Optional.of(simple("credit-granted:" + f.credit(), f, Reference.of(Reference.Kind.CREDIT, f.credit()),
          truncate("Credit granted: " + f.reason()), chart, AccountCode.REFUNDS, AccountCode.CUSTOMER_CREDIT, f.amount()));
    } else if (fact instanceof CreditApplied f) {
      return Optional.of(simple("credit-applied:" + f.credit() + ":" + f.invoice(), f,
          Reference.of(Reference.Kind.INVOICE, f.invoice()), "Credit " + f.credit() + " applied",
          chart, AccountCode.CUSTOMER_CREDIT, AccountCode.RECEIVABLE, f.amount()));
    } else if (fact instanceof InvoiceVoided f) {
      return invoiceVoided(f, chart);
    } else if (fact instanceof InvoiceWrittenOff f) {
      return Optional.of(simple("invoice-written-off:" + f.invoice(), f, Reference.of(Reference.Kind.INVOICE, f.invoice()),
          "Invoice written off as uncollectible", chart, AccountCode.BAD_DEBT, AccountCode.RECEIVABLE, f.amount()));
    } else if (fact instanceof RevenueRecognized f) {
      return Optional.of(simple("revenue-recognized:" + f.invoice() + ":" + f.from() + ":" + f.to(), f,
          Reference.of(Reference.Kind.INVOICE, f.invoice()), "Revenue recognized " + f.from() + " to " + f.to(),
          chart, AccountCode.DEFERRED_REVENUE, AccountCode.REVENUE, f.amount()));
    }
    throw new IllegalArgumentException("no posting rule for " + fact.getClass().getName());
  }

  private static Optional<NewJournalEntry> invoiceFinalized(InvoiceFinalized f, ChartOfAccounts chart) {
    List<Posting> postings = new ArrayList<>();
    Money total = f.total();
    if (total.isPositive()) {
      add(postings, chart, AccountCode.RECEIVABLE, Side.DEBIT, total);
    } else {
      add(postings, chart, AccountCode.CUSTOMER_CREDIT, Side.CREDIT, total.negate());
    }
    add(postings, chart, AccountCode.DEFERRED_REVENUE, Side.CREDIT, f.inAdvance());
    add(postings, chart, AccountCode.REVENUE, Side.CREDIT, f.inArrears());
    add(postings, chart, AccountCode.TAX_PAYABLE, Side.CREDIT, f.tax());
    return entry("invoice-finalized:" + f.invoice(), f, Reference.of(Reference.Kind.INVOICE, f.invoice()),
        truncate("Invoice " + f.number() + " finalized"), postings);
  }

  private static Optional<NewJournalEntry> invoiceVoided(InvoiceVoided f, ChartOfAccounts chart) {
    List<Posting> postings = new ArrayList<>();
    add(postings, chart, AccountCode.DEFERRED_REVENUE, Side.DEBIT, f.deferred());
    add(postings, chart, AccountCode.REVENUE, Side.DEBIT, f.revenue());
    add(postings, chart, AccountCode.TAX_PAYABLE, Side.DEBIT, f.tax());
    Money total = f.total();
    if (total.isPositive()) {
      add(postings, chart, AccountCode.RECEIVABLE, Side.CREDIT, total);
    } else {
      add(postings, chart, AccountCode.CUSTOMER_CREDIT, Side.DEBIT, total.negate());
    }
    return entry("invoice-voided:" + f.invoice(), f, Reference.of(Reference.Kind.INVOICE, f.invoice()),
        "Invoice voided", postings);
  }

  /** Adds a posting of a signed amount: negative amounts go on the other side, zero adds nothing. */
  private static void add(List<Posting> postings, ChartOfAccounts chart, AccountCode code, Side side, Money amount) {
    if (amount.isPositive()) {
      postings.add(new Posting(chart.id(code), side, amount));
    } else if (amount.isNegative()) {
      postings.add(new Posting(chart.id(code), side.opposite(), amount.negate()));
    }
  }

  private static Optional<NewJournalEntry> entry(String key, LedgerFact fact, Reference reference, String memo,
      List<Posting> postings) {
    if (postings.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new NewJournalEntry(key, fact.occurredAt(), reference, memo, postings));
  }

  private static NewJournalEntry simple(String key, LedgerFact fact, Reference reference, String memo,
      ChartOfAccounts chart, AccountCode debit, AccountCode credit, Money amount) {
    return new NewJournalEntry(key, fact.occurredAt(), reference, memo,
        List.of(Posting.debit(chart.id(debit), amount), Posting.credit(chart.id(credit), amount)));
  }

  private static String truncate(String memo) {
    return TextPolicy.truncate(memo, NewJournalEntry.MAX_MEMO);
  }
}
