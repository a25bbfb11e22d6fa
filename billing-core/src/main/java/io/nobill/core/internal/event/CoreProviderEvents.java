package io.nobill.core.internal.event;

import io.nobill.core.access.Actor;
import io.nobill.core.access.Permission;
import io.nobill.core.audit.AuditTrail;
import io.nobill.core.catalog.Catalog;
import io.nobill.core.catalog.Plan;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.event.*;
import io.nobill.core.event.BillingEvent;
import io.nobill.core.id.SubscriptionId;
import io.nobill.core.internal.access.Access;
import io.nobill.core.internal.audit.CoreAuditTrail;
import io.nobill.core.internal.invoice.CoreInvoices;
import io.nobill.core.internal.ledger.CoreLedger;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.Invoices;
import io.nobill.core.ledger.Ledger;
import io.nobill.core.org.Organization;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.TenantTransaction;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Applies provider events: in one tenant transaction it deduplicates by event id (the
 * inbox), checks what the event refers to, runs {@link BillingReducer}, stores the new state
 * and carries out the effects — ledger entries, invoice transitions, audit entries, outbound
 * events. If anything fails, nothing is written and the event is not marked as seen, so the
 * provider's redelivery applies it later.
 */
public final class CoreProviderEvents implements ProviderEvents {

  private final BillingStore store;
  private final Clock clock;
  private final IdGenerator ids;
  private final Catalog catalog;
  private final CoreLedger ledger;
  private final CoreInvoices invoices;
  private final CoreAuditTrail audit;
  private final BiConsumer<TenantTransaction, BillingEvent> outbox;

  private final java.util.function.BiFunction<TenantTransaction, io.nobill.core.catalog.Period,
      java.util.Map<String, java.math.BigDecimal>> usage;

  private CoreProviderEvents(BillingStore store, Clock clock, IdGenerator ids, Catalog catalog, CoreLedger ledger, CoreInvoices invoices,
      BiConsumer<TenantTransaction, BillingEvent> outbox, java.util.function.BiFunction<TenantTransaction,
          io.nobill.core.catalog.Period, java.util.Map<String, java.math.BigDecimal>> usage) {
    this.usage = usage;
    this.store = store;
    this.clock = clock;
    this.ids = ids;
    this.catalog = catalog;
    this.ledger = ledger;
    this.invoices = invoices;
    this.audit = CoreAuditTrail.create(store, clock);
    this.outbox = outbox;
  }

  /**
   * @param outbox where outbound events are written, inside the event's transaction
   */
  public static CoreProviderEvents create(BillingStore store, Clock clock, IdGenerator ids, Catalog catalog, CoreLedger ledger,
      CoreInvoices invoices, BiConsumer<TenantTransaction, BillingEvent> outbox) {
    return create(store, clock, ids, catalog, ledger, invoices, outbox, (tx, period) -> java.util.Map.of());
  }

  /**
   * @param outbox where outbound events are written, inside the event's transaction
   * @param usage  every meter's usage over a period so far, so that a snapshot that would make
   *     the current period impossible to invoice is refused
   */
  public static CoreProviderEvents create(BillingStore store, Clock clock, IdGenerator ids, Catalog catalog, CoreLedger ledger,
      CoreInvoices invoices, BiConsumer<TenantTransaction, BillingEvent> outbox, java.util.function.BiFunction<TenantTransaction,
          io.nobill.core.catalog.Period, java.util.Map<String, java.math.BigDecimal>> usage) {
    return new CoreProviderEvents(Objects.requireNonNull(store, "store"), Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(ids, "ids"), Objects.requireNonNull(catalog, "catalog"), Objects.requireNonNull(ledger, "ledger"),
        Objects.requireNonNull(invoices, "invoices"), Objects.requireNonNull(outbox, "outbox"),
        Objects.requireNonNull(usage, "usage"));
  }

  /**
   * Applies {@code event} on behalf of {@code actor} (a provider, or NOBill's own billing job).
   *
   * @throws NotFoundException for an unknown organization, or a subscription, invoice or
   *     payment the event refers to that does not exist (yet: the provider's redelivery will retry)
   * @throws InvalidRequestException for a snapshot naming a plan not in the catalog or in
   *     another currency than the organization's, or an event stamped more than
   *     {@link #MAX_CLOCK_AHEAD} ahead of this instance's clock by a provider; for a refund in
   *     another currency than its payment's or exceeding what remains refundable of it (see
   *     {@link Ledger#record(Actor, io.nobill.core.id.OrgId, io.nobill.core.ledger.LedgerFact)})
   */
  @Override
  public Applied apply(Actor actor, ProviderEvent event) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(event, "event");
    // Events come from the billing authority: a provider's webhook or NOBill's own jobs. A
    // member's change is a command (Subscriptions), which applies its event as that member.
    if (!(actor instanceof Actor.Provider) && !(actor instanceof Actor.Job)) {
      throw new io.nobill.core.access.AccessDeniedException(actor.describe(), "provider.events", event.org());
    }
    // Whatever the actor, an event a host hands in comes from outside: it is checked as a
    // provider's would be.
    return store.inTenant(event.org(), tx -> apply(tx, actor, event, true));
  }

  /**
   * As {@link #apply(Actor, ProviderEvent)}, inside a running tenant transaction.
   *
   * @throws InvalidRequestException naming {@code event.org} for an event of another organization
   *     than the transaction's; nothing is written
   */
  public Applied apply(TenantTransaction tx, Actor actor, ProviderEvent event) {
    return apply(tx, actor, event, actor instanceof Actor.Provider);
  }

  /**
   * @param external whether the event comes from outside NOBill (a provider, or a host's own
   *     authority): its stamp and what it sets are checked; NOBill's own changes were checked
   *     as commands, or carry an accepted state forward, and are never refused
   */
  private Applied apply(TenantTransaction tx, Actor actor, ProviderEvent event, boolean external) {
    Objects.requireNonNull(tx, "tx");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(event, "event");
    // Effects are written through tx, which is bound to its organization: an event of another
    // organization would be booked into this one.
    if (!event.org().equals(tx.org())) {
      throw new InvalidRequestException("event.org", "must be the organization of the transaction, " + tx.org()
          + "; event " + event.eventId() + " names " + event.org());
    }
    Access.require(tx, actor, Permission.BILLING_MANAGE);
    // Snapshots are ordered by the authority's timestamp: a provider's stamped far ahead would
    // win over every real change until that time came, freezing the subscription. NOBill's own
    // changes are stamped after the state they replace (read under the organization's lock), so
    // they follow even a provider stamp at the limit.
    if (external) {
      java.time.Instant latest = clock.instant().plus(MAX_CLOCK_AHEAD);
      InvalidRequestException.require(!event.occurredAt().isAfter(latest), "occurredAt",
          "must not be more than " + MAX_CLOCK_AHEAD.toMinutes() + " minutes ahead of this instance's clock ("
              + event.occurredAt() + " is after " + latest + ")");
    }
    Organization org = tx.organization().find().orElseThrow(() -> new NotFoundException("organization", tx.org()));
    if (tx.inbox().find(event.eventId()).isPresent()) {
      return new Applied.Duplicate(event.eventId());
    }
    BillingReducer.State state = load(tx, external, org, event);
    BillingReducer.Reduction r = BillingReducer.reduce(state, event, ids.next(SubscriptionId::of));
    r.subscription().ifPresent(s -> {
      if (state.subscription().isPresent()) {
        tx.subscriptions().update(s);
      } else {
        tx.subscriptions().insert(s);
      }
    });
    r.paymentMethod().ifPresent(tx.subscriptions()::setPaymentMethod);
    for (BillingReducer.Effect effect : r.effects()) {
      carryOut(tx, actor, effect);
    }
    tx.inbox().insert(new InboxEntry(event.eventId(), event.getClass().getSimpleName(), event.objectId(),
        event.occurredAt(), clock.instant(), r.outcome()));
    return new Applied.Recorded(event.eventId(), r.outcome());
  }

  private BillingReducer.State load(TenantTransaction tx, boolean external, Organization org, ProviderEvent event) {
    if (event instanceof ProviderEvent.SubscriptionSnapshot s) {
      Plan plan = catalog.plan(s.plan()).orElseThrow(() -> new InvalidRequestException("plan",
          "must be a plan of the catalog; " + s.plan() + " is not"));
      InvalidRequestException.require(plan.sells(org.currency()), "plan",
          "must be sold in the organization's currency " + org.currency().getCurrencyCode() + "; " + s.plan() + " is sold in "
              + plan.currencies().stream().map(java.util.Currency::getCurrencyCode).toList());
      Optional<io.nobill.core.subscription.Subscription> current = tx.subscriptions().findByProviderId(s.objectId());
      if (!external) {
        // NOBill's own changes were checked as commands before they got here (members'), or
        // carry an accepted state forward (the engine's): refusing those would freeze billing.
        return new BillingReducer.State(current, Optional.empty(), Optional.empty());
      }
      // What a provider's snapshot sets is what every later renewal rates: refuse it now rather
      // than fail then.
      plan.seatLimit().ifPresent(limit -> InvalidRequestException.require(s.seats() <= limit, "seats",
          "must be at most " + limit + " on plan " + s.plan()));
      // The period's usage so far is billed at its end by the plan the snapshot sets.
      java.util.Map<String, java.math.BigDecimal> used = current.isPresent() && !current.get().status().isEnded()
          ? usage.apply(tx, current.get().currentPeriod()) : java.util.Map.of();
      io.nobill.core.rating.Rating.requireInvoiceable(plan.in(org.currency()), tx.overrides().pricing(), s.seats(), s.period(),
          used, "seats");
      return new BillingReducer.State(current, Optional.empty(), Optional.empty());
    }
    if (event instanceof ProviderEvent.SubscriptionDeleted || event instanceof ProviderEvent.TrialWillEnd) {
      return new BillingReducer.State(Optional.of(tx.subscriptions().findByProviderId(event.objectId())
          .orElseThrow(() -> new NotFoundException("subscription", event.objectId()))), Optional.empty(), Optional.empty());
    }
    if (event instanceof ProviderEvent.CheckoutCompleted || event instanceof ProviderEvent.PaymentMethodDetached) {
      return new BillingReducer.State(Optional.empty(), tx.subscriptions().paymentMethod(), Optional.empty());
    }
    if (event instanceof ProviderEvent.InvoiceFinalized f) {
      return invoiceState(tx, f.invoice());
    }
    if (event instanceof ProviderEvent.InvoicePaid p) {
      return invoiceState(tx, p.invoice());
    }
    if (event instanceof ProviderEvent.InvoicePaymentFailed f) {
      return invoiceState(tx, f.invoice());
    }
    return BillingReducer.State.EMPTY;
  }

  private static BillingReducer.State invoiceState(TenantTransaction tx, io.nobill.core.id.InvoiceId id) {
    Invoice invoice = tx.invoices().find(id).orElseThrow(() -> new NotFoundException("invoice", id));
    return new BillingReducer.State(Optional.empty(), Optional.empty(), Optional.of(invoice.status()));
  }

  private void carryOut(TenantTransaction tx, Actor actor, BillingReducer.Effect effect) {
    if (effect instanceof BillingReducer.Effect.Emit e) {
      outbox.accept(tx, e.event());
    } else if (effect instanceof BillingReducer.Effect.Audit a) {
      audit.record(tx, actor, a.action(), a.target(), a.before(), a.after());
    } else if (effect instanceof BillingReducer.Effect.FinalizeInvoice f) {
      Invoice finalized = invoices.finalizeDraft(tx, f.invoice());
      audit.record(tx, actor, "invoice.finalized", io.nobill.core.audit.AuditTarget.of("invoice", f.invoice()),
          java.util.Map.of("status", "DRAFT"), java.util.Map.of("status", finalized.status().name(),
              "number", finalized.number().orElse("")));
      outbox.accept(tx, new BillingEvent.InvoiceFinalized("invoice-finalized:" + f.invoice(), tx.org(), clock.instant(),
          f.invoice(), finalized.number().orElseThrow(), finalized.amountDue()));
    } else if (effect instanceof BillingReducer.Effect.PayInvoice p) {
      Invoice before = tx.invoices().find(p.invoice()).orElseThrow();
      Invoice paid = invoices.markPaid(tx, p.invoice(), p.payment());
      audit.record(tx, actor, "invoice.paid", io.nobill.core.audit.AuditTarget.of("invoice", p.invoice()),
          java.util.Map.of("status", before.status().name()), java.util.Map.of("status", paid.status().name()));
      outbox.accept(tx, new BillingEvent.InvoicePaid("invoice-paid:" + p.invoice(), tx.org(), clock.instant(), p.invoice(),
          before.amountDue()));
    } else if (effect instanceof BillingReducer.Effect.RecordFact f) {
      // Checked against the payment it names and audited as the provider's: see Ledger.record.
      ledger.record(tx, actor, f.fact());
    }
  }
}
