package io.nobill.jdbc.internal.shape;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.nobill.core.event.BillingEvent;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.SubscriptionId;
import io.nobill.core.subscription.SubscriptionStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * An outbound event inside a stored outbox message, tagged under {@code "@type"} with the names
 * below. The tags are stored names: renaming an event type in the core keeps its tag here.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "@type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = EventV1.TrialWillEnd.class, name = "TrialWillEnd"),
    @JsonSubTypes.Type(value = EventV1.SubscriptionCreated.class, name = "SubscriptionCreated"),
    @JsonSubTypes.Type(value = EventV1.SubscriptionActivated.class, name = "SubscriptionActivated"),
    @JsonSubTypes.Type(value = EventV1.SubscriptionChanged.class, name = "SubscriptionChanged"),
    @JsonSubTypes.Type(value = EventV1.SubscriptionCanceled.class, name = "SubscriptionCanceled"),
    @JsonSubTypes.Type(value = EventV1.InvoiceFinalized.class, name = "InvoiceFinalized"),
    @JsonSubTypes.Type(value = EventV1.InvoicePaid.class, name = "InvoicePaid"),
    @JsonSubTypes.Type(value = EventV1.PaymentFailed.class, name = "PaymentFailed"),
    @JsonSubTypes.Type(value = EventV1.DunningStep.class, name = "DunningStep"),
    @JsonSubTypes.Type(value = EventV1.QuotaExceeded.class, name = "QuotaExceeded"),
    @JsonSubTypes.Type(value = EventV1.WorkStuck.class, name = "WorkStuck")})
sealed interface EventV1 {
  BillingEvent toDomain();

  static EventV1 of(BillingEvent e) {
    Common.Id org = Common.Id.of(e.org());
    if (e instanceof BillingEvent.TrialWillEnd t) {
      return new TrialWillEnd(t.key(), org, t.occurredAt(), Common.Id.of(t.subscription()), t.trialEnd());
    }
    if (e instanceof BillingEvent.SubscriptionCreated c) {
      return new SubscriptionCreated(c.key(), org, c.occurredAt(), Common.Id.of(c.subscription()), Common.Plan.of(c.plan()),
          c.seats(), c.status().name(), c.trialEnd().orElse(null));
    }
    if (e instanceof BillingEvent.SubscriptionActivated a) {
      return new SubscriptionActivated(a.key(), org, a.occurredAt(), Common.Id.of(a.subscription()), Common.Plan.of(a.plan()));
    }
    if (e instanceof BillingEvent.SubscriptionChanged c) {
      return new SubscriptionChanged(c.key(), org, c.occurredAt(), Common.Id.of(c.subscription()), Common.Plan.of(c.plan()),
          c.seats(), c.cancelAtPeriodEnd());
    }
    if (e instanceof BillingEvent.SubscriptionCanceled c) {
      return new SubscriptionCanceled(c.key(), org, c.occurredAt(), Common.Id.of(c.subscription()), c.reason());
    }
    if (e instanceof BillingEvent.InvoiceFinalized f) {
      return new InvoiceFinalized(f.key(), org, f.occurredAt(), Common.Id.of(f.invoice()), f.number(),
          Common.Money.of(f.amountDue()));
    }
    if (e instanceof BillingEvent.InvoicePaid p) {
      return new InvoicePaid(p.key(), org, p.occurredAt(), Common.Id.of(p.invoice()), Common.Money.of(p.amount()));
    }
    if (e instanceof BillingEvent.PaymentFailed f) {
      return new PaymentFailed(f.key(), org, f.occurredAt(), Common.Id.of(f.invoice()), f.attempt(),
          f.nextAttempt().orElse(null));
    }
    if (e instanceof BillingEvent.DunningStep d) {
      return new DunningStep(d.key(), org, d.occurredAt(), Common.Id.of(d.invoice()), d.step(), d.action());
    }
    if (e instanceof BillingEvent.QuotaExceeded q) {
      return new QuotaExceeded(q.key(), org, q.occurredAt(), q.meter(), q.included(), q.used());
    }
    if (e instanceof BillingEvent.WorkStuck w) {
      return new WorkStuck(w.key(), org, w.occurredAt(), w.kind(), w.item(), w.since(), w.failures(), w.lastError());
    }
    throw Common.noShape(e);
  }

  record TrialWillEnd(
      @JsonProperty("key") String key,
      @JsonProperty("org") Common.Id org,
      @JsonProperty("occurredAt") Instant occurredAt,
      @JsonProperty("subscription") Common.Id subscription,
      @JsonProperty("trialEnd") Instant trialEnd) implements EventV1 {
    @JsonCreator
    public TrialWillEnd {
    }

    @Override
    public BillingEvent toDomain() {
      return new BillingEvent.TrialWillEnd(key, org.to(OrgId::of), occurredAt, subscription.to(SubscriptionId::of), trialEnd);
    }
  }

  record SubscriptionCreated(
      @JsonProperty("key") String key,
      @JsonProperty("org") Common.Id org,
      @JsonProperty("occurredAt") Instant occurredAt,
      @JsonProperty("subscription") Common.Id subscription,
      @JsonProperty("plan") Common.Plan plan,
      @JsonProperty("seats") int seats,
      @JsonProperty("status") String status,
      @JsonProperty("trialEnd") Instant trialEnd) implements EventV1 {
    @JsonCreator
    public SubscriptionCreated {
    }

    @Override
    public BillingEvent toDomain() {
      return new BillingEvent.SubscriptionCreated(key, org.to(OrgId::of), occurredAt, subscription.to(SubscriptionId::of),
          plan.toDomain(), seats, Common.constant(SubscriptionStatus.class, status), Optional.ofNullable(trialEnd));
    }
  }

  record SubscriptionActivated(
      @JsonProperty("key") String key,
      @JsonProperty("org") Common.Id org,
      @JsonProperty("occurredAt") Instant occurredAt,
      @JsonProperty("subscription") Common.Id subscription,
      @JsonProperty("plan") Common.Plan plan) implements EventV1 {
    @JsonCreator
    public SubscriptionActivated {
    }

    @Override
    public BillingEvent toDomain() {
      return new BillingEvent.SubscriptionActivated(key, org.to(OrgId::of), occurredAt, subscription.to(SubscriptionId::of),
          plan.toDomain());
    }
  }

  record SubscriptionChanged(
      @JsonProperty("key") String key,
      @JsonProperty("org") Common.Id org,
      @JsonProperty("occurredAt") Instant occurredAt,
      @JsonProperty("subscription") Common.Id subscription,
      @JsonProperty("plan") Common.Plan plan,
      @JsonProperty("seats") int seats,
      @JsonProperty("cancelAtPeriodEnd") boolean cancelAtPeriodEnd) implements EventV1 {
    @JsonCreator
    public SubscriptionChanged {
    }

    @Override
    public BillingEvent toDomain() {
      return new BillingEvent.SubscriptionChanged(key, org.to(OrgId::of), occurredAt, subscription.to(SubscriptionId::of),
          plan.toDomain(), seats, cancelAtPeriodEnd);
    }
  }

  record SubscriptionCanceled(
      @JsonProperty("key") String key,
      @JsonProperty("org") Common.Id org,
      @JsonProperty("occurredAt") Instant occurredAt,
      @JsonProperty("subscription") Common.Id subscription,
      @JsonProperty("reason") String reason) implements EventV1 {
    @JsonCreator
    public SubscriptionCanceled {
    }

    @Override
    public BillingEvent toDomain() {
      return new BillingEvent.SubscriptionCanceled(key, org.to(OrgId::of), occurredAt, subscription.to(SubscriptionId::of),
          reason);
    }
  }

  record InvoiceFinalized(
      @JsonProperty("key") String key,
      @JsonProperty("org") Common.Id org,
      @JsonProperty("occurredAt") Instant occurredAt,
      @JsonProperty("invoice") Common.Id invoice,
      @JsonProperty("number") String number,
      @JsonProperty("amountDue") Common.Money amountDue) implements EventV1 {
    @JsonCreator
    public InvoiceFinalized {
    }

    @Override
    public BillingEvent toDomain() {
      return new BillingEvent.InvoiceFinalized(key, org.to(OrgId::of), occurredAt, invoice.to(InvoiceId::of), number,
          amountDue.toDomain());
    }
  }

  record InvoicePaid(
      @JsonProperty("key") String key,
      @JsonProperty("org") Common.Id org,
      @JsonProperty("occurredAt") Instant occurredAt,
      @JsonProperty("invoice") Common.Id invoice,
      @JsonProperty("amount") Common.Money amount) implements EventV1 {
    @JsonCreator
    public InvoicePaid {
    }

    @Override
    public BillingEvent toDomain() {
      return new BillingEvent.InvoicePaid(key, org.to(OrgId::of), occurredAt, invoice.to(InvoiceId::of), amount.toDomain());
    }
  }

  record PaymentFailed(
      @JsonProperty("key") String key,
      @JsonProperty("org") Common.Id org,
      @JsonProperty("occurredAt") Instant occurredAt,
      @JsonProperty("invoice") Common.Id invoice,
      @JsonProperty("attempt") int attempt,
      @JsonProperty("nextAttempt") Instant nextAttempt) implements EventV1 {
    @JsonCreator
    public PaymentFailed {
    }

    @Override
    public BillingEvent toDomain() {
      return new BillingEvent.PaymentFailed(key, org.to(OrgId::of), occurredAt, invoice.to(InvoiceId::of), attempt,
          Optional.ofNullable(nextAttempt));
    }
  }

  record DunningStep(
      @JsonProperty("key") String key,
      @JsonProperty("org") Common.Id org,
      @JsonProperty("occurredAt") Instant occurredAt,
      @JsonProperty("invoice") Common.Id invoice,
      @JsonProperty("step") int step,
      @JsonProperty("action") String action) implements EventV1 {
    @JsonCreator
    public DunningStep {
    }

    @Override
    public BillingEvent toDomain() {
      return new BillingEvent.DunningStep(key, org.to(OrgId::of), occurredAt, invoice.to(InvoiceId::of), step, action);
    }
  }

  record QuotaExceeded(
      @JsonProperty("key") String key,
      @JsonProperty("org") Common.Id org,
      @JsonProperty("occurredAt") Instant occurredAt,
      @JsonProperty("meter") String meter,
      @JsonProperty("included") BigDecimal included,
      @JsonProperty("used") BigDecimal used) implements EventV1 {
    @JsonCreator
    public QuotaExceeded {
    }

    @Override
    public BillingEvent toDomain() {
      return new BillingEvent.QuotaExceeded(key, org.to(OrgId::of), occurredAt, meter, included, used);
    }
  }

  record WorkStuck(
      @JsonProperty("key") String key,
      @JsonProperty("org") Common.Id org,
      @JsonProperty("occurredAt") Instant occurredAt,
      @JsonProperty("kind") String kind,
      @JsonProperty("item") String item,
      @JsonProperty("since") Instant since,
      @JsonProperty("failures") int failures,
      @JsonProperty("lastError") String lastError) implements EventV1 {
    @JsonCreator
    public WorkStuck {
    }

    @Override
    public BillingEvent toDomain() {
      return new BillingEvent.WorkStuck(key, org.to(OrgId::of), occurredAt, kind, item, since, failures, lastError);
    }
  }
}
