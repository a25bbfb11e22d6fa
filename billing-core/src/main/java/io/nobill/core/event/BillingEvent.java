package io.nobill.core.event;

import io.nobill.core.catalog.PlanRef;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.SubscriptionId;
import io.nobill.core.money.Money;
import io.nobill.core.subscription.SubscriptionStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened in billing which a host application may want to act on: send an
 * email, unlock a feature, notify a sales team. Events are written in the same transaction
 * as the change that caused them (the outbox) and delivered to {@link BillingListener}s at
 * least once, so a listener must tolerate seeing an event again: {@link #key()} is stable
 * across deliveries and can be used to deduplicate.
 */
public sealed interface BillingEvent {

  /** A key unique to this event, stable across redeliveries. */
  String key();

  /** The organization the event is about. */
  OrgId org();

  /** When the change happened, by the billing clock. */
  Instant occurredAt();

  /** The trial ends soon (three days before, like Stripe's {@code trial_will_end}). */
  record TrialWillEnd(String key, OrgId org, Instant occurredAt, SubscriptionId subscription, Instant trialEnd)
      implements BillingEvent {
    public TrialWillEnd {
      check(key, org, occurredAt);
      Objects.requireNonNull(subscription, "subscription");
      Objects.requireNonNull(trialEnd, "trialEnd");
    }
  }

  /**
   * A subscription was created, like Stripe's {@code customer.subscription.created}: a trial
   * started at provisioning or a subscription was taken out. {@code trialEnd} is set for a trial.
   * It carries the first state NOBill saw: when a provider's events arrive out of order, that
   * can be a later state (already active, say) than the one the subscription was created in.
   */
  record SubscriptionCreated(String key, OrgId org, Instant occurredAt, SubscriptionId subscription, PlanRef plan,
      int seats, SubscriptionStatus status, Optional<Instant> trialEnd) implements BillingEvent {
    public SubscriptionCreated {
      check(key, org, occurredAt);
      Objects.requireNonNull(subscription, "subscription");
      Objects.requireNonNull(plan, "plan");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(trialEnd, "trialEnd");
    }
  }

  /** The subscription became active: a trial converted or a first payment succeeded. */
  record SubscriptionActivated(String key, OrgId org, Instant occurredAt, SubscriptionId subscription, PlanRef plan)
      implements BillingEvent {
    public SubscriptionActivated {
      check(key, org, occurredAt);
      Objects.requireNonNull(subscription, "subscription");
      Objects.requireNonNull(plan, "plan");
    }
  }

  /** The plan, seats or cancellation schedule of the subscription changed. */
  record SubscriptionChanged(String key, OrgId org, Instant occurredAt, SubscriptionId subscription, PlanRef plan,
      int seats, boolean cancelAtPeriodEnd) implements BillingEvent {
    public SubscriptionChanged {
      check(key, org, occurredAt);
      Objects.requireNonNull(subscription, "subscription");
      Objects.requireNonNull(plan, "plan");
    }
  }

  /** The subscription ended. */
  record SubscriptionCanceled(String key, OrgId org, Instant occurredAt, SubscriptionId subscription, String reason)
      implements BillingEvent {
    public SubscriptionCanceled {
      check(key, org, occurredAt);
      Objects.requireNonNull(subscription, "subscription");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** An invoice was finalized and is now owed. */
  record InvoiceFinalized(String key, OrgId org, Instant occurredAt, InvoiceId invoice, String number, Money amountDue)
      implements BillingEvent {
    public InvoiceFinalized {
      check(key, org, occurredAt);
      Objects.requireNonNull(invoice, "invoice");
      Objects.requireNonNull(number, "number");
      Objects.requireNonNull(amountDue, "amountDue");
    }
  }

  /** An invoice was paid. */
  record InvoicePaid(String key, OrgId org, Instant occurredAt, InvoiceId invoice, Money amount) implements BillingEvent {
    public InvoicePaid {
      check(key, org, occurredAt);
      Objects.requireNonNull(invoice, "invoice");
      Objects.requireNonNull(amount, "amount");
    }
  }

  /** A payment attempt failed; {@code nextAttempt} is when dunning tries again, if it will. */
  record PaymentFailed(String key, OrgId org, Instant occurredAt, InvoiceId invoice, int attempt,
      Optional<Instant> nextAttempt) implements BillingEvent {
    public PaymentFailed {
      check(key, org, occurredAt);
      Objects.requireNonNull(invoice, "invoice");
      Objects.requireNonNull(nextAttempt, "nextAttempt");
    }
  }

  /** Dunning took a step: a retry was scheduled, or the final action was taken. */
  record DunningStep(String key, OrgId org, Instant occurredAt, InvoiceId invoice, int step, String action)
      implements BillingEvent {
    public DunningStep {
      check(key, org, occurredAt);
      Objects.requireNonNull(invoice, "invoice");
      Objects.requireNonNull(action, "action");
    }
  }

  /** Usage of a meter passed its included quantity for the period (once per period and meter). */
  record QuotaExceeded(String key, OrgId org, Instant occurredAt, String meter, BigDecimal included, BigDecimal used)
      implements BillingEvent {
    public QuotaExceeded {
      check(key, org, occurredAt);
      Objects.requireNonNull(meter, "meter");
      Objects.requireNonNull(included, "included");
      Objects.requireNonNull(used, "used");
    }
  }

  /**
   * An item of background work of the organization keeps failing: {@code failures} attempts
   * in a row since {@code since}, the last with {@code lastError} (exception class and message,
   * never a stack trace). Raised once when it reaches the configured count; operators list
   * what is stuck with {@code billing.work().stuck(...)}.
   *
   * @param kind the work: a sweep's name ({@code subscription-renewals}, {@code outbox-delivery} …)
   * @param item what failed: a subscription, invoice, organization or outbox message id
   */
  record WorkStuck(String key, OrgId org, Instant occurredAt, String kind, String item, Instant since, int failures,
      String lastError) implements BillingEvent {
    public WorkStuck {
      check(key, org, occurredAt);
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(item, "item");
      Objects.requireNonNull(since, "since");
      Objects.requireNonNull(lastError, "lastError");
    }
  }

  private static void check(String key, OrgId org, Instant occurredAt) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(occurredAt, "occurredAt");
    if (key.isEmpty() || key.length() > 255) {
      throw new InvalidRequestException("key", "must be 1-255 characters");
    }
  }
}
