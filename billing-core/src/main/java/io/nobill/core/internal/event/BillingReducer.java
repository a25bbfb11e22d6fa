package io.nobill.core.internal.event;

import io.nobill.core.audit.AuditTarget;
import io.nobill.core.event.*;
import io.nobill.core.event.BillingEvent;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.PaymentId;
import io.nobill.core.id.SubscriptionId;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.ledger.LedgerFact;
import io.nobill.core.subscription.PaymentMethodRecord;
import io.nobill.core.subscription.Subscription;
import io.nobill.core.subscription.SubscriptionStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one reducer: {@code (state, event) → (state', effects)}, a pure function. Every change
 * of billing state passes through it, whatever its source, which is what makes duplicates,
 * late and out-of-order delivery testable in one place.
 *
 * <p>Why it converges whatever the order: a subscription is a last-writer-wins register of
 * snapshots ordered by the authority's timestamp (ties by event id), so an older snapshot
 * arriving late is ignored; an invoice only moves up its status order (draft → open → paid),
 * so a payment failure after the payment, or a finalization after it, changes nothing; and
 * every ledger effect carries a key derived from the fact's ids, so it posts once.
 */
public final class BillingReducer {
  private BillingReducer() {}

  /**
   * What the reducer reads: the subscription the event is about (if it exists), the
   * organization's payment method on file, and the status of the invoice it is about.
   */
  public record State(Optional<Subscription> subscription, Optional<PaymentMethodRecord> paymentMethod,
      Optional<InvoiceStatus> invoice) {
    public State {
      Objects.requireNonNull(subscription, "subscription");
      Objects.requireNonNull(paymentMethod, "paymentMethod");
      Objects.requireNonNull(invoice, "invoice");
    }

    public static final State EMPTY = new State(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** What applying the event produces: the new subscription and payment method (when changed) and the effects. */
  public record Reduction(Optional<Subscription> subscription, Optional<PaymentMethodRecord> paymentMethod,
      List<Effect> effects, InboxEntry.Outcome outcome) {
    public Reduction {
      Objects.requireNonNull(subscription, "subscription");
      Objects.requireNonNull(paymentMethod, "paymentMethod");
      effects = List.copyOf(Objects.requireNonNull(effects, "effects"));
      Objects.requireNonNull(outcome, "outcome");
    }

    static Reduction nothing(InboxEntry.Outcome outcome) {
      return new Reduction(Optional.empty(), Optional.empty(), List.of(), outcome);
    }
  }

  /** A consequence of an event, carried out by the caller in the same transaction. */
  public sealed interface Effect {
    /** Write an outbound event. */
    record Emit(BillingEvent event) implements Effect {}

    /** Write an audit entry. */
    record Audit(String action, AuditTarget target, Map<String, String> before, Map<String, String> after)
        implements Effect {}

    /** Finalize a draft invoice (numbering, ledger). */
    record FinalizeInvoice(InvoiceId invoice) implements Effect {}

    /** Settle an open or uncollectible invoice with a payment (ledger). */
    record PayInvoice(InvoiceId invoice, PaymentId payment) implements Effect {}

    /** Post a ledger fact through the posting rules. */
    record RecordFact(LedgerFact fact) implements Effect {}
  }

  /**
   * Applies {@code event} to {@code state}. {@code newId} names a subscription the event
   * creates. The caller has checked that the objects the event refers to exist.
   */
  public static Reduction reduce(State state, ProviderEvent event, SubscriptionId newId) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(newId, "newId");
    if (event instanceof ProviderEvent.SubscriptionSnapshot s) {
      return snapshot(state.subscription(), s, newId);
    } else if (event instanceof ProviderEvent.SubscriptionDeleted d) {
      // A deletion is final: it ends the subscription whatever snapshots arrive before or after
      // it, and leaves plan, seats and period to the newest snapshot.
      Subscription current = state.subscription().orElseThrow(() -> new IllegalArgumentException("no subscription"));
      if (current.endedAt().isPresent()) {
        return Reduction.nothing(InboxEntry.Outcome.NO_CHANGE);
      }
      Subscription ended = new Subscription(current.id(), current.org(), current.providerId(), current.plan(),
          current.seats(), SubscriptionStatus.CANCELED, current.currentPeriod(), current.trialEnd(),
          current.cancelAtPeriodEnd(), Optional.of(current.canceledAt().orElse(d.occurredAt())), Optional.of(d.occurredAt()),
          current.lastChangeAt(), current.lastChangeEvent(), current.version() + 1);
      List<Effect> effects = new ArrayList<>();
      effects.add(new Effect.Audit("subscription.deleted", AuditTarget.of("subscription", current.id()),
          Map.of("status", current.status().name()), Map.of("status", SubscriptionStatus.CANCELED.name())));
      if (current.status() != SubscriptionStatus.CANCELED) {
        effects.add(new Effect.Emit(new BillingEvent.SubscriptionCanceled("subscription-canceled:" + current.id(),
            d.org(), d.occurredAt(), current.id(), "deleted")));
      }
      return new Reduction(Optional.of(ended), Optional.empty(), effects, InboxEntry.Outcome.APPLIED);
    } else if (event instanceof ProviderEvent.CheckoutCompleted c) {
      if (state.paymentMethod().isPresent() && !state.paymentMethod().get().isOlderThan(c.occurredAt(), c.eventId())) {
        return Reduction.nothing(InboxEntry.Outcome.IGNORED_STALE);
      }
      PaymentMethodRecord record = new PaymentMethodRecord(Optional.of(c.paymentMethod()), c.occurredAt(), c.eventId());
      return new Reduction(Optional.empty(), Optional.of(record), List.of(new Effect.Audit("payment-method.attached",
          new AuditTarget("checkout", c.objectId()), Map.of(), Map.of("paymentMethod", c.paymentMethod()))),
          InboxEntry.Outcome.APPLIED);
    } else if (event instanceof ProviderEvent.PaymentMethodDetached d) {
      if (state.paymentMethod().isPresent() && !state.paymentMethod().get().isOlderThan(d.occurredAt(), d.eventId())) {
        return Reduction.nothing(InboxEntry.Outcome.IGNORED_STALE);
      }
      return new Reduction(Optional.empty(), Optional.of(new PaymentMethodRecord(Optional.empty(), d.occurredAt(),
          d.eventId())), List.of(new Effect.Audit("payment-method.detached", new AuditTarget("payment-method", d.objectId()),
              Map.of("paymentMethod", state.paymentMethod().flatMap(PaymentMethodRecord::reference).orElse("")), Map.of())),
          InboxEntry.Outcome.APPLIED);
    } else if (event instanceof ProviderEvent.TrialWillEnd t) {
      Subscription sub = state.subscription().orElseThrow(() -> new IllegalArgumentException("no subscription"));
      return new Reduction(Optional.empty(), Optional.empty(), List.of(new Effect.Emit(new BillingEvent.TrialWillEnd(
          "trial-will-end:" + sub.id() + ":" + t.trialEnd(), t.org(), t.occurredAt(), sub.id(), t.trialEnd()))),
          InboxEntry.Outcome.APPLIED);
    } else if (event instanceof ProviderEvent.InvoiceFinalized f) {
      InvoiceStatus status = state.invoice().orElseThrow(() -> new IllegalArgumentException("no invoice"));
      return status == InvoiceStatus.DRAFT
          ? new Reduction(Optional.empty(), Optional.empty(), List.of(new Effect.FinalizeInvoice(f.invoice())),
              InboxEntry.Outcome.APPLIED)
          : Reduction.nothing(InboxEntry.Outcome.NO_CHANGE);
    } else if (event instanceof ProviderEvent.InvoicePaid p) {
      InvoiceStatus status = state.invoice().orElseThrow(() -> new IllegalArgumentException("no invoice"));
      List<Effect> effects = new ArrayList<>();
      switch (status) {
        case DRAFT -> {
          effects.add(new Effect.FinalizeInvoice(p.invoice()));
          effects.add(new Effect.PayInvoice(p.invoice(), p.payment()));
        }
        case OPEN, UNCOLLECTIBLE -> effects.add(new Effect.PayInvoice(p.invoice(), p.payment()));
        case PAID, VOID -> {
          return Reduction.nothing(InboxEntry.Outcome.NO_CHANGE);
        }
      }
      return new Reduction(Optional.empty(), Optional.empty(), effects, InboxEntry.Outcome.APPLIED);
    } else if (event instanceof ProviderEvent.InvoicePaymentFailed f) {
      InvoiceStatus status = state.invoice().orElseThrow(() -> new IllegalArgumentException("no invoice"));
      if (status == InvoiceStatus.PAID || status == InvoiceStatus.VOID) {
        return Reduction.nothing(InboxEntry.Outcome.NO_CHANGE);
      }
      List<Effect> effects = new ArrayList<>();
      if (status == InvoiceStatus.DRAFT) {
        effects.add(new Effect.FinalizeInvoice(f.invoice()));
      }
      effects.add(new Effect.Emit(new BillingEvent.PaymentFailed("payment-failed:" + f.invoice() + ":" + f.attempt(),
          f.org(), f.occurredAt(), f.invoice(), f.attempt(), f.nextAttempt())));
      return new Reduction(Optional.empty(), Optional.empty(), effects, InboxEntry.Outcome.APPLIED);
    } else if (event instanceof ProviderEvent.PaymentRefunded r) {
      return new Reduction(Optional.empty(), Optional.empty(), List.of(new Effect.RecordFact(
          new LedgerFact.PaymentRefunded(r.refund(), r.payment(), r.occurredAt(), r.amount()))), InboxEntry.Outcome.APPLIED);
    }
    throw new IllegalArgumentException("no rule for " + event.getClass().getName());
  }

  private static Reduction snapshot(Optional<Subscription> current, ProviderEvent.SubscriptionSnapshot s, SubscriptionId newId) {
    if (current.isPresent() && !current.get().isOlderThan(s.occurredAt(), s.eventId())) {
      return Reduction.nothing(InboxEntry.Outcome.IGNORED_STALE);
    }
    Optional<java.time.Instant> endedAt = current.flatMap(Subscription::endedAt);
    SubscriptionStatus status = endedAt.isPresent() ? SubscriptionStatus.CANCELED : s.status();
    Optional<java.time.Instant> canceledAt = status == SubscriptionStatus.CANCELED
        ? Optional.of(current.flatMap(Subscription::canceledAt).orElse(s.occurredAt()))
        : Optional.empty();
    Subscription next = new Subscription(current.map(Subscription::id).orElse(newId), s.org(), s.objectId(), s.plan(),
        s.seats(), status, s.period(), s.trialEnd(), s.cancelAtPeriodEnd(), canceledAt, endedAt, s.occurredAt(),
        s.eventId(), current.map(c -> c.version() + 1).orElse(0L));
    Map<String, String> before = current.map(BillingReducer::fields).orElse(Map.of());
    Map<String, String> after = fields(next);
    Map<String, String> changedBefore = new LinkedHashMap<>();
    Map<String, String> changedAfter = new LinkedHashMap<>();
    after.forEach((k, v) -> {
      if (!v.equals(before.get(k))) {
        changedAfter.put(k, v);
        if (before.containsKey(k)) {
          changedBefore.put(k, before.get(k));
        }
      }
    });
    if (changedAfter.isEmpty()) {
      // Nothing visible changed, but the newer stamp is kept so an older snapshot stays ignored.
      return new Reduction(Optional.of(next), Optional.empty(), List.of(), InboxEntry.Outcome.NO_CHANGE);
    }
    List<Effect> effects = new ArrayList<>();
    effects.add(new Effect.Audit(current.isPresent() ? "subscription.updated" : "subscription.created",
        AuditTarget.of("subscription", next.id()), changedBefore, changedAfter));
    SubscriptionStatus was = current.map(Subscription::status).orElse(null);
    String key = next.id() + ":" + s.eventId();
    if (current.isEmpty()) {
      effects.add(new Effect.Emit(new BillingEvent.SubscriptionCreated("subscription-created:" + next.id(), s.org(),
          s.occurredAt(), next.id(), next.plan(), next.seats(), next.status(), next.trialEnd())));
    }
    if (next.status() == SubscriptionStatus.ACTIVE && was != SubscriptionStatus.ACTIVE) {
      effects.add(new Effect.Emit(new BillingEvent.SubscriptionActivated("subscription-activated:" + key, s.org(),
          s.occurredAt(), next.id(), next.plan())));
    }
    if (next.status() == SubscriptionStatus.CANCELED && was != SubscriptionStatus.CANCELED) {
      effects.add(new Effect.Emit(new BillingEvent.SubscriptionCanceled("subscription-canceled:" + next.id(), s.org(),
          s.occurredAt(), next.id(), "canceled")));
    }
    if (next.status() == SubscriptionStatus.INCOMPLETE_EXPIRED && was != SubscriptionStatus.INCOMPLETE_EXPIRED) {
      // Terminal, like a cancellation: a host that ends access or cleans up on a cancellation
      // must see it too. The reason tells it apart; its first invoice was never paid.
      effects.add(new Effect.Emit(new BillingEvent.SubscriptionCanceled("subscription-canceled:" + next.id(), s.org(),
          s.occurredAt(), next.id(), "incomplete_expired")));
    }
    if (current.isPresent() && (!current.get().plan().equals(next.plan()) || current.get().seats() != next.seats()
        || current.get().cancelAtPeriodEnd() != next.cancelAtPeriodEnd())) {
      effects.add(new Effect.Emit(new BillingEvent.SubscriptionChanged("subscription-changed:" + key, s.org(),
          s.occurredAt(), next.id(), next.plan(), next.seats(), next.cancelAtPeriodEnd())));
    }
    return new Reduction(Optional.of(next), Optional.empty(), effects, InboxEntry.Outcome.APPLIED);
  }

  private static Map<String, String> fields(Subscription s) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("status", s.status().name());
    f.put("plan", s.plan().toString());
    f.put("seats", Integer.toString(s.seats()));
    f.put("period", s.currentPeriod().start() + "/" + s.currentPeriod().end());
    f.put("trialEnd", s.trialEnd().map(Object::toString).orElse(""));
    f.put("cancelAtPeriodEnd", Boolean.toString(s.cancelAtPeriodEnd()));
    return f;
  }
}
