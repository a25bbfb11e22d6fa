package io.nobill.core.ledger;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.PaymentId;
import io.nobill.core.money.Money;
import java.util.Objects;

/**
 * A payment the ledger recorded against an invoice of the organization, and how much of it
 * was refunded so far. The ledger keeps one per {@link LedgerFact.PaymentSucceeded} it posts
 * and adds each {@link LedgerFact.PaymentRefunded} to it, so that a refund can be checked
 * against the payment it names without scanning the journal.
 *
 * @param amount   what was paid, positive
 * @param refunded what was refunded of it so far, from zero to {@code amount}, same currency
 */
public record RecordedPayment(PaymentId id, InvoiceId invoice, Money amount, Money refunded) {
  public RecordedPayment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(invoice, "invoice");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(refunded, "refunded");
    InvalidRequestException.require(amount.isPositive(), "amount", "must be positive");
    InvalidRequestException.require(!refunded.isNegative() && !refunded.isGreaterThan(amount), "refunded",
        "must be from zero to the amount paid");
  }

  /** What can still be refunded. */
  public Money refundable() {
    return amount.minus(refunded);
  }

  /** This payment after a further refund of {@code refund}. */
  public RecordedPayment withRefund(Money refund) {
    return new RecordedPayment(id, invoice, amount, refunded.plus(refund));
  }
}
