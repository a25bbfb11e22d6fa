package io.nobill.core.subscription;

import io.nobill.core.error.InvalidRequestException;

/**
 * How to cancel a subscription, named instead of two booleans:
 *
 * <ul>
 *   <li>{@code CancelRequest.atPeriodEnd()} — service continues until the period ends (Cashier's
 *       grace period), and {@code resume} undoes it until then;
 *   <li>{@code CancelRequest.now()} — ends it now; what was billed in advance is not refunded;
 *   <li>{@code CancelRequest.now().creditUnusedTime()} — ends it now and credits the unused time
 *       of what was billed in advance to the organization's customer credit (Stripe's
 *       {@code prorate: true} on cancellation).
 * </ul>
 */
public final class CancelRequest {
  private final boolean atPeriodEnd;
  private final boolean creditUnusedTime;

  private CancelRequest(boolean atPeriodEnd, boolean creditUnusedTime) {
    InvalidRequestException.require(!(atPeriodEnd && creditUnusedTime), "creditUnusedTime",
        "applies to a cancellation now only; at the period end no time is left unused");
    this.atPeriodEnd = atPeriodEnd;
    this.creditUnusedTime = creditUnusedTime;
  }

  /** Whether it takes effect at the end of the current period. */
  public boolean isAtPeriodEnd() {
    return atPeriodEnd;
  }

  /** Whether the unused time of what was billed in advance is credited. */
  public boolean isCreditingUnusedTime() {
    return creditUnusedTime;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CancelRequest r && r.atPeriodEnd == atPeriodEnd && r.creditUnusedTime == creditUnusedTime;
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(atPeriodEnd) * 31 + Boolean.hashCode(creditUnusedTime);
  }

  @Override
  public String toString() {
    return atPeriodEnd ? "CancelRequest[atPeriodEnd]" : creditUnusedTime ? "CancelRequest[now, creditUnusedTime]"
        : "CancelRequest[now]";
  }

  /** Cancels at the end of the current period. */
  public static CancelRequest atPeriodEnd() {
    return new CancelRequest(true, false);
  }

  /** Cancels now, crediting nothing. */
  public static CancelRequest now() {
    return new CancelRequest(false, false);
  }

  /**
   * This cancellation now, with the unused time credited as customer credit.
   *
   * @throws InvalidRequestException naming {@code creditUnusedTime} on a cancellation at the period end
   */
  public CancelRequest creditUnusedTime() {
    return new CancelRequest(atPeriodEnd, true);
  }
}
