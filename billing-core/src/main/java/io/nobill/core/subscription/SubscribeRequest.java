package io.nobill.core.subscription;

import io.nobill.core.catalog.Plan;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.event.ProviderEvent;
import io.nobill.core.money.Bounds;
import io.nobill.core.text.TextPolicy;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to subscribe an organization, built fluently and checked as it is built:
 *
 * <pre>{@code
 * SubscribeRequest.plan("pro").seats(3).trialDays(14).paymentMethod("pm_card_visa")
 * }</pre>
 *
 * <p>Each method returns a new request; a value that breaks a rule is an
 * {@link InvalidRequestException} naming the field at once, before anything is sent. What can
 * only be checked against the organization and the clock — the plan exists in its currency, a
 * trial end or billing anchor lies in the future — is checked by
 * {@link Subscriptions#subscribe(io.nobill.core.access.Actor, io.nobill.core.id.OrgId, SubscribeRequest)}, again before
 * anything is written.
 *
 * <p>Without a trial option there is no trial, as in Stripe and Cashier: the first period
 * starts now and is invoiced at once. There is no discount code: NOBill's discounts are an
 * organization's pricing overrides, set by an operator, not codes a customer enters.
 */
public final class SubscribeRequest {
  /** How the trial of a new subscription is chosen. */
  public enum Trial {
    /** No trial: the first period starts now. */
    NONE,
    /** A trial of {@link #trialDays()} days from now. */
    DAYS,
    /** A trial until {@link #trialUntil()}. */
    UNTIL
  }

  private final String planKey;
  private final int seats;
  private final Trial trial;
  private final int trialDays;
  private final Optional<Instant> trialUntil;
  private final Optional<Instant> billingCycleAnchor;
  private final Optional<String> paymentMethod;

  private SubscribeRequest(String planKey, int seats, Trial trial, int trialDays, Optional<Instant> trialUntil,
      Optional<Instant> billingCycleAnchor, Optional<String> paymentMethod) {
    this.planKey = planKey;
    this.seats = seats;
    this.trial = trial;
    this.trialDays = trialDays;
    this.trialUntil = trialUntil;
    this.billingCycleAnchor = billingCycleAnchor;
    this.paymentMethod = paymentMethod;
  }

  /**
   * A request for the newest version of {@code planKey}, one seat, no trial.
   *
   * @throws InvalidRequestException naming {@code plan} if the key is blank, padded or longer than 64
   *     characters (whether the catalog has it is checked when the request is carried out)
   */
  public static SubscribeRequest plan(String planKey) {
    Objects.requireNonNull(planKey, "planKey");
    TextPolicy.key(planKey, "plan", 64);
    return new SubscribeRequest(planKey, 1, Trial.NONE, 0, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** @throws InvalidRequestException naming {@code seats} if less than 1 */
  public SubscribeRequest seats(int count) {
    InvalidRequestException.require(count >= 1, "seats", "must be at least 1");
    return new SubscribeRequest(planKey, count, trial, trialDays, trialUntil, billingCycleAnchor, paymentMethod);
  }

  /**
   * A trial of {@code days} days from the moment the subscription is made.
   *
   * @throws InvalidRequestException naming {@code trialDays} unless 1–{@value Plan#MAX_TRIAL_DAYS}
   */
  public SubscribeRequest trialDays(int days) {
    InvalidRequestException.require(days >= 1 && days <= Plan.MAX_TRIAL_DAYS, "trialDays",
        "must be between 1 and " + Plan.MAX_TRIAL_DAYS + ", was " + days + "; use noTrial() for none");
    return new SubscribeRequest(planKey, seats, Trial.DAYS, days, Optional.empty(), billingCycleAnchor, paymentMethod);
  }

  /**
   * A trial until {@code end}, which must be in the future when the request is carried out and
   * at most {@value Plan#MAX_TRIAL_DAYS} days away.
   *
   * @throws InvalidRequestException naming {@code trialUntil} if it lies outside the range NOBill stores
   */
  public SubscribeRequest trialUntil(Instant end) {
    Bounds.checkInstant(end, "trialUntil");
    return new SubscribeRequest(planKey, seats, Trial.UNTIL, 0, Optional.of(end), billingCycleAnchor, paymentMethod);
  }

  /** No trial (the default): the first period starts now and is invoiced at once. */
  public SubscribeRequest noTrial() {
    return new SubscribeRequest(planKey, seats, Trial.NONE, 0, Optional.empty(), billingCycleAnchor, paymentMethod);
  }

  /**
   * Where the billing cycle is anchored, as Stripe's {@code billing_cycle_anchor}: periods
   * renew on the anchor's boundaries, and the stub from the first period's start (now, or the
   * trial end) to the anchor is charged prorated. When the request is carried out it must lie
   * after that start and at most one interval of the plan after it.
   *
   * @throws InvalidRequestException naming {@code billingCycleAnchor} if it lies outside the range NOBill stores
   */
  public SubscribeRequest billingCycleAnchor(Instant anchor) {
    Bounds.checkInstant(anchor, "billingCycleAnchor");
    return new SubscribeRequest(planKey, seats, trial, trialDays, trialUntil, Optional.of(anchor), paymentMethod);
  }

  /**
   * A payment method reference (e.g. {@code pm_...}) to put on file in the same transaction,
   * before the first period is invoiced and collected.
   *
   * @throws InvalidRequestException naming {@code paymentMethod} if it is not a well-formed identifier
   */
  public SubscribeRequest paymentMethod(String reference) {
    Objects.requireNonNull(reference, "paymentMethod");
    TextPolicy.key(reference, "paymentMethod", ProviderEvent.MAX_ID);
    return new SubscribeRequest(planKey, seats, trial, trialDays, trialUntil, billingCycleAnchor, Optional.of(reference));
  }

  public String planKey() {
    return planKey;
  }

  public int seats() {
    return seats;
  }

  public Trial trial() {
    return trial;
  }

  /** The trial's days when {@link #trial()} is {@link Trial#DAYS}, else 0. */
  public int trialDays() {
    return trialDays;
  }

  public Optional<Instant> trialUntil() {
    return trialUntil;
  }

  public Optional<Instant> billingCycleAnchor() {
    return billingCycleAnchor;
  }

  public Optional<String> paymentMethod() {
    return paymentMethod;
  }

  /** Whether this request says no more than {@code subscribe(actor, org, planKey, seats)} does. */
  public boolean isPlain() {
    return trial == Trial.NONE && billingCycleAnchor.isEmpty() && paymentMethod.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SubscribeRequest r && planKey.equals(r.planKey) && seats == r.seats && trial == r.trial
        && trialDays == r.trialDays && trialUntil.equals(r.trialUntil) && billingCycleAnchor.equals(r.billingCycleAnchor)
        && paymentMethod.equals(r.paymentMethod);
  }

  @Override
  public int hashCode() {
    return Objects.hash(planKey, seats, trial, trialDays, trialUntil, billingCycleAnchor, paymentMethod);
  }

  /** The request without the payment method's reference, which is not for logs. */
  @Override
  public String toString() {
    return "SubscribeRequest[plan=" + planKey + ", seats=" + seats + ", trial=" + switch (trial) {
      case NONE -> "none";
      case DAYS -> trialDays + " days";
      case UNTIL -> "until " + trialUntil.orElseThrow();
    } + billingCycleAnchor.map(a -> ", billingCycleAnchor=" + a).orElse("")
        + (paymentMethod.isPresent() ? ", paymentMethod=(given)" : "") + "]";
  }
}
