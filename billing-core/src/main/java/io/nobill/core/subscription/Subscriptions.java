package io.nobill.core.subscription;

import io.nobill.core.access.Actor;
import io.nobill.core.error.ConflictException;
import io.nobill.core.id.OrgId;
import io.nobill.core.money.Money;
import io.nobill.core.rating.ProrationBehavior;
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
   * Subscribes to the newest version of {@code planKey} with {@code seats}. During a trial
   * this chooses the plan the trial converts to; with no subscription (or an ended one) it
   * starts one now, invoices the first period and collects it.
   */
  Subscription subscribe(Actor actor, OrgId org, String planKey, int seats);

  /** Changes the number of seats, prorated as {@code behavior} says. */
  Subscription changeSeats(Actor actor, OrgId org, int seats, ProrationBehavior behavior);

  /** Moves to the newest version of {@code planKey}: now with proration, or at the period end. */
  Subscription changePlan(Actor actor, OrgId org, String planKey, ChangeTiming timing, ProrationBehavior behavior);

  /**
   * Cancels at the end of the period (resumable until then), or now — optionally crediting
   * the unused time of what was billed in advance as customer credit.
   */
  Subscription cancel(Actor actor, OrgId org, boolean atPeriodEnd, boolean creditUnusedTime);

  /** Undoes a cancellation at period end, while the period has not ended. */
  Subscription resume(Actor actor, OrgId org);

  /** Puts a payment method reference (e.g. {@code pm_...}) on file for the organization. */
  void attachPaymentMethod(Actor actor, OrgId org, String reference);

  /** Removes the payment method on file: the next collection fails, and a trial ends canceled. */
  void detachPaymentMethod(Actor actor, OrgId org);
}
