package io.nobill.core.internal;

import io.nobill.core.catalog.Catalog;
import io.nobill.core.event.BillingListener;
import io.nobill.core.event.DeliveryPolicy;
import io.nobill.core.internal.audit.CoreAuditTrail;
import io.nobill.core.internal.entitlement.CoreEntitlements;
import io.nobill.core.internal.entitlement.CoreOverrides;
import io.nobill.core.internal.event.CoreProviderEvents;
import io.nobill.core.internal.event.Outbox;
import io.nobill.core.internal.event.OutboxDelivery;
import io.nobill.core.internal.invoice.CoreInvoices;
import io.nobill.core.internal.ledger.CoreLedger;
import io.nobill.core.internal.org.CoreOrganizations;
import io.nobill.core.internal.subscription.BillingEngine;
import io.nobill.core.internal.subscription.CoreSubscriptions;
import io.nobill.core.internal.subscription.SubscriptionEntitlementSource;
import io.nobill.core.internal.usage.CoreUsage;
import io.nobill.core.internal.work.CoreBackgroundWork;
import io.nobill.core.internal.work.SweepItems;
import io.nobill.core.internal.work.WorkFailures;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.PaymentCollector;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.usage.UsageSettings;
import io.nobill.core.work.FailurePolicy;
import io.nobill.core.work.Sweep;
import io.nobill.core.work.SweepResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Wires the core's services for one {@code Billing}: the only place that knows which
 * implementation stands behind each API interface, and the only place that hands the store to
 * them. Not API: {@code Billing.builder()} is the way in.
 */
public final class BillingAssembly {
  public final BillingStore store;
  public final Outbox outbox;
  public final CoreLedger ledger;
  public final CoreInvoices invoices;
  public final CoreAuditTrail audit;
  public final CoreUsage usage;
  public final CoreProviderEvents events;
  public final BillingEngine engine;
  public final CoreSubscriptions subscriptions;
  public final CoreEntitlements entitlements;
  public final CoreOverrides overrides;
  public final CoreOrganizations organizations;
  public final CoreBackgroundWork work;

  /**
   * @param sweepWorkers  how many items a sweep processes at once (1: on the calling thread)
   * @param sweepExecutor where the workers run, if more than one; empty: threads made once here
   */
  public BillingAssembly(BillingStore store, Clock clock, IdGenerator ids, Map<String, BillingListener> listeners,
      Catalog catalog, TaxCalculator taxes, DeliveryPolicy deliveryPolicy, SubscriptionSettings settings,
      UsageSettings usageSettings, PaymentCollector collector, int sweepWorkers, Optional<Executor> sweepExecutor,
      FailurePolicy failurePolicy, io.nobill.core.invoice.InvoicingSettings invoicing) {
    // Made once, here: every run of every sweep shares these workers.
    SweepItems sweepItems = sweepExecutor.map(e -> SweepItems.of(sweepWorkers, e)).orElseGet(() -> SweepItems.of(sweepWorkers));
    this.ledger = CoreLedger.create(store, clock, ids);
    this.invoices = CoreInvoices.create(store, clock, ids, ledger, taxes, invoicing);
    // Every refund posted, from the API or a provider's event, is documented by a credit note.
    this.ledger.documentRefundsWith(invoices::refunded);
    this.audit = CoreAuditTrail.create(store, clock);
    this.store = store;
    this.outbox = Outbox.create(clock, ids, List.copyOf(listeners.keySet()));
    this.usage = CoreUsage.create(store, clock, catalog, usageSettings.lateWindow(), usageSettings.latePolicy(),
        CoreSubscriptions::current, accessGrace(settings), outbox::append);
    this.events = CoreProviderEvents.create(store, clock, ids, catalog, ledger, invoices, outbox::append, usage::usage);
    WorkFailures failures = WorkFailures.create(store, clock, failurePolicy, outbox::append);
    this.engine = BillingEngine.builder().store(store).clock(clock).ids(ids).catalog(catalog).invoices(invoices)
        .events(events).collector(collector).settings(settings).usage(usage)
        .outbox(outbox::append).sweepItems(sweepItems).failures(failures).build();
    this.subscriptions = CoreSubscriptions.create(store, catalog, engine, ledger, settings);
    this.entitlements = CoreEntitlements.create(store, clock,
        new SubscriptionEntitlementSource(catalog, accessGrace(settings), usage));
    this.overrides = CoreOverrides.create(store, clock, subscriptions::requirePricingFits);
    this.organizations = CoreOrganizations.create(store, clock, ids, ledger, audit, List.of(entitlements.seatLimitRule()),
        List.of(engine::startTrial), settings.seatsFollowMembers() ? List.of(subscriptions::followMembers) : List.of());
    // The sweeps in the order every run takes them. Outbox delivery comes first, so that
    // events waiting since the last run (from requests and from the other sweeps) go out
    // before the longer sweeps start. Each sweep records its failing items under its own name,
    // so that one failing item is retried after backoff and reported once stuck, while the
    // others go on.
    List<Sweep> sweeps = new ArrayList<>();
    sweeps.add(OutboxDelivery.create(store, clock, listeners, deliveryPolicy, Optional.of(failures)));
    sweeps.add(Sweep.of(BillingEngine.RENEWALS, () -> done(engine.renewDue(1_000))));
    sweeps.add(Sweep.of(BillingEngine.COLLECTION, () -> done(engine.collectDue(1_000))));
    sweeps.add(Sweep.of(CoreInvoices.REVENUE_RECOGNITION, () -> invoices.recognizeRevenue(1_000, sweepItems,
        Optional.of(failures))));
    this.work = CoreBackgroundWork.create(sweeps, Optional.of(failures));
  }

  /**
   * How long access outlasts a period that should have been renewed or paid: the grace period,
   * plus the time a period's invoice waits for late usage, so that access never lapses between
   * a period's end and its renewal on time.
   */
  private static Duration accessGrace(SubscriptionSettings settings) {
    return settings.gracePeriod().plus(settings.invoiceDelay());
  }

  private static SweepResult done(BillingEngine.SweepResult r) {
    return new SweepResult(r.processed(), r.failed(), r.skipped());
  }
}
