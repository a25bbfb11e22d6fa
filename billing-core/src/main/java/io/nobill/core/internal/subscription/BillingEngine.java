package io.nobill.core.internal.subscription;

import io.nobill.core.access.Actor;
import io.nobill.core.catalog.Catalog;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.event.BillingEvent;
import io.nobill.core.event.InboxEntry;
import io.nobill.core.event.ProviderEvent;
import io.nobill.core.event.ProviderEvents;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.SubscriptionId;
import io.nobill.core.internal.event.CoreProviderEvents;
import io.nobill.core.internal.invoice.CoreInvoices;
import io.nobill.core.internal.work.SweepItems;
import io.nobill.core.invoice.CollectionState;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceKey;
import io.nobill.core.invoice.InvoiceRequest;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.invoice.Invoices;
import io.nobill.core.invoice.RatedInvoice;
import io.nobill.core.org.Organization;
import io.nobill.core.rating.DiscountApplication;
import io.nobill.core.rating.Rating;
import io.nobill.core.rating.RatingInput;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.PaymentCollector;
import io.nobill.core.spi.TenantTransaction;
import io.nobill.core.subscription.*;
import io.nobill.core.text.TextPolicy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NOBill as the billing authority: it starts trials, ends them, renews periods, invoices
 * (in advance for flat fees and seats, in arrears for usage, with pending prorations), and
 * collects through a {@link PaymentCollector}, retrying failed payments on a schedule.
 *
 * <p>It changes no state itself: every change is a {@link ProviderEvent} it applies through
 * the reducer, exactly as a Stripe webhook would be. Its event ids are derived from the
 * subscription's version or the invoice and attempt, so running a sweep twice — or on two
 * instances at once — applies each change once: the second attempt is a duplicate.
 */
public final class BillingEngine {
  private static final Logger LOG = LoggerFactory.getLogger(BillingEngine.class);
  /** The actor the engine applies its events as. */
  public static final Actor ACTOR = Actor.job("billing-engine");
  /** How long a collection attempt is claimed before another instance may try it. */
  private static final Duration COLLECTION_LEASE = Duration.ofMinutes(5);
  /**
   * How long a new subscription whose first payment failed stays {@code incomplete} before it
   * expires, as Stripe's: 23 hours after it was created.
   */
  public static final Duration INCOMPLETE_WINDOW = Duration.ofHours(23);
  /** A collector's failure code is the collector's text, not a caller's: kept, made storable, cut to this. */
  private static final int MAX_FAILURE_CODE = 200;

  private final BillingStore store;
  private final Clock clock;
  private final IdGenerator ids;
  private final Catalog catalog;
  private final CoreInvoices invoices;
  private final CoreProviderEvents events;
  private final PaymentCollector collector;
  private final SubscriptionSettings settings;
  private final UsageSource usage;
  private final BiConsumer<TenantTransaction, BillingEvent> outbox;
  private final SweepItems items;
  private final Optional<io.nobill.core.internal.work.WorkFailures> failures;

  private BillingEngine(Builder b) {
    this.store = b.store;
    this.clock = b.clock;
    this.ids = b.ids;
    this.catalog = b.catalog;
    this.invoices = b.invoices;
    this.events = b.events;
    this.collector = b.collector;
    this.settings = b.settings;
    this.usage = b.usage;
    this.outbox = b.outbox;
    this.items = b.items != null ? b.items : SweepItems.of(b.sweepWorkers);
    this.failures = Optional.ofNullable(b.failures);
  }

  /** The outcome of one sweep. */
  public record SweepResult(int processed, int failed, int skipped) {}

  // ---- trials --------------------------------------------------------------------------

  /**
   * Starts the configured trial for a newly provisioned organization, in its provisioning
   * transaction. Does nothing when no trial plan is configured.
   */
  public void startTrial(TenantTransaction tx, Organization org) {
    if (settings.trialPlan().isEmpty()) {
      return;
    }
    Plan plan = catalog.latest(settings.trialPlan().get()).orElseThrow(() -> new InvalidRequestException("trialPlan",
        "must be a plan of the catalog; '" + settings.trialPlan().get() + "' is not"));
    InvalidRequestException.require(plan.sells(org.currency()), "currency",
        "must be a currency the trial plan " + plan.ref() + " is sold in " + codes(plan));
    InvalidRequestException.require(plan.trialDays() > 0, "trialPlan", "must have trial days");
    Instant now = clock.instant();
    Instant end = now.plus(Duration.ofDays(plan.trialDays()));
    String providerId = "nobill_" + ids.next();
    events.apply(tx, ACTOR, new ProviderEvent.SubscriptionSnapshot(eventId(providerId, 0, "trial-started"), org.id(),
        providerId, now, SubscriptionStatus.TRIALING, plan.ref(), 1, new Period(now, end), Optional.of(end), false));
  }

  // ---- renewals --------------------------------------------------------------------------

  /**
   * Ends trials, renews periods that ended, and collects what that invoiced. Each due
   * subscription is processed in its own transaction; a failure is logged and left for the
   * next run.
   */
  public SweepResult renewDue(int limit) {
    Instant now = clock.instant();
    // Periods are due once their invoice delay passed; trials at their notice.
    List<Map.Entry<OrgId, SubscriptionId>> due = store.inPlatform(tx -> tx.dueSubscriptions(
        now.minus(settings.invoiceDelay()), settings.trialWillEndNotice().plus(settings.invoiceDelay()), limit));
    // An organization's items run in order on one worker; one another instance's sweep holds
    // right now is left for the next run.
    SweepItems.Counts counts = forEach(RENEWALS, due, item -> {
      Optional<Optional<InvoiceId>> renewed = store.inTenantUnlessBusy(item.getKey(), tx -> renew(tx, item.getValue()));
      renewed.flatMap(i -> i).ifPresent(invoice -> collectAfterRenewal(item.getKey(), invoice));
      return renewed.isPresent();
    }, (item, e) -> LOG.warn("renewing subscription {} of organization {} failed; will retry", item.getValue(),
        item.getKey(), e));
    return new SweepResult(counts.done(), counts.failed(), counts.skipped());
  }

  /**
   * Collects what a renewal invoiced. The renewal has committed: a failing collection is the
   * collection's failure, recorded under {@link #COLLECTION} for the invoice (whose claim runs
   * out, so the collection sweep retries it), not the renewal's.
   */
  private void collectAfterRenewal(OrgId org, InvoiceId invoice) {
    try {
      collect(org, invoice);
    } catch (Throwable e) {
      if (SweepItems.isFatal(e) || failures.isEmpty()) {
        throw e;
      }
      failures.get().failed(org, COLLECTION, invoice.toString(), e);
    }
  }

  /** Brings one subscription up to date at the current instant; returns the invoice to collect, if any. */
  private Optional<InvoiceId> renew(TenantTransaction tx, SubscriptionId id) {
    Instant now = clock.instant();
    Subscription sub = tx.subscriptions().find(id).orElseThrow(() -> new NotFoundException("subscription", id));
    if (sub.status() == SubscriptionStatus.TRIALING && sub.trialEnd().isPresent()) {
      Instant trialEnd = sub.trialEnd().get();
      if (trialEnd.isAfter(now)) {
        // The notice names the trial end it is about, so that an extended trial is noticed again.
        events.apply(tx, ACTOR, new ProviderEvent.TrialWillEnd(eventId(sub.providerId(), 0, trialWillEndAction(trialEnd)),
            sub.org(), sub.providerId(), now, trialEnd));
        return Optional.empty();
      }
      if (tx.subscriptions().paymentMethod().flatMap(PaymentMethodRecord::reference).isEmpty()) {
        events.apply(tx, ACTOR, new ProviderEvent.SubscriptionDeleted(eventId(sub.providerId(), sub.version() + 1,
            "trial-expired"), sub.org(), sub.providerId(), now));
        return Optional.empty();
      }
      return convertTrial(tx, ACTOR, sub, trialEnd, "trial-converted");
    }
    if ((sub.status() == SubscriptionStatus.ACTIVE || sub.status() == SubscriptionStatus.PAST_DUE)
        && !sub.currentPeriod().end().plus(settings.invoiceDelay()).isAfter(now)) {
      Period ended = sub.currentPeriod();
      if (sub.cancelAtPeriodEnd()) {
        // The last invoice bills the ended period's usage and prorations only.
        Optional<InvoiceId> last = invoice(tx, sub, planOf(tx, sub.plan()), Optional.empty(), Optional.of(ended),
            InvoiceKey.of(id, InvoiceKey.Kind.ARREARS, ended));
        events.apply(tx, ACTOR, new ProviderEvent.SubscriptionDeleted(eventId(sub.providerId(), sub.version() + 1,
            "ended-at-period-end"), sub.org(), sub.providerId(), ended.end()));
        return last;
      }
      BillingSchedule schedule = tx.subscriptions().schedule(id);
      Plan next = planOf(tx, schedule.scheduledPlan().orElse(sub.plan()));
      Plan old = planOf(tx, sub.plan());
      // Periods are counted from the anchor, never from the previous end, so that a
      // subscription anchored on Jan 31 renews on Feb 28 and then on Mar 31.
      Instant anchor = schedule.anchor().orElse(ended.start());
      Period period = nextPeriod(next, anchor, ended);
      snapshot(tx, sub, sub.status(), next.ref(), sub.seats(), period, false, "renewed");
      tx.subscriptions().setSchedule(schedule.withScheduledPlan(Optional.empty()).withAnchor(anchor));
      // Usage of the ended period is priced by the plan it was used under.
      Optional<InvoiceId> arrears = next.ref().equals(old.ref()) ? Optional.empty()
          : invoice(tx, current(tx, id), old, Optional.empty(), Optional.of(ended),
              InvoiceKey.of(id, InvoiceKey.Kind.ARREARS, ended));
      Optional<InvoiceId> advance = invoice(tx, current(tx, id), next, Optional.of(period),
          next.ref().equals(old.ref()) ? Optional.of(ended) : Optional.empty(),
          InvoiceKey.of(id, InvoiceKey.Kind.ADVANCE, period));
      return advance.or(() -> arrears);
    }
    return Optional.empty();
  }

  /**
   * The action naming a trial-will-end notice: it names the trial end, so that the notice for
   * an extended trial's new end is a new event, not a duplicate of the first. (A trial noticed
   * under the earlier name, before this rule, may be noticed once more: the outbound event
   * carries the same key, which listeners deduplicate on.)
   */
  private static String trialWillEndAction(Instant trialEnd) {
    return "trial-will-end-" + trialEnd.getEpochSecond();
  }

  /**
   * Ends a trial at {@code start} (its end, or now when ended early): the subscription becomes
   * active, its first period starts at {@code start} and is invoiced in advance. With a billing
   * anchor set after {@code start}, the first period runs to the anchor and is charged prorated.
   * Returns the invoice to collect.
   */
  Optional<InvoiceId> convertTrial(TenantTransaction tx, Actor actor, Subscription sub, Instant start, String action) {
    Plan plan = planOf(tx, sub.plan());
    BillingSchedule schedule = tx.subscriptions().schedule(sub.id());
    Period first = firstPeriod(plan, start, schedule.anchor());
    ProviderEvents.Applied applied = events.apply(tx, actor, new ProviderEvent.SubscriptionSnapshot(
        eventId(sub.providerId(), sub.version() + 1, action), sub.org(), sub.providerId(), stampAfter(sub.lastChangeAt()),
        SubscriptionStatus.ACTIVE, sub.plan(), sub.seats(), first, Optional.of(start), sub.cancelAtPeriodEnd()));
    requireApplied(applied, sub.id());
    return invoiceFirstPeriod(tx, current(tx, sub.id()), plan, first);
  }

  /**
   * The first paid period from {@code start}: to the billing anchor when one lies after
   * {@code start} within one interval, else one full interval.
   */
  static Period firstPeriod(Plan plan, Instant start, Optional<Instant> anchor) {
    Instant full = plan.interval().boundary(start, 1);
    return anchor.filter(a -> a.isAfter(start) && a.isBefore(full)).map(a -> new Period(start, a))
        .orElseGet(() -> new Period(start, full));
  }

  /**
   * Invoices a subscription's first period and anchors its billing cycle. A full period is
   * billed in advance; a stub to the anchor is charged as the remaining time of the anchored
   * period that ends with it, as Stripe prorates to a {@code billing_cycle_anchor}.
   */
  Optional<InvoiceId> invoiceFirstPeriod(TenantTransaction tx, Subscription sub, Plan plan, Period first) {
    BillingSchedule schedule = tx.subscriptions().schedule(sub.id());
    Instant full = plan.interval().boundary(first.start(), 1);
    InvoiceKey key = InvoiceKey.of(sub.id(), InvoiceKey.Kind.ADVANCE, first);
    if (first.end().equals(full)) {
      tx.subscriptions().setSchedule(schedule.withAnchor(first.start()));
      return invoice(tx, sub, plan, Optional.of(first), Optional.empty(), key);
    }
    Period anchored = new Period(plan.interval().boundary(first.end(), -1), first.end());
    Plan nothing = withoutPrices(plan);
    List<io.nobill.core.rating.ProrationItem> stub = new java.util.ArrayList<>(schedule.pendingProrations());
    stub.addAll(io.nobill.core.rating.Proration.forChange(nothing, PricingOverrides.NONE, sub.seats(), plan,
        tx.overrides().pricing(), sub.seats(), anchored, first.start()));
    tx.subscriptions().setSchedule(schedule.withAnchor(first.end()).withPendingProrations(stub));
    return invoice(tx, sub, plan, Optional.empty(), Optional.empty(), key);
  }

  /**
   * The version {@code ref} of a plan as sold in the currency of the organization in scope: the
   * prices every invoice, preview and proration of that organization is rated with.
   */
  Plan planOf(TenantTransaction tx, io.nobill.core.catalog.PlanRef ref) {
    Organization org = tx.organization().find().orElseThrow(() -> new NotFoundException("organization", tx.org()));
    return catalog.require(ref).in(org.currency());
  }

  /** The currency codes {@code plan} is sold in, for messages. */
  static java.util.List<String> codes(Plan plan) {
    return plan.currencies().stream().map(java.util.Currency::getCurrencyCode).toList();
  }

  /** {@code plan} with no prices: what a subscription is charged before it starts or after it ends. */
  static Plan withoutPrices(Plan plan) {
    return Plan.builder(plan.key(), plan.version()).name(plan.name()).currency(plan.currency().getCurrencyCode())
        .interval(plan.interval()).build();
  }

  /** The period after {@code ended}, counted from {@code anchor} on {@code next}'s interval. */
  private static Period nextPeriod(Plan next, Instant anchor, Period ended) {
    Period counted = next.interval().periodContaining(anchor, ended.end());
    Instant end = counted.end().isAfter(ended.end()) ? counted.end() : next.interval().boundary(ended.end(), 1);
    return new Period(ended.end(), end);
  }

  /**
   * The request for the next invoice the engine would make for {@code sub} if its period (or
   * trial) ended now with nothing else changed, rated exactly as {@link #invoice} rates it:
   * the first period at a trial's end; at a period end the next period in advance, the
   * current one's usage to date in arrears, the pending prorations and the discounts that
   * still apply; for a subscription set to cancel, its last invoice. With a plan change
   * scheduled the period end makes two invoices, the old plan's usage and the prorations
   * first: that one is returned. Empty when nothing would be billed, or the subscription
   * bills nothing (paused, unpaid, incomplete, ended).
   */
  Optional<InvoiceRequest> upcoming(TenantTransaction tx, Subscription sub) {
    BillingSchedule schedule = tx.subscriptions().schedule(sub.id());
    Plan plan = planOf(tx, sub.plan());
    if (sub.status() == SubscriptionStatus.TRIALING) {
      Instant start = sub.trialEnd().orElse(sub.currentPeriod().end());
      Period first = firstPeriod(plan, start, schedule.anchor());
      if (first.end().equals(plan.interval().boundary(start, 1))) {
        return request(tx, plan, rate(tx, schedule, plan, sub.seats(), Optional.of(first), Optional.empty(),
            schedule.pendingProrations()));
      }
      List<io.nobill.core.rating.ProrationItem> stub = new java.util.ArrayList<>(schedule.pendingProrations());
      stub.addAll(io.nobill.core.rating.Proration.forChange(withoutPrices(plan), PricingOverrides.NONE, sub.seats(), plan,
          tx.overrides().pricing(), sub.seats(), new Period(plan.interval().boundary(first.end(), -1), first.end()),
          first.start()));
      return request(tx, plan, rate(tx, schedule, plan, sub.seats(), Optional.empty(), Optional.empty(), stub));
    }
    if (sub.status() != SubscriptionStatus.ACTIVE && sub.status() != SubscriptionStatus.PAST_DUE) {
      return Optional.empty();
    }
    Period ended = sub.currentPeriod();
    Plan next = planOf(tx, schedule.scheduledPlan().orElse(sub.plan()));
    if (sub.cancelAtPeriodEnd() || !next.ref().equals(plan.ref())) {
      return request(tx, plan, rate(tx, schedule, plan, sub.seats(), Optional.empty(), Optional.of(ended),
          schedule.pendingProrations()));
    }
    Period period = nextPeriod(next, schedule.anchor().orElse(ended.start()), ended);
    return request(tx, next, rate(tx, schedule, next, sub.seats(), Optional.of(period), Optional.of(ended),
        schedule.pendingProrations()));
  }

  /** {@code request} computed as an invoice of {@code org}, taxes included, and not stored. */
  Invoice preview(Actor actor, OrgId org, InvoiceRequest request) {
    return invoices.preview(actor, org, request);
  }

  /** Rates what {@link #invoice} bills; empty when there is nothing to bill. */
  private Optional<RatedInvoice> rate(TenantTransaction tx, BillingSchedule schedule, Plan plan, int seats,
      Optional<Period> advance, Optional<Period> arrears, List<io.nobill.core.rating.ProrationItem> prorations) {
    if (advance.isEmpty() && arrears.isEmpty() && prorations.isEmpty()) {
      return Optional.empty();
    }
    PricingOverrides overrides = tx.overrides().pricing();
    List<RatingInput.EarlierUsage> earlier = new java.util.ArrayList<>();
    Optional<Period> usagePeriod = arrears;
    if (arrears.isPresent()) {
      Instant from = arrears.get().start();
      for (BillingSchedule.PlanChange change : schedule.planChanges()) {
        Instant split = usageSplit(change.at(), arrears.get());
        if (split.isAfter(from) && split.isBefore(arrears.get().end())) {
          Plan was = planOf(tx, change.from());
          Period part = new Period(from, split);
          Map<String, BigDecimal> before = pricedUsage(tx, was, part);
          before.keySet().removeIf(this::countedPerPeriod);
          earlier.add(new RatingInput.EarlierUsage(was, part, before));
          from = split;
        }
      }
      usagePeriod = Optional.of(new Period(from, arrears.get().end()));
    }
    Map<String, BigDecimal> used = usagePeriod.map(p -> pricedUsage(tx, plan, p)).orElse(Map.of());
    if (!earlier.isEmpty()) {
      // A unique count is kept per period, not per hour: the period's count is the plan's at its end.
      pricedUsage(tx, plan, arrears.get()).forEach((meter, q) -> {
        if (countedPerPeriod(meter)) {
          used.put(meter, q);
        }
      });
    }
    List<DiscountApplication> discounts = schedule.discountApplications(overrides.discounts());
    RatedInvoice rated = Rating.rate(new RatingInput(plan, overrides, advance, seats, arrears, used, prorations, discounts,
        earlier));
    return rated.lines().isEmpty() ? Optional.empty() : Optional.of(rated);
  }

  /** Whether {@code meter}'s usage is kept per period (a unique count) and cannot be split within one. */
  private boolean countedPerPeriod(String meter) {
    return catalog.meter(meter).map(m -> m.aggregation() == io.nobill.core.catalog.Aggregation.UNIQUE_COUNT)
        .orElse(false);
  }

  /** The usage over {@code period} of the meters {@code plan} prices. */
  private Map<String, BigDecimal> pricedUsage(TenantTransaction tx, Plan plan, Period period) {
    Map<String, BigDecimal> used = new HashMap<>();
    usage.usage(tx, period).forEach((meter, q) -> {
      if (plan.pricedMeters().contains(meter)) {
        used.put(meter, q);
      }
    });
    return used;
  }

  /**
   * Where a plan change made at {@code at} splits {@code period}'s usage: the end of the UTC
   * hour containing it (the change itself when on the hour), because usage is kept as hourly
   * rollups — usage in the hour of the change is rated on the old plan. Never past the period's end.
   */
  static Instant usageSplit(Instant at, Period period) {
    Instant hour = at.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    Instant split = hour.equals(at) ? at : hour.plus(Duration.ofHours(1));
    return split.isAfter(period.end()) ? period.end() : split;
  }

  /** The invoice request for {@code rated}: the organization's tax profile, due at once with a card on file, else in 14 days. */
  private Optional<InvoiceRequest> request(TenantTransaction tx, Plan plan, Optional<RatedInvoice> rated) {
    if (rated.isEmpty()) {
      return Optional.empty();
    }
    Organization org = tx.organization().find().orElseThrow(() -> new NotFoundException("organization", tx.org()));
    boolean card = tx.subscriptions().paymentMethod().flatMap(PaymentMethodRecord::reference).isPresent();
    return Optional.of(new InvoiceRequest(rated.get(), Optional.of(plan.ref()),
        org.taxProfile(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)), plan.taxBehavior(), card ? 0 : 14));
  }

  /**
   * Rates, drafts and finalizes an invoice for a subscription: {@code advance} billed in
   * advance, {@code arrears} usage billed in arrears, and the pending prorations. Empty when
   * there is nothing to bill, or when {@code key} is invoiced already: the store holds each key
   * once, so a period is never billed twice, whatever the timing.
   */
  Optional<InvoiceId> invoice(TenantTransaction tx, Subscription sub, Plan plan, Optional<Period> advance,
      Optional<Period> arrears, InvoiceKey key) {
    Optional<Invoice> billed = tx.invoices().findByKey(key);
    if (billed.isPresent()) {
      LOG.warn("{} of organization {} is invoiced already, by invoice {}; not invoicing it again", key, sub.org(),
          billed.get().id());
      return Optional.empty();
    }
    BillingSchedule schedule = tx.subscriptions().schedule(sub.id());
    Optional<InvoiceRequest> request = request(tx, plan, rate(tx, schedule, plan, sub.seats(), advance, arrears,
        schedule.pendingProrations()));
    if (request.isEmpty()) {
      return Optional.empty();
    }
    RatedInvoice rated = request.get().rated();
    Invoice draft = invoices.draft(tx, request.get(), key);
    events.apply(tx, ACTOR, new ProviderEvent.InvoiceFinalized("nobill:" + draft.id() + ":finalized", sub.org(),
        draft.id(), clock.instant()));
    Map<String, Integer> applied = new HashMap<>(schedule.discountsApplied());
    rated.discountsApplied().forEach(k -> applied.merge(k, 1, Integer::sum));
    BillingSchedule spent = tx.subscriptions().schedule(sub.id()).withPendingProrations(List.of())
        .withDiscountsApplied(applied);
    // The plan changes split the usage they were made in; once it is invoiced they are spent.
    tx.subscriptions().setSchedule(arrears.isPresent() ? spent.withoutPlanChanges() : spent);
    Invoice finalized = tx.invoices().find(draft.id()).orElseThrow();
    if (finalized.status() == InvoiceStatus.OPEN) {
      tx.invoices().setCollection(CollectionState.due(draft.id(), Optional.of(sub.id()), clock.instant()));
      return Optional.of(draft.id());
    }
    return Optional.empty();
  }

  // ---- collection and dunning -------------------------------------------------------------

  /** Collects every invoice whose next attempt is due: first attempts and dunning retries. */
  public SweepResult collectDue(int limit) {
    Instant now = clock.instant();
    List<Map.Entry<OrgId, InvoiceId>> due = store.inPlatform(tx -> tx.dueCollections(now, limit));
    SweepItems.Counts counts = forEach(COLLECTION, due, item -> collectUnlessBusy(item.getKey(), item.getValue()),
        (item, e) -> LOG.warn("collecting invoice {} of organization {} failed; will retry", item.getValue(),
            item.getKey(), e));
    return new SweepResult(counts.done(), counts.failed(), counts.skipped());
  }

  /**
   * One collection attempt: claimed in a transaction, made outside any transaction, and its
   * outcome applied as provider events in another.
   */
  void collect(OrgId org, InvoiceId invoice) {
    attempt(org, store.inTenant(org, tx -> claim(tx, invoice)), false);
  }

  /**
   * Collects a new subscription's first invoice, made by {@code subscribe} without a trial: if
   * the card is declined the subscription becomes {@code incomplete} (no access, no dunning)
   * instead of past due, and expires {@link #INCOMPLETE_WINDOW} after it started unless a later
   * attempt succeeds — Stripe's {@code payment_behavior=allow_incomplete}. An invoice that is
   * not collected by card (a {@code Pending} result: invoices sent to be paid later, Stripe's
   * {@code send_invoice}) leaves the subscription active.
   */
  void collectFirst(OrgId org, InvoiceId invoice) {
    attempt(org, store.inTenant(org, tx -> claim(tx, invoice)), true);
  }

  /**
   * Retries the first invoice of the organization's incomplete subscription now (a working
   * card was put on file): due at once, and collected after the caller's transaction commits
   * with the invoice returned. Empty when the subscription is not incomplete or the invoice is
   * not open.
   */
  Optional<InvoiceId> retryIncomplete(TenantTransaction tx, Subscription sub) {
    if (sub.status() != SubscriptionStatus.INCOMPLETE) {
      return Optional.empty();
    }
    return firstInvoice(tx, sub).filter(i -> i.status() == InvoiceStatus.OPEN).flatMap(i -> tx.invoices()
        .collection(i.id()).map(s -> {
          tx.invoices().setCollection(new CollectionState(i.id(), s.subscription(), s.attempts(), s.firstFailureAt(),
              Optional.of(clock.instant()), s.lastFailure()));
          return i.id();
        }));
  }

  /** The invoice of an incomplete subscription's first period: the one its status waits on. */
  private static Optional<Invoice> firstInvoice(TenantTransaction tx, Subscription sub) {
    return tx.invoices().findByKey(InvoiceKey.of(sub.id(), InvoiceKey.Kind.ADVANCE, sub.currentPeriod()));
  }

  /**
   * Ends an incomplete subscription whose window passed: status {@code incomplete_expired} and
   * its first invoice voided, as Stripe voids it; nothing is charged. Runs under the
   * organization's lock on the state read there, and the snapshot's id is derived from the
   * subscription's version, so two instances (whatever their clocks) expire it once: the
   * second finds it expired and the invoice void.
   */
  private void expireIncomplete(TenantTransaction tx, Subscription sub, InvoiceId invoice) {
    snapshot(tx, sub, SubscriptionStatus.INCOMPLETE_EXPIRED, sub.plan(), sub.seats(), sub.currentPeriod(),
        sub.cancelAtPeriodEnd(), "incomplete-expired");
    Invoice open = tx.invoices().find(invoice).orElseThrow();
    if (open.status() == InvoiceStatus.OPEN || open.status() == InvoiceStatus.UNCOLLECTIBLE) {
      // A finalized invoice carries a number from a gap-free series: it is voided, with a credit
      // note documenting the void, never deleted.
      invoices.voidInvoice(tx, ACTOR, invoice);
    }
    CollectionState s = tx.invoices().collection(invoice).orElseThrow();
    tx.invoices().setCollection(new CollectionState(invoice, s.subscription(), s.attempts(), s.firstFailureAt(),
        Optional.empty(), s.lastFailure()));
  }

  /** As {@link #collect}, unless the organization is busy; false when it was, and nothing was claimed. */
  private boolean collectUnlessBusy(OrgId org, InvoiceId invoice) {
    Optional<Optional<PaymentCollector.CollectionRequest>> claimed = store.inTenantUnlessBusy(org, tx -> claim(tx, invoice));
    claimed.ifPresent(request -> attempt(org, request, false));
    return claimed.isPresent();
  }

  /** Makes a claimed attempt, outside any transaction, and applies its outcome. */
  private void attempt(OrgId org, Optional<PaymentCollector.CollectionRequest> request, boolean first) {
    if (request.isEmpty()) {
      return;
    }
    PaymentCollector.Result result = collector.collect(request.get());
    store.inTenant(org, tx -> {
      settle(tx, request.get(), result, first);
      return null;
    });
  }

  private Optional<PaymentCollector.CollectionRequest> claim(TenantTransaction tx, InvoiceId id) {
    Instant now = clock.instant();
    Optional<CollectionState> state = tx.invoices().collection(id);
    Invoice invoice = tx.invoices().find(id).orElseThrow(() -> new NotFoundException("invoice", id));
    if (state.isEmpty() || state.get().nextAttemptAt().isEmpty() || state.get().nextAttemptAt().get().isAfter(now)
        || !(invoice.status() == InvoiceStatus.OPEN || invoice.status() == InvoiceStatus.UNCOLLECTIBLE)) {
      return Optional.empty();
    }
    CollectionState s = state.get();
    Optional<Subscription> incomplete = s.subscription().flatMap(tx.subscriptions()::find)
        .filter(x -> x.status() == SubscriptionStatus.INCOMPLETE);
    if (incomplete.isPresent() && !now.isBefore(incomplete.get().currentPeriod().start().plus(INCOMPLETE_WINDOW))) {
      // An incomplete subscription's invoice is due again at its expiry: it is not charged then, it expires.
      expireIncomplete(tx, incomplete.get(), id);
      return Optional.empty();
    }
    tx.invoices().setCollection(new CollectionState(id, s.subscription(), s.attempts(), s.firstFailureAt(),
        Optional.of(now.plus(COLLECTION_LEASE)), s.lastFailure()));
    return Optional.of(new PaymentCollector.CollectionRequest(tx.org(), id, invoice.amountDue(),
        tx.subscriptions().paymentMethod().flatMap(PaymentMethodRecord::reference), s.attempts() + 1));
  }

  private void settle(TenantTransaction tx, PaymentCollector.CollectionRequest request, PaymentCollector.Result result,
      boolean first) {
    Instant now = clock.instant();
    InvoiceId id = request.invoice();
    CollectionState s = tx.invoices().collection(id).orElseThrow();
    Optional<Subscription> sub = s.subscription().flatMap(tx.subscriptions()::find);
    int attempt = request.attempt();
    if (result instanceof PaymentCollector.Result.Succeeded ok) {
      events.apply(tx, ACTOR, new ProviderEvent.InvoicePaid("nobill:" + id + ":paid", tx.org(), id, now, ok.payment()));
      tx.invoices().setCollection(new CollectionState(id, s.subscription(), attempt, s.firstFailureAt(), Optional.empty(),
          s.lastFailure()));
      sub.filter(x -> x.status() == SubscriptionStatus.PAST_DUE || x.status() == SubscriptionStatus.UNPAID
              || x.status() == SubscriptionStatus.INCOMPLETE)
          .ifPresent(x -> snapshot(tx, x, SubscriptionStatus.ACTIVE, x.plan(), x.seats(), x.currentPeriod(),
              x.cancelAtPeriodEnd(), "recovered"));
    } else if (result instanceof PaymentCollector.Result.Failed failure
        && sub.filter(x -> x.status() == SubscriptionStatus.INCOMPLETE
            || (first && x.status() == SubscriptionStatus.ACTIVE)).isPresent()) {
      // A new subscription's first payment: no dunning. It waits, incomplete, for a working
      // payment method until its window ends; the invoice is due again then, to expire it.
      Subscription x = sub.get();
      Instant expires = x.currentPeriod().start().plus(INCOMPLETE_WINDOW);
      tx.invoices().setCollection(new CollectionState(id, s.subscription(), attempt, Optional.of(s.firstFailureAt()
          .orElse(now)), Optional.of(expires), Optional.of(TextPolicy.sanitize(failure.code(), MAX_FAILURE_CODE))));
      events.apply(tx, ACTOR, new ProviderEvent.InvoicePaymentFailed("nobill:" + id + ":failed:" + attempt, tx.org(), id,
          now, attempt, Optional.empty()));
      if (x.status() == SubscriptionStatus.ACTIVE) {
        snapshot(tx, x, SubscriptionStatus.INCOMPLETE, x.plan(), x.seats(), x.currentPeriod(), x.cancelAtPeriodEnd(),
            "incomplete");
      }
    } else if (result instanceof PaymentCollector.Result.Failed failure) {
      Instant firstFailure = s.firstFailureAt().orElse(now);
      List<Duration> schedule = settings.retrySchedule();
      Optional<Instant> next = attempt <= schedule.size() ? Optional.of(firstFailure.plus(schedule.get(attempt - 1)))
          : Optional.empty();
      tx.invoices().setCollection(new CollectionState(id, s.subscription(), attempt, Optional.of(firstFailure), next,
          Optional.of(TextPolicy.sanitize(failure.code(), MAX_FAILURE_CODE))));
      events.apply(tx, ACTOR, new ProviderEvent.InvoicePaymentFailed("nobill:" + id + ":failed:" + attempt, tx.org(), id,
          now, attempt, next));
      if (next.isPresent()) {
        outbox.accept(tx, new BillingEvent.DunningStep("dunning:" + id + ":" + attempt, tx.org(), now, id, attempt,
            "retry scheduled for " + next.get()));
        sub.filter(x -> x.status() == SubscriptionStatus.ACTIVE).ifPresent(x -> snapshot(tx, x, SubscriptionStatus.PAST_DUE,
            x.plan(), x.seats(), x.currentPeriod(), x.cancelAtPeriodEnd(), "past-due"));
      } else {
        String action = settings.finalAction() == SubscriptionSettings.FinalAction.CANCEL ? "canceled" : "marked unpaid";
        outbox.accept(tx, new BillingEvent.DunningStep("dunning:" + id + ":final", tx.org(), now, id, attempt, action));
        sub.filter(x -> !x.status().isEnded()).ifPresent(x -> {
          if (settings.finalAction() == SubscriptionSettings.FinalAction.CANCEL) {
            events.apply(tx, ACTOR, new ProviderEvent.SubscriptionDeleted(eventId(x.providerId(), x.version() + 1,
                "dunning-canceled"), tx.org(), x.providerId(), now));
          } else {
            snapshot(tx, x, SubscriptionStatus.UNPAID, x.plan(), x.seats(), x.currentPeriod(), x.cancelAtPeriodEnd(),
                "unpaid");
          }
        });
      }
    } else {
      // Pending: the invoice waits to be marked paid (bank transfer); no retries.
      tx.invoices().setCollection(new CollectionState(id, s.subscription(), attempt, s.firstFailureAt(), Optional.empty(),
          s.lastFailure()));
    }
  }

  // ---- helpers ---------------------------------------------------------------------------

  /** The kinds of work the engine's sweeps record failures under: their sweep names. */
  public static final String RENEWALS = "subscription-renewals";
  public static final String COLLECTION = "payment-collection";

  /**
   * Runs a sweep's items: with failure tracking when the engine has it (a failing item is
   * recorded, logged at WARN and retried after backoff while the others go on), else with
   * {@code onFailure} logging each failure.
   */
  private <I> SweepItems.Counts forEach(String kind, List<Map.Entry<OrgId, I>> due,
      java.util.function.Predicate<Map.Entry<OrgId, I>> action, BiConsumer<Map.Entry<OrgId, I>, Throwable> onFailure) {
    if (failures.isPresent()) {
      return failures.get().forEach(items, kind, due, Map.Entry::getKey, item -> item.getValue().toString(), action);
    }
    return items.forEach(due, Map.Entry::getKey, action, onFailure);
  }

  void snapshot(TenantTransaction tx, Subscription sub, SubscriptionStatus status, io.nobill.core.catalog.PlanRef plan,
      int seats, Period period, boolean cancelAtPeriodEnd, String action) {
    snapshot(tx, ACTOR, sub, status, plan, seats, period, cancelAtPeriodEnd, action);
  }

  /**
   * Applies a new state of {@code sub} as a snapshot event made by {@code actor}.
   *
   * <p>The new state is computed from the state read in this transaction, under the
   * organization's lock, so it is newer than that state whatever this instance's clock says:
   * it is stamped no earlier than one nanosecond after the state it replaces. An instance whose
   * clock runs behind the one that made the last change would otherwise stamp its change as
   * older, see it ignored as stale, and go on to invoice a period it never moved past.
   *
   * @throws ConflictException if the change was not applied (a duplicate or stale event), so
   *     that nothing the caller does next — invoicing, collecting — happens on a state that
   *     did not move; the transaction rolls back
   */
  void snapshot(TenantTransaction tx, Actor actor, Subscription sub, SubscriptionStatus status,
      io.nobill.core.catalog.PlanRef plan, int seats, Period period, boolean cancelAtPeriodEnd, String action) {
    snapshot(tx, actor, sub, status, plan, seats, period, sub.trialEnd(), cancelAtPeriodEnd, action);
  }

  /** As {@link #snapshot(TenantTransaction, Actor, Subscription, SubscriptionStatus, io.nobill.core.catalog.PlanRef, int, Period, boolean, String)}, with a new trial end. */
  void snapshot(TenantTransaction tx, Actor actor, Subscription sub, SubscriptionStatus status,
      io.nobill.core.catalog.PlanRef plan, int seats, Period period, Optional<Instant> trialEnd, boolean cancelAtPeriodEnd,
      String action) {
    ProviderEvents.Applied applied = events.apply(tx, actor, new ProviderEvent.SubscriptionSnapshot(
        eventId(sub.providerId(), sub.version() + 1, action), sub.org(), sub.providerId(),
        stampAfter(sub.lastChangeAt()),
        status, plan, seats, period, trialEnd, cancelAtPeriodEnd));
    requireApplied(applied, sub.id());
  }

  /**
   * The stamp of a change NOBill makes to state last changed at {@code last}: now, or one
   * nanosecond after {@code last} when this instance's clock runs behind it. The change is made
   * on the state read under the organization's lock, so it is the newer one whatever the clocks say.
   */
  Instant stampAfter(Instant last) {
    Instant now = clock.instant();
    Instant after = last.plusNanos(1);
    return now.isBefore(after) ? after : now;
  }

  /** Stops the caller when its own change was a duplicate or stale: the state it acts on did not move. */
  static void requireApplied(ProviderEvents.Applied applied, Object target) {
    if (applied instanceof ProviderEvents.Applied.Recorded r && (r.outcome() == InboxEntry.Outcome.APPLIED
        || r.outcome() == InboxEntry.Outcome.NO_CHANGE)) {
      return;
    }
    throw ConflictException.concurrent(target, "changed while event " + applied.eventId() + " was being applied ("
        + (applied instanceof ProviderEvents.Applied.Recorded r ? r.outcome() : "duplicate")
        + "); nothing was invoiced or collected, the next run starts from the current state");
  }

  /** Every meter's usage over {@code period} so far. */
  Map<String, BigDecimal> usageOf(TenantTransaction tx, Period period) {
    return usage.usage(tx, period);
  }

  /** The provider events this engine applies its changes through. */
  CoreProviderEvents events() {
    return events;
  }

  Clock clock() {
    return clock;
  }

  IdGenerator ids() {
    return ids;
  }

  private static Subscription current(TenantTransaction tx, SubscriptionId id) {
    return tx.subscriptions().find(id).orElseThrow(() -> new NotFoundException("subscription", id));
  }

  /**
   * Engine event ids order by the subscription version they create, so two snapshots at the
   * same instant apply in the order they were made; the same state yields the same id.
   */
  static String eventId(String providerId, long version, String action) {
    return String.format("nobill:%s:%012d:%s", providerId, version, action);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Wires the engine; every setting is required. */
  public static final class Builder {
    private BillingStore store;
    private Clock clock;
    private IdGenerator ids;
    private Catalog catalog;
    private CoreInvoices invoices;
    private CoreProviderEvents events;
    private PaymentCollector collector;
    private SubscriptionSettings settings;
    private UsageSource usage;
    private BiConsumer<TenantTransaction, BillingEvent> outbox;
    private int sweepWorkers = 1;
    private SweepItems items;
    private io.nobill.core.internal.work.WorkFailures failures;

    private Builder() {}

    /** Where failing sweep items are recorded and reported; optional (without it they are only logged). */
    public Builder failures(io.nobill.core.internal.work.WorkFailures v) {
      this.failures = Objects.requireNonNull(v, "failures");
      return this;
    }

    /**
     * How many due items a sweep processes at once, each in its own transaction (1 by default:
     * in order, on the calling thread).
     *
     * @throws IllegalArgumentException if not in 1..64
     */
    public Builder sweepWorkers(int workers) {
      if (workers < 1 || workers > 64) {
        throw new IllegalArgumentException("sweepWorkers must be in 1..64, was " + workers);
      }
      this.sweepWorkers = workers;
      return this;
    }

    /** The workers the sweeps run their items on, shared with the other sweeps; replaces {@link #sweepWorkers}. */
    public Builder sweepItems(SweepItems items) {
      this.items = Objects.requireNonNull(items, "items");
      return this;
    }

    public Builder store(BillingStore v) { this.store = Objects.requireNonNull(v, "store"); return this; }
    public Builder clock(Clock v) { this.clock = Objects.requireNonNull(v, "clock"); return this; }
    public Builder ids(IdGenerator v) { this.ids = Objects.requireNonNull(v, "ids"); return this; }
    public Builder catalog(Catalog v) { this.catalog = Objects.requireNonNull(v, "catalog"); return this; }
    public Builder invoices(CoreInvoices v) { this.invoices = Objects.requireNonNull(v, "invoices"); return this; }
    public Builder events(CoreProviderEvents v) { this.events = Objects.requireNonNull(v, "events"); return this; }
    public Builder collector(PaymentCollector v) { this.collector = Objects.requireNonNull(v, "collector"); return this; }
    public Builder settings(SubscriptionSettings v) { this.settings = Objects.requireNonNull(v, "settings"); return this; }
    public Builder usage(UsageSource v) { this.usage = Objects.requireNonNull(v, "usage"); return this; }
    public Builder outbox(BiConsumer<TenantTransaction, BillingEvent> v) { this.outbox = Objects.requireNonNull(v, "outbox"); return this; }

    public BillingEngine build() {
      for (Object o : new Object[] {store, clock, ids, catalog, invoices, events, collector, settings, usage, outbox}) {
        if (o == null) {
          throw new IllegalStateException("every setting of the billing engine is required");
        }
      }
      return new BillingEngine(this);
    }
  }
}
