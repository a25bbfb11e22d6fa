package io.nobill.core.subscription;

import io.nobill.core.access.Actor;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.id.OrgId;
import io.nobill.core.money.Money;
import io.nobill.core.rating.ProrationBehavior;
import java.time.Instant;
import java.util.Optional;

/**
 * What an organization's billing managers (and NOBill's jobs) do with its subscription when
 * NOBill is the billing authority: subscribe, change seats or plan with proration, cancel,
 * resume, put a payment method on file. Each command checks {@code billing.manage}, validates
 * before anything is written, and applies its change through the reducer as a provider event
 * made by the caller, so the audit trail names who did it.
 */
public interface Subscriptions {
  /** The most characters a request key may have. */
  int MAX_REQUEST_KEY = 200;

  /**
   * These commands with a client request key. A key means one request: the command and its
   * arguments. Repeated with the same key, the same command and the same arguments (a retry
   * after a timeout, a double click), a command does nothing the second time and returns the
   * current state. The same key with another command or other arguments is a
   * {@link ConflictException} naming the key, and nothing is written: it is a client bug (a
   * key reused for a different request), and carrying out either request would be a guess.
   *
   * <p>The key is recorded in the organization's inbox, as {@code request:<key>}, in the
   * command's own transaction, with a SHA-256 fingerprint of the command's name and its
   * arguments in a canonical encoding (never the arguments themselves, so a payment method
   * reference is not copied). A command that failed wrote nothing, its key included, so it
   * can be retried with the same key — with the same arguments or corrected ones. Keys are
   * per organization: the same key in two organizations is two requests. The actor is not
   * part of the request: a retry may come from another session of the same member.
   *
   * @param requestKey 1–{@value #MAX_REQUEST_KEY} characters (code points), no control characters, no
   *     whitespace at either end
   */
  Subscriptions withRequestKey(String requestKey);

  /** When a plan change takes effect. */
  public enum ChangeTiming {
    /** Now, prorated by the behaviour given. */
    NOW,
    /** At the end of the current period, without proration. */
    PERIOD_END,
    /** Upgrades now, downgrades at the period end (compared by their in-advance price). */
    DEFAULT
  }

  /** The organization's current subscription: the newest one that has not ended, else the newest. Needs {@code billing.read}. */
  Optional<Subscription> current(Actor actor, OrgId org);

  /**
   * The organization's monthly recurring revenue: what its subscription's recurring charges —
   * flat fees (in advance and in arrears) and seats, with its custom prices, less the discounts
   * that still apply to its next invoice, before tax — come to per month, at the plan and seats
   * it has now. Metered usage is not recurring and is left out, and so is the minimum spend,
   * whose true-up depends on usage. A trial,
   * like an ended or unpaid subscription, brings in nothing yet and counts zero; a past-due
   * one still counts. Intervals other than a month are scaled exactly (a year is 12 months, a
   * month 52/12 weeks or 365/12 days) and rounded half up once. Needs {@code billing.read}.
   */
  Money monthlyRecurringRevenue(Actor actor, OrgId org);

  /**
   * The organization's next invoice as it stands now, computed and not stored: what the end of
   * the trial or of the current period would invoice if it came now — the next period's
   * recurring lines in advance, the current period's usage to date in arrears, pending
   * prorations, the discounts that still apply, and taxes. When nothing changes before the
   * period ends, the invoice made then has the same lines and amounts (its number and dates
   * are its own). For a subscription set to cancel it is the last invoice (usage and
   * prorations); with a plan change scheduled, the first of the two invoices the period end
   * makes (the old plan's usage and the prorations). After a plan change in the middle of the
   * period, its usage is split as the period end splits it: the old plan's lines before the
   * change, the new plan's after it (see {@link #changePlan}). Empty when nothing would be billed, or
   * the subscription bills nothing (paused, unpaid, incomplete, ended) or there is none.
   * Needs {@code billing.read}.
   */
  Optional<io.nobill.core.invoice.Invoice> upcoming(Actor actor, OrgId org);

  /**
   * Subscribes to the newest version of {@code planKey} with {@code seats}: the same as
   * {@code subscribe(actor, org, SubscribeRequest.plan(planKey).seats(seats))}.
   */
  Subscription subscribe(Actor actor, OrgId org, String planKey, int seats);

  /**
   * Subscribes as {@code request} says. With no subscription (or an ended one) it starts one:
   * with a trial, trialing until the trial ends (no invoice yet); without, active now, the first
   * period invoiced and collected at once. The payment method, if given, is put on file first,
   * in the same transaction. During a trial it chooses the plan and seats the trial converts to
   * (and the billing anchor, if given); a trial option is then refused — the trial is moved by
   * {@link #extendTrial} and ended by {@link #endTrialNow}.
   *
   * @throws InvalidRequestException naming {@code plan} (not in the catalog, or not in the
   *     organization's currency), {@code seats} (over the plan's limit), {@code trialUntil} (not
   *     in the future, or more than {@value io.nobill.core.catalog.Plan#MAX_TRIAL_DAYS} days
   *     away), {@code billingCycleAnchor} (not after the first period's start, or more than one
   *     interval after it) or {@code trial} (given during a trial); nothing is written
   * @throws ConflictException if the organization has a subscription that is not trialing
   */
  Subscription subscribe(Actor actor, OrgId org, SubscribeRequest request);

  /**
   * Moves the end of the trial to {@code newEnd}, later than it is now; the period of the
   * trial ends with it, and the trial-will-end notice is sent again before the new end.
   *
   * @throws InvalidRequestException naming {@code trialEnd} if {@code newEnd} is not after the
   *     current trial end, or more than {@value io.nobill.core.catalog.Plan#MAX_TRIAL_DAYS}
   *     days from now; nothing is written
   * @throws ConflictException if the subscription is not trialing
   */
  Subscription extendTrial(Actor actor, OrgId org, Instant newEnd);

  /**
   * Ends the trial now: the subscription becomes active, its first period starts now (or runs
   * to its billing anchor) and is invoiced and collected at once, as when a trial ends on its
   * own with a payment method on file.
   *
   * @throws ConflictException if the subscription is not trialing, or no payment method is on
   *     file (attach one first: a trial ending on its own without one is canceled)
   */
  Subscription endTrialNow(Actor actor, OrgId org);

  /** Changes the number of seats, prorated as {@code behavior} says. */
  Subscription changeSeats(Actor actor, OrgId org, int seats, ProrationBehavior behavior);

  /**
   * Adds {@code count} seats, prorated as {@code behavior} says. Unlike {@link #changeSeats}, this
   * is not idempotent by its value: repeated, it adds again. Give a request key
   * ({@link #withRequestKey}) when the call may be retried.
   *
   * @throws InvalidRequestException naming {@code count} if it is less than 1, or {@code seats}
   *     if the result is over the plan's seat limit; nothing is written
   */
  Subscription incrementSeats(Actor actor, OrgId org, int count, ProrationBehavior behavior);

  /**
   * Removes {@code count} seats, prorated as {@code behavior} says; as {@link #incrementSeats},
   * not idempotent without a request key.
   *
   * @throws InvalidRequestException naming {@code count} if it is less than 1 or would leave
   *     fewer than one seat; nothing is written
   */
  Subscription decrementSeats(Actor actor, OrgId org, int count, ProrationBehavior behavior);

  /**
   * Moves to the newest version of {@code planKey}: now with proration, or at the period end.
   * A change now splits the current period's usage, as Stripe bills metered usage before a
   * price change at the old price: at the period end, usage up to the change is rated on the
   * old plan and usage after it on the new one, in lines naming their plan. Usage is kept in
   * hourly rollups, so the split falls at the end of the UTC hour containing the change (at
   * the change itself when it is on the hour).
   */
  Subscription changePlan(Actor actor, OrgId org, String planKey, ChangeTiming timing, ProrationBehavior behavior);

  /**
   * Cancels as {@code request} says: {@link CancelRequest#atPeriodEnd()} (resumable until
   * then), {@link CancelRequest#now()}, or {@code CancelRequest.now().creditUnusedTime()},
   * which credits the unused time of what was billed in advance as customer credit. A paused
   * subscription can be canceled now, not at a period end it does not reach while paused.
   *
   * @throws ConflictException if it has ended already, or is paused and the request is at the period end
   */
  Subscription cancel(Actor actor, OrgId org, CancelRequest request);

  /**
   * Cancels at the end of the period, or now, optionally crediting the unused time.
   *
   * @deprecated two booleans read ambiguously at the call site; use
   *     {@link #cancel(Actor, OrgId, CancelRequest)}. {@code creditUnusedTime} is ignored at the
   *     period end, as it always was.
   */
  @Deprecated
  default Subscription cancel(Actor actor, OrgId org, boolean atPeriodEnd, boolean creditUnusedTime) {
    return cancel(actor, org, atPeriodEnd ? CancelRequest.atPeriodEnd()
        : creditUnusedTime ? CancelRequest.now().creditUnusedTime() : CancelRequest.now());
  }

  /**
   * Pauses collection, as Stripe's {@code pause_collection} with behaviour {@code void}: from
   * now until {@link #resume}, nothing is invoiced — a period that ends while paused is not
   * billed, neither in advance nor its usage in arrears, and the renewal sweep passes the
   * subscription by. The subscription is {@link SubscriptionStatus#PAUSED}, which grants no
   * access and accepts no usage: service is not given while it is not billed. Invoices already
   * open are still collected. Pending prorations wait for the first invoice after the pause.
   *
   * @throws ConflictException unless the subscription is active and not set to cancel at the
   *     period end (resume that first)
   */
  Subscription pause(Actor actor, OrgId org);

  /**
   * Resumes the subscription: undoes a cancellation at the period end while the period has not
   * ended, or ends a pause. A pause that ends within the period it began in leaves the period
   * as it was; one that outlasted it starts the anchored period containing now, which is not
   * invoiced (it fell in the pause, as Stripe voids it) — the next renewal bills as usual.
   *
   * @throws ConflictException if it has ended, is neither paused nor set to cancel, or its period has ended
   */
  Subscription resume(Actor actor, OrgId org);

  /**
   * Puts a payment method reference (e.g. {@code pm_...}) on file for the organization. When
   * its subscription is {@link SubscriptionStatus#INCOMPLETE} (its first payment failed), the
   * first invoice is collected again at once with it: paid, the subscription becomes active.
   */
  void attachPaymentMethod(Actor actor, OrgId org, String reference);

  /** Removes the payment method on file: the next collection fails, and a trial ends canceled. */
  void detachPaymentMethod(Actor actor, OrgId org);

  /** The longest reason a refund may give, in code points. */
  int MAX_REFUND_REASON = 500;

  /**
   * Refunds {@code amount} of a paid invoice of the organization, in part or in full: the refund
   * is recorded through the ledger's refund fact (payments of the invoice are refunded oldest
   * first, one refund fact each), whose posting issues a credit note naming the invoice; the
   * command is audited as {@code invoice.refunded} with its reason. Needs billing.manage.
   * Idempotent by request key ({@link #withRequestKey}): a repeat with the same arguments
   * refunds nothing more and answers the same credit notes.
   *
   * @return the invoice's credit notes after the refund, in the order they were issued
   * @throws io.nobill.core.error.InvalidRequestException naming {@code amount} if it is not
   *     positive, not in the organization's currency or more than remains refundable of the
   *     invoice's payments, or {@code reason} if it breaks the text policy; nothing is written
   * @throws io.nobill.core.error.NotFoundException if the organization has no such invoice
   */
  java.util.List<io.nobill.core.invoice.CreditNote> refund(Actor actor, OrgId org, io.nobill.core.id.InvoiceId invoice,
      Money amount, String reason);
}
