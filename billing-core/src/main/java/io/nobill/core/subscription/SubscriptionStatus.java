package io.nobill.core.subscription;

/**
 * A subscription's status, named as Stripe names them, so that a Stripe subscription and an
 * internally billed one read the same.
 */
public enum SubscriptionStatus {
  TRIALING,
  ACTIVE,
  /** A payment failed; access continues during the grace period while dunning retries. */
  PAST_DUE,
  /** Dunning gave up and the final action was "mark unpaid": no access, the invoice stays open. */
  UNPAID,
  CANCELED,
  /**
   * A new subscription's first payment (by card, at {@code subscribe} without a trial) failed:
   * no access and no dunning. A payment within 23 hours of its start (a working card attached,
   * which retries the invoice) makes it active; otherwise it expires.
   */
  INCOMPLETE,
  /**
   * The first payment never succeeded within 23 hours: the first invoice is voided (with a
   * credit note, as every void of a numbered invoice) and nothing was charged. Final.
   */
  INCOMPLETE_EXPIRED,
  /**
   * Collection is paused ({@code Subscriptions.pause}, Stripe's {@code pause_collection} with
   * behaviour {@code void}): nothing is invoiced and no access is granted until it is resumed.
   */
  PAUSED;

  /** Whether the subscription is over: a new one is needed to bill again. */
  public boolean isEnded() {
    return this == CANCELED || this == INCOMPLETE_EXPIRED;
  }
}
