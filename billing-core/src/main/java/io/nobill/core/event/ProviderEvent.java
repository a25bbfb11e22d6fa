package io.nobill.core.event;

import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.PlanRef;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.PaymentId;
import io.nobill.core.id.RefundId;
import io.nobill.core.money.Bounds;
import io.nobill.core.money.Money;
import io.nobill.core.subscription.SubscriptionStatus;
import io.nobill.core.text.TextPolicy;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A normalized fact from the billing authority — Stripe, translated by billing-stripe, or
 * NOBill's own engine. Every change of billing state is one of these, applied by
 * NOBill's one reducer. Each carries the authority's event id (deduplication), the object it
 * is about, and the authority's timestamp (ordering). Every instant an event carries lies in the
 * range every store holds and its amount is at most {@link Bounds#MAX_AMOUNT} minor units
 * ({@link io.nobill.core.error.InvalidRequestException} naming the field otherwise).
 */
public sealed interface ProviderEvent {
  int MAX_ID = 255;

  /** The authority's event id, unique per organization: a repeat is a no-op. */
  String eventId();

  OrgId org();

  /** The id of the object the event is about (subscription, invoice, checkout session). */
  String objectId();

  /** The authority's timestamp of the fact. */
  Instant occurredAt();

  /** A checkout finished: {@code paymentMethod} is now on file. */
  record CheckoutCompleted(String eventId, OrgId org, String objectId, Instant occurredAt, String paymentMethod)
      implements ProviderEvent {
    public CheckoutCompleted {
      check(eventId, org, objectId, occurredAt);
      checkId(paymentMethod, "paymentMethod");
    }
  }

  /** The payment method on file was removed. */
  record PaymentMethodDetached(String eventId, OrgId org, String objectId, Instant occurredAt) implements ProviderEvent {
    public PaymentMethodDetached {
      check(eventId, org, objectId, occurredAt);
    }
  }

  /** The full state of a subscription at {@code occurredAt}. */
  record SubscriptionSnapshot(String eventId, OrgId org, String objectId, Instant occurredAt, SubscriptionStatus status,
      PlanRef plan, int seats, Period period, Optional<Instant> trialEnd, boolean cancelAtPeriodEnd)
      implements ProviderEvent {
    public SubscriptionSnapshot {
      check(eventId, org, objectId, occurredAt);
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(plan, "plan");
      Objects.requireNonNull(period, "period");
      Objects.requireNonNull(trialEnd, "trialEnd");
      trialEnd.ifPresent(t -> Bounds.checkInstant(t, "trialEnd"));
      InvalidRequestException.require(seats >= 1, "seats", "must be at least 1");
      InvalidRequestException.require(status != SubscriptionStatus.TRIALING || trialEnd.isPresent(), "trialEnd",
          "must be given for a trialing subscription");
    }
  }

  /** The subscription ended. */
  record SubscriptionDeleted(String eventId, OrgId org, String objectId, Instant occurredAt) implements ProviderEvent {
    public SubscriptionDeleted {
      check(eventId, org, objectId, occurredAt);
    }
  }

  /** The trial of the subscription ends at {@code trialEnd}. */
  record TrialWillEnd(String eventId, OrgId org, String objectId, Instant occurredAt, Instant trialEnd)
      implements ProviderEvent {
    public TrialWillEnd {
      check(eventId, org, objectId, occurredAt);
      Bounds.checkInstant(trialEnd, "trialEnd");
    }
  }

  /** An invoice was finalized. */
  record InvoiceFinalized(String eventId, OrgId org, InvoiceId invoice, Instant occurredAt) implements ProviderEvent {
    public InvoiceFinalized {
      check(eventId, org, "invoice", occurredAt);
      Objects.requireNonNull(invoice, "invoice");
    }

    @Override
    public String objectId() {
      return invoice.toString();
    }
  }

  /** An invoice was paid by {@code payment}. */
  record InvoicePaid(String eventId, OrgId org, InvoiceId invoice, Instant occurredAt, PaymentId payment)
      implements ProviderEvent {
    public InvoicePaid {
      check(eventId, org, "invoice", occurredAt);
      Objects.requireNonNull(invoice, "invoice");
      Objects.requireNonNull(payment, "payment");
    }

    @Override
    public String objectId() {
      return invoice.toString();
    }
  }

  /** A payment attempt on an invoice failed; {@code nextAttempt} is when it will be retried, if it will. */
  record InvoicePaymentFailed(String eventId, OrgId org, InvoiceId invoice, Instant occurredAt, int attempt,
      Optional<Instant> nextAttempt) implements ProviderEvent {
    public InvoicePaymentFailed {
      check(eventId, org, "invoice", occurredAt);
      Objects.requireNonNull(invoice, "invoice");
      Objects.requireNonNull(nextAttempt, "nextAttempt");
      nextAttempt.ifPresent(t -> Bounds.checkInstant(t, "nextAttempt"));
      InvalidRequestException.require(attempt >= 1, "attempt", "must be at least 1");
    }

    @Override
    public String objectId() {
      return invoice.toString();
    }
  }

  /**
   * A payment was refunded, in part or in full. Applying it checks the refund against the payment
   * the ledger recorded: see {@link io.nobill.core.ledger.Ledger#record(io.nobill.core.access.Actor,
   * io.nobill.core.id.OrgId, io.nobill.core.ledger.LedgerFact)}.
   */
  record PaymentRefunded(String eventId, OrgId org, RefundId refund, Instant occurredAt, PaymentId payment, Money amount)
      implements ProviderEvent {
    public PaymentRefunded {
      check(eventId, org, "refund", occurredAt);
      Objects.requireNonNull(refund, "refund");
      Objects.requireNonNull(payment, "payment");
      Objects.requireNonNull(amount, "amount");
      InvalidRequestException.require(amount.isPositive(), "amount", "must be positive");
      Bounds.checkAmount(amount, "amount");
    }

    @Override
    public String objectId() {
      return refund.toString();
    }
  }

  private static void check(String eventId, OrgId org, String objectId, Instant occurredAt) {
    checkId(eventId, "eventId");
    Objects.requireNonNull(org, "org");
    checkId(objectId, "objectId");
    Bounds.checkInstant(occurredAt, "occurredAt");
  }

  private static void checkId(String id, String field) {
    TextPolicy.key(id, field, MAX_ID);
  }
}
