package io.nobill.core.ledger;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.id.CreditId;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.PaymentId;
import io.nobill.core.id.RefundId;
import io.nobill.core.money.Bounds;
import io.nobill.core.money.Money;
import io.nobill.core.text.TextPolicy;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * A billing fact that moves money in the books. {@link PostingRules} turns each into its
 * journal entry; nothing else in NOBill builds entries by hand.
 *
 * <p>Each fact is valid on its own when constructed: its instants lie in the range every
 * store holds and each amount (and an invoice's total) is at most {@link Bounds#MAX_AMOUNT}
 * minor units in magnitude, else {@link InvalidRequestException} naming the field. Whether it
 * fits the organization — its currency, the invoice or payment it names, what remains
 * refundable — is checked by {@link Ledger#record} when it is recorded.
 */
public sealed interface LedgerFact {
  /** The most characters (code points) a reason given with a fact may have. */
  int MAX_REASON = 400;

  /** When the fact happened. */
  Instant occurredAt();

  /** The currency it is in. */
  Currency currency();

  /**
   * An invoice was finalized. Amounts are net of discounts and may be negative where
   * proration credits exceed charges.
   *
   * @param inAdvance the part billed for service still to come (licensed, flat, seats)
   * @param inArrears the part billed for service already delivered (metered usage)
   * @param tax       the tax on the invoice
   */
  record InvoiceFinalized(InvoiceId invoice, String number, Instant occurredAt, Money inAdvance, Money inArrears,
      Money tax) implements LedgerFact {
    public InvoiceFinalized {
      Objects.requireNonNull(invoice, "invoice");
      Objects.requireNonNull(number, "number");
      Bounds.checkInstant(occurredAt, "occurredAt");
      sameCurrency(inAdvance, "inAdvance", inArrears, "inArrears", tax, "tax");
    }

    public Money total() {
      return inAdvance.plus(inArrears).plus(tax);
    }

    @Override
    public Currency currency() {
      return inAdvance.currency();
    }
  }

  /** A payment against an invoice succeeded. */
  record PaymentSucceeded(PaymentId payment, InvoiceId invoice, Instant occurredAt, Money amount) implements LedgerFact {
    public PaymentSucceeded {
      Objects.requireNonNull(payment, "payment");
      Objects.requireNonNull(invoice, "invoice");
      Bounds.checkInstant(occurredAt, "occurredAt");
      positive(amount);
    }

    @Override
    public Currency currency() {
      return amount.currency();
    }
  }

  /** A payment was refunded, in part or in full. */
  record PaymentRefunded(RefundId refund, PaymentId payment, Instant occurredAt, Money amount) implements LedgerFact {
    public PaymentRefunded {
      Objects.requireNonNull(refund, "refund");
      Objects.requireNonNull(payment, "payment");
      Bounds.checkInstant(occurredAt, "occurredAt");
      positive(amount);
    }

    @Override
    public Currency currency() {
      return amount.currency();
    }
  }

  /** Credit was granted to the customer (goodwill, a service-level credit). */
  record CreditGranted(CreditId credit, Instant occurredAt, Money amount, String reason) implements LedgerFact {
    public CreditGranted {
      Objects.requireNonNull(credit, "credit");
      Bounds.checkInstant(occurredAt, "occurredAt");
      TextPolicy.multiline(reason, "reason", MAX_REASON);
      positive(amount);
    }

    @Override
    public Currency currency() {
      return amount.currency();
    }
  }

  /** Customer credit was applied to an invoice. */
  record CreditApplied(CreditId credit, InvoiceId invoice, Instant occurredAt, Money amount) implements LedgerFact {
    public CreditApplied {
      Objects.requireNonNull(credit, "credit");
      Objects.requireNonNull(invoice, "invoice");
      Bounds.checkInstant(occurredAt, "occurredAt");
      positive(amount);
    }

    @Override
    public Currency currency() {
      return amount.currency();
    }
  }

  /**
   * An open invoice was voided. The amounts are what its finalization put on each account
   * and is still there: deferred revenue not yet recognized, revenue (including what was
   * recognized from deferred), and tax.
   */
  record InvoiceVoided(InvoiceId invoice, Instant occurredAt, Money deferred, Money revenue, Money tax)
      implements LedgerFact {
    public InvoiceVoided {
      Objects.requireNonNull(invoice, "invoice");
      Bounds.checkInstant(occurredAt, "occurredAt");
      sameCurrency(deferred, "deferred", revenue, "revenue", tax, "tax");
    }

    public Money total() {
      return deferred.plus(revenue).plus(tax);
    }

    @Override
    public Currency currency() {
      return deferred.currency();
    }
  }

  /** What is still owed on an invoice was written off as uncollectible. */
  record InvoiceWrittenOff(InvoiceId invoice, Instant occurredAt, Money amount) implements LedgerFact {
    public InvoiceWrittenOff {
      Objects.requireNonNull(invoice, "invoice");
      Bounds.checkInstant(occurredAt, "occurredAt");
      positive(amount);
    }

    @Override
    public Currency currency() {
      return amount.currency();
    }
  }

  /** Deferred revenue of an invoice was earned over [{@code from}, {@code to}). */
  record RevenueRecognized(InvoiceId invoice, Instant from, Instant to, Money amount) implements LedgerFact {
    public RevenueRecognized {
      Objects.requireNonNull(invoice, "invoice");
      Bounds.checkInstant(from, "from");
      Bounds.checkInstant(to, "to");
      InvalidRequestException.require(from.isBefore(to), "to", "must be after from");
      positive(amount);
    }

    @Override
    public Instant occurredAt() {
      return to;
    }

    @Override
    public Currency currency() {
      return amount.currency();
    }
  }

  private static void positive(Money amount) {
    Objects.requireNonNull(amount, "amount");
    if (!amount.isPositive()) {
      throw new InvalidRequestException("amount", "must be positive, was " + amount);
    }
    Bounds.checkAmount(amount, "amount");
  }

  private static void sameCurrency(Money a, String aName, Money b, String bName, Money c, String cName) {
    Bounds.checkAmount(a, aName);
    Bounds.checkAmount(b, bName);
    Bounds.checkAmount(c, cName);
    Bounds.checkAmount(a.plus(b).plus(c), "total"); // throws CurrencyMismatchException for mixed currencies
  }
}
