package io.nobill.core.internal.subscription;

import io.nobill.core.access.Actor;
import io.nobill.core.access.Permission;
import io.nobill.core.audit.AuditTarget;
import io.nobill.core.audit.AuditTrail;
import io.nobill.core.catalog.Catalog;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.event.ProviderEvent;
import io.nobill.core.id.CreditId;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.internal.access.Access;
import io.nobill.core.internal.audit.CoreAuditTrail;
import io.nobill.core.internal.ledger.CoreLedger;
import io.nobill.core.invoice.InvoiceKey;
import io.nobill.core.invoice.InvoiceLine;
import io.nobill.core.invoice.LineKind;
import io.nobill.core.ledger.Ledger;
import io.nobill.core.ledger.LedgerFact;
import io.nobill.core.money.Bounds;
import io.nobill.core.money.Money;
import io.nobill.core.org.Organization;
import io.nobill.core.rating.DiscountApplication;
import io.nobill.core.rating.Proration;
import io.nobill.core.rating.ProrationBehavior;
import io.nobill.core.rating.ProrationItem;
import io.nobill.core.rating.Rating;
import io.nobill.core.rating.RatingInput;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.TenantTransaction;
import io.nobill.core.subscription.*;
import io.nobill.core.text.TextPolicy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What an organization's billing managers (and NOBill's jobs) do with its subscription when
 * NOBill is the billing authority: subscribe, change seats or plan with proration, cancel,
 * resume, put a payment method on file. Each command checks {@code billing.manage}, validates
 * before anything is written, and applies its change through the reducer as a provider event
 * made by the caller, so the audit trail names who did it.
 */
public final class CoreSubscriptions implements Subscriptions {
  private final BillingStore store;
  private final Catalog catalog;
  private final BillingEngine engine;
  private final CoreLedger ledger;
  private final SubscriptionSettings settings;
  private final CoreAuditTrail audit;
  private final Optional<String> requestKey;

  private CoreSubscriptions(BillingStore store, Catalog catalog, BillingEngine engine, CoreLedger ledger,
      SubscriptionSettings settings, Optional<String> requestKey) {
    this.store = store;
    this.catalog = catalog;
    this.engine = engine;
    this.ledger = ledger;
    this.settings = settings;
    this.audit = CoreAuditTrail.create(store, engine.clock());
    this.requestKey = requestKey;
  }

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
  @Override
  public Subscriptions withRequestKey(String requestKey) {
    TextPolicy.key(requestKey, "requestKey", MAX_REQUEST_KEY);
    return new CoreSubscriptions(store, catalog, engine, ledger, settings, Optional.of(requestKey));
  }

  /**
   * Whether the command should run: false when its request key was used before for the same
   * command with the same arguments.
   *
   * @throws ConflictException if the key was used for another command or other arguments
   */
  private boolean firstUse(TenantTransaction tx, String command, Object... arguments) {
    if (requestKey.isEmpty()) {
      return true;
    }
    String id = "request:" + requestKey.get();
    String fingerprint = fingerprint(command, arguments);
    Optional<io.nobill.core.event.InboxEntry> used = tx.inbox().find(id);
    if (used.isPresent()) {
      io.nobill.core.event.InboxEntry entry = used.get();
      boolean sameCommand = entry.type().equals("command:" + command);
      // A key recorded before fingerprints were kept holds the organization's id instead: it
      // can only be matched by its command.
      boolean legacy = !entry.objectId().startsWith(FINGERPRINT_PREFIX);
      if (sameCommand && (legacy || entry.objectId().equals(fingerprint))) {
        return false;
      }
      throw new ConflictException(requestKey.get(), "is a request key used for another request ("
          + entry.type().substring(entry.type().indexOf(':') + 1) + (sameCommand ? " with other arguments" : "")
          + "); a request key means one command with one set of arguments");
    }
    Instant now = engine.clock().instant();
    tx.inbox().insert(new io.nobill.core.event.InboxEntry(id, "command:" + command, fingerprint, now, now,
        io.nobill.core.event.InboxEntry.Outcome.APPLIED));
    return true;
  }

  private static final String FINGERPRINT_PREFIX = "sha256:";

  /**
   * The command and its arguments as {@code length:value} fields (so no argument can pass for
   * a field boundary), hashed: {@code sha256:<hex>}.
   */
  static String fingerprint(String command, Object... arguments) {
    StringBuilder b = new StringBuilder("nobill-request-v1");
    field(b, command);
    for (Object argument : arguments) {
      field(b, String.valueOf(argument));
    }
    try {
      return FINGERPRINT_PREFIX + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static void field(StringBuilder b, String text) {
    b.append('|').append(text.length()).append(':').append(text);
  }

  public static CoreSubscriptions create(BillingStore store, Catalog catalog, BillingEngine engine, CoreLedger ledger,
      SubscriptionSettings settings) {
    return new CoreSubscriptions(Objects.requireNonNull(store, "store"), Objects.requireNonNull(catalog, "catalog"),
        Objects.requireNonNull(engine, "engine"), Objects.requireNonNull(ledger, "ledger"),
        Objects.requireNonNull(settings, "settings"), Optional.empty());
  }

  /** The organization's current subscription: the newest one that has not ended, else the newest. Needs {@code billing.read}. */
  @Override
  public Optional<Subscription> current(Actor actor, OrgId org) {
    Objects.requireNonNull(org, "org");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.BILLING_READ);
      return current(tx);
    });
  }

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
  @Override
  public Money monthlyRecurringRevenue(Actor actor, OrgId org) {
    Objects.requireNonNull(org, "org");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.BILLING_READ);
      Organization o = tx.organization().find().orElseThrow(() -> new NotFoundException("organization", org));
      Optional<Subscription> sub = current(tx);
      if (sub.isEmpty() || (sub.get().status() != SubscriptionStatus.ACTIVE
          && sub.get().status() != SubscriptionStatus.PAST_DUE)) {
        return Money.zero(o.currency());
      }
      Plan plan = engine.planOf(tx, sub.get().plan());
      // The next invoice as it would be rated with no usage: its flat fees (in advance and in
      // arrears) and seats, with the custom prices, less the discounts that still apply to it.
      // The minimum spend is left out: its true-up depends on usage, which is not recurring.
      PricingOverrides overrides = tx.overrides().pricing();
      PricingOverrides recurring = new PricingOverrides(overrides.customPrices(), List.of(), Optional.empty());
      Period period = sub.get().currentPeriod();
      // Rated without discounts, then discounted on the recurring lines alone: a usage line a
      // tier's flat fee puts on an invoice at zero usage is not recurring and takes no discount.
      List<InvoiceLine> lines = new ArrayList<>();
      Money perPeriod = Money.zero(plan.currency());
      for (InvoiceLine line : Rating.rate(new RatingInput(plan, recurring, Optional.of(period), sub.get().seats(),
          Optional.of(period), Map.of(), List.of(), List.of())).lines()) {
        if (line.kind() == LineKind.FLAT || line.kind() == LineKind.SEATS) {
          lines.add(line);
          perPeriod = perPeriod.plus(line.amount());
        }
      }
      List<DiscountApplication> discounts = tx.subscriptions().schedule(sub.get().id())
          .discountApplications(overrides.discounts());
      for (Rating.AppliedDiscount d : Rating.discounts(lines, discounts, period, plan.currency())) {
        perPeriod = perPeriod.plus(d.line().amount());
      }
      // Per month = per period × periods per month, as an exact fraction rounded once.
      long count = plan.interval().count();
      long[] fraction = switch (plan.interval().unit()) {
        case DAY -> new long[] {365, 12 * count};
        case WEEK -> new long[] {52, 12 * count};
        case MONTH -> new long[] {1, count};
        case YEAR -> new long[] {1, 12 * count};
      };
      BigDecimal minor = BigDecimal.valueOf(perPeriod.minorUnits()).multiply(BigDecimal.valueOf(fraction[0]))
          .divide(BigDecimal.valueOf(fraction[1]), 0, RoundingMode.HALF_UP);
      return Money.of(minor.longValueExact(), perPeriod.currency());
    });
  }

  @Override
  public Optional<io.nobill.core.invoice.Invoice> upcoming(Actor actor, OrgId org) {
    Objects.requireNonNull(org, "org");
    Optional<io.nobill.core.invoice.InvoiceRequest> request = store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.BILLING_READ);
      return current(tx).flatMap(sub -> engine.upcoming(tx, sub));
    });
    // Computed in a transaction of its own: a preview, which a change in between may outdate.
    return request.map(r -> engine.preview(actor, org, r));
  }

  /** The organization's current subscription, inside its transaction. */
  public static Optional<Subscription> current(TenantTransaction tx) {
    List<Subscription> all = tx.subscriptions().list();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (!all.get(i).status().isEnded()) {
        return Optional.of(all.get(i));
      }
    }
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** Subscribes to the newest version of {@code planKey} with {@code seats}, with no other option. */
  @Override
  public Subscription subscribe(Actor actor, OrgId org, String planKey, int seats) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(planKey, "planKey");
    return subscribe(actor, org, SubscribeRequest.plan(planKey).seats(seats));
  }

  @Override
  public Subscription subscribe(Actor actor, OrgId org, SubscribeRequest request) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(request, "request");
    Optional<InvoiceId> toCollect = store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.BILLING_MANAGE);
      // A plain request fingerprints as subscribe(planKey, seats) always did, so a key recorded
      // before requests had options still matches its retry.
      Object[] arguments = request.isPlain() ? new Object[] {request.planKey(), request.seats()}
          : new Object[] {request.planKey(), request.seats(), request.trial(), request.trialDays(),
              request.trialUntil().map(Object::toString).orElse(""),
              request.billingCycleAnchor().map(Object::toString).orElse(""), request.paymentMethod().orElse("")};
      if (!firstUse(tx, "subscribe", arguments)) {
        return Optional.<InvoiceId>empty();
      }
      Plan plan = plan(tx, request.planKey(), request.seats());
      int seats = request.seats();
      Instant now = engine.clock().instant();
      Optional<Subscription> current = current(tx);
      if (current.isPresent() && !current.get().status().isEnded()) {
        Subscription sub = current.get();
        if (sub.status() != SubscriptionStatus.TRIALING) {
          throw new ConflictException(sub.id(), "is " + sub.status() + "; change its plan or seats instead");
        }
        InvalidRequestException.require(request.trial() == SubscribeRequest.Trial.NONE, "trial",
            "cannot be chosen during a trial; move its end with extendTrial or end it with endTrialNow");
        Instant trialEnd = sub.trialEnd().orElse(sub.currentPeriod().end());
        request.billingCycleAnchor().ifPresent(a -> requireAnchor(plan, trialEnd, a));
        request.paymentMethod().ifPresent(pm -> attach(tx, actor, org, pm));
        engine.snapshot(tx, actor, sub, sub.status(), plan.ref(), seats, sub.currentPeriod(), false,
            "plan-chosen-" + plan.ref() + "-" + seats);
        request.billingCycleAnchor().ifPresent(a -> tx.subscriptions().setSchedule(
            tx.subscriptions().schedule(sub.id()).withAnchor(a)));
        return Optional.empty();
      }
      Optional<Instant> trialEnd = switch (request.trial()) {
        case NONE -> Optional.<Instant>empty();
        case DAYS -> Optional.of(Bounds.checkInstant(now.plus(java.time.Duration.ofDays(request.trialDays())),
            "trialDays"));
        case UNTIL -> {
          Instant until = request.trialUntil().orElseThrow();
          InvalidRequestException.require(until.isAfter(now), "trialUntil", "must be in the future; it is " + now
              + " now");
          InvalidRequestException.require(!until.isAfter(now.plus(java.time.Duration.ofDays(Plan.MAX_TRIAL_DAYS))),
              "trialUntil", "must be at most " + Plan.MAX_TRIAL_DAYS + " days from now");
          yield Optional.of(until);
        }
      };
      Instant start = trialEnd.orElse(now);
      request.billingCycleAnchor().ifPresent(a -> requireAnchor(plan, start, a));
      request.paymentMethod().ifPresent(pm -> attach(tx, actor, org, pm));
      String providerId = "nobill_" + engine.ids().next();
      if (trialEnd.isPresent()) {
        engine.events().apply(tx, actor, new ProviderEvent.SubscriptionSnapshot(BillingEngine.eventId(providerId, 0,
            "subscribed-trialing"), org, providerId, now, SubscriptionStatus.TRIALING, plan.ref(), seats,
            new Period(now, trialEnd.get()), trialEnd, false));
        Subscription created = tx.subscriptions().findByProviderId(providerId).orElseThrow();
        request.billingCycleAnchor().ifPresent(a -> tx.subscriptions().setSchedule(
            tx.subscriptions().schedule(created.id()).withAnchor(a)));
        return Optional.empty();
      }
      Period first = BillingEngine.firstPeriod(plan, now, request.billingCycleAnchor());
      engine.events().apply(tx, actor, new ProviderEvent.SubscriptionSnapshot(BillingEngine.eventId(providerId, 0,
          "subscribed"), org, providerId, now, SubscriptionStatus.ACTIVE, plan.ref(), seats, first, Optional.empty(), false));
      Subscription created = tx.subscriptions().findByProviderId(providerId).orElseThrow();
      return engine.invoiceFirstPeriod(tx, created, plan, first);
    });
    toCollect.ifPresent(invoice -> engine.collectFirst(org, invoice));
    return store.inTenant(org, tx -> current(tx).orElseThrow());
  }

  /**
   * A billing anchor must lie after the first paid period's start and at most one interval of
   * the plan after it, as Stripe requires of a {@code billing_cycle_anchor}.
   */
  private static void requireAnchor(Plan plan, Instant start, Instant anchor) {
    InvalidRequestException.require(anchor.isAfter(start), "billingCycleAnchor", "must be after the first period's start "
        + start);
    Instant full = plan.interval().boundary(start, 1);
    InvalidRequestException.require(!anchor.isAfter(full), "billingCycleAnchor", "must be at most one interval of "
        + plan.ref() + " after the first period's start, by " + full);
  }

  /** Puts a payment method on file within the caller's transaction, as {@code attachPaymentMethod} does. */
  private void attach(TenantTransaction tx, Actor actor, OrgId org, String reference) {
    BillingEngine.requireApplied(engine.events().apply(tx, actor, new ProviderEvent.CheckoutCompleted(
        "nobill:payment-method:" + engine.ids().next(), org, "nobill_payment_method", paymentMethodStamp(tx), reference)),
        org);
  }

  @Override
  public List<io.nobill.core.invoice.CreditNote> refund(Actor actor, OrgId org, InvoiceId invoice, Money amount,
      String reason) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(invoice, "invoice");
    Objects.requireNonNull(amount, "amount");
    TextPolicy.line(reason, "reason", MAX_REFUND_REASON);
    InvalidRequestException.require(amount.isPositive(), "amount", "must be positive");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.BILLING_MANAGE);
      io.nobill.core.invoice.Invoice found = tx.invoices().find(invoice)
          .orElseThrow(() -> new NotFoundException("invoice", invoice));
      java.util.Currency currency = tx.organization().find().orElseThrow().currency();
      InvalidRequestException.require(amount.currency().equals(currency), "amount",
          "must be in the organization's currency " + currency.getCurrencyCode() + ", was "
              + amount.currency().getCurrencyCode());
      if (!firstUse(tx, "refund", invoice, amount, reason)) {
        return tx.invoices().creditNotes(invoice);
      }
      // Oldest payment first, so that a partial refund leaves the latest payment whole.
      List<io.nobill.core.ledger.RecordedPayment> payments = tx.ledger().paymentsFor(invoice).stream()
          .sorted(java.util.Comparator.comparing(io.nobill.core.ledger.RecordedPayment::id)).toList();
      Money refundable = Money.zero(currency);
      for (io.nobill.core.ledger.RecordedPayment p : payments) {
        refundable = refundable.plus(p.refundable());
      }
      InvalidRequestException.require(!amount.isGreaterThan(refundable), "amount",
          "must not exceed what remains refundable of invoice " + invoice + ", " + refundable + "; was " + amount);
      Money left = amount;
      Instant now = engine.clock().instant();
      for (io.nobill.core.ledger.RecordedPayment p : payments) {
        if (!left.isPositive()) {
          break;
        }
        Money part = left.min(p.refundable());
        if (part.isPositive()) {
          ledger.record(tx, actor, new io.nobill.core.ledger.LedgerFact.PaymentRefunded(
              engine.ids().next(io.nobill.core.id.RefundId::of), p.id(), now, part));
          left = left.minus(part);
        }
      }
      audit.record(tx, actor, "invoice.refunded", AuditTarget.of("invoice", invoice), Map.of(),
          Map.of("amount", amount.toString(), "reason", reason, "status", found.status().toString()));
      return tx.invoices().creditNotes(invoice);
    });
  }

  @Override
  public Subscription extendTrial(Actor actor, OrgId org, Instant newEnd) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(newEnd, "newEnd");
    Bounds.checkInstant(newEnd, "trialEnd");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.BILLING_MANAGE);
      if (!firstUse(tx, "extend-trial", newEnd)) {
        return current(tx).orElseThrow();
      }
      Subscription sub = current(tx).orElseThrow(() -> new NotFoundException("subscription", org));
      if (sub.status() != SubscriptionStatus.TRIALING) {
        throw new ConflictException(sub.id(), "is " + sub.status() + ", not trialing; only a trial can be extended");
      }
      Instant now = engine.clock().instant();
      Instant end = sub.trialEnd().orElse(sub.currentPeriod().end());
      InvalidRequestException.require(newEnd.isAfter(end), "trialEnd", "must be after the current trial end " + end);
      InvalidRequestException.require(newEnd.isAfter(now), "trialEnd", "must be in the future; it is " + now + " now");
      InvalidRequestException.require(!newEnd.isAfter(now.plus(java.time.Duration.ofDays(Plan.MAX_TRIAL_DAYS))),
          "trialEnd", "must be at most " + Plan.MAX_TRIAL_DAYS + " days from now");
      engine.snapshot(tx, actor, sub, SubscriptionStatus.TRIALING, sub.plan(), sub.seats(),
          new Period(sub.currentPeriod().start(), newEnd), Optional.of(newEnd), sub.cancelAtPeriodEnd(),
          "trial-extended-" + newEnd.getEpochSecond());
      return current(tx).orElseThrow();
    });
  }

  @Override
  public Subscription endTrialNow(Actor actor, OrgId org) {
    Objects.requireNonNull(org, "org");
    Optional<InvoiceId> toCollect = store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.BILLING_MANAGE);
      if (!firstUse(tx, "end-trial-now")) {
        return Optional.<InvoiceId>empty();
      }
      Subscription sub = current(tx).orElseThrow(() -> new NotFoundException("subscription", org));
      if (sub.status() != SubscriptionStatus.TRIALING) {
        throw new ConflictException(sub.id(), "is " + sub.status() + ", not trialing; there is no trial to end");
      }
      if (tx.subscriptions().paymentMethod().flatMap(PaymentMethodRecord::reference).isEmpty()) {
        throw new ConflictException(sub.id(), "has no payment method on file; attach one before ending the trial");
      }
      // Now, kept within the trial: a clock behind the one that started it sees the trial's
      // start, one past its end ends it where it would have ended on its own.
      Instant now = engine.clock().instant();
      Instant trialEnd = sub.trialEnd().orElse(sub.currentPeriod().end());
      Instant start = now.isBefore(sub.currentPeriod().start()) ? sub.currentPeriod().start()
          : now.isAfter(trialEnd) ? trialEnd : now;
      return engine.convertTrial(tx, actor, sub, start, "trial-ended-now");
    });
    toCollect.ifPresent(invoice -> engine.collect(org, invoice));
    return store.inTenant(org, tx -> current(tx).orElseThrow());
  }

  /** Changes the number of seats, prorated as {@code behavior} says. */
  @Override
  public Subscription changeSeats(Actor actor, OrgId org, int seats, ProrationBehavior behavior) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(behavior, "behavior");
    return adjustSeats(actor, org, behavior, "change-seats", seats, sub -> seats);
  }

  @Override
  public Subscription incrementSeats(Actor actor, OrgId org, int count, ProrationBehavior behavior) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(behavior, "behavior");
    InvalidRequestException.require(count >= 1, "count", "must be at least 1");
    return adjustSeats(actor, org, behavior, "increment-seats", count, sub -> {
      long seats = (long) sub.seats() + count;
      InvalidRequestException.require(seats <= Integer.MAX_VALUE, "count", "must leave at most " + Integer.MAX_VALUE
          + " seats");
      return (int) seats;
    });
  }

  @Override
  public Subscription decrementSeats(Actor actor, OrgId org, int count, ProrationBehavior behavior) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(behavior, "behavior");
    InvalidRequestException.require(count >= 1, "count", "must be at least 1");
    return adjustSeats(actor, org, behavior, "decrement-seats", count, sub -> {
      InvalidRequestException.require(sub.seats() - count >= 1, "count", "must leave at least one seat; the "
          + "subscription has " + sub.seats());
      return sub.seats() - count;
    });
  }

  /**
   * Sets the seats to what {@code target} makes of the current subscription, prorated as
   * {@code behavior} says; {@code command} and {@code argument} are what a request key binds to.
   */
  private Subscription adjustSeats(Actor actor, OrgId org, ProrationBehavior behavior, String command, int argument,
      java.util.function.ToIntFunction<Subscription> target) {
    Optional<InvoiceId> toCollect = store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.BILLING_MANAGE);
      if (!firstUse(tx, command, argument, behavior)) {
        return Optional.<InvoiceId>empty();
      }
      Subscription sub = changeable(tx);
      int seats = target.applyAsInt(sub);
      Plan plan = plan(tx, sub.plan().key(), seats, Optional.of(sub.plan().version()));
      // A plan change scheduled for the period end renews at these seats: they must suit it too.
      Optional<io.nobill.core.catalog.PlanRef> scheduled = tx.subscriptions().schedule(sub.id()).scheduledPlan();
      if (scheduled.isPresent()) {
        plan(tx, scheduled.get().key(), seats, Optional.of(scheduled.get().version()));
      }
      if (sub.seats() == seats) {
        return Optional.<InvoiceId>empty();
      }
      Optional<InvoiceId> invoice = Optional.empty();
      if (sub.status() != SubscriptionStatus.TRIALING) {
        PricingOverrides overrides = tx.overrides().pricing();
        List<ProrationItem> items = Proration.forSeatChange(plan, overrides, sub.seats(), seats, sub.currentPeriod(),
            prorationInstant(sub));
        invoice = prorate(tx, sub, plan, items, behavior);
      }
      engine.snapshot(tx, actor, current(tx).orElseThrow(), sub.status(), sub.plan(), seats, sub.currentPeriod(),
          sub.cancelAtPeriodEnd(), "seats-" + seats);
      return invoice;
    });
    toCollect.ifPresent(invoice -> engine.collect(org, invoice));
    return store.inTenant(org, tx -> current(tx).orElseThrow());
  }

  /** Moves to the newest version of {@code planKey}: now with proration, or at the period end. */
  @Override
  public Subscription changePlan(Actor actor, OrgId org, String planKey, ChangeTiming timing, ProrationBehavior behavior) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(planKey, "planKey");
    Objects.requireNonNull(timing, "timing");
    Objects.requireNonNull(behavior, "behavior");
    Optional<InvoiceId> toCollect = store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.BILLING_MANAGE);
      if (!firstUse(tx, "change-plan", planKey, timing, behavior)) {
        return Optional.<InvoiceId>empty();
      }
      Subscription sub = changeable(tx);
      Plan next = plan(tx, planKey, sub.seats());
      Plan old = engine.planOf(tx, sub.plan());
      if (next.ref().equals(old.ref())) {
        return Optional.<InvoiceId>empty();
      }
      if (sub.status() == SubscriptionStatus.TRIALING) {
        engine.snapshot(tx, actor, sub, sub.status(), next.ref(), sub.seats(), sub.currentPeriod(), sub.cancelAtPeriodEnd(),
            "plan-" + next.ref());
        return Optional.<InvoiceId>empty();
      }
      PricingOverrides overrides = tx.overrides().pricing();
      List<ProrationItem> items = Proration.forChange(old, overrides, sub.seats(), next, overrides, sub.seats(),
          sub.currentPeriod(), prorationInstant(sub));
      boolean upgrade = items.stream().mapToLong(i -> i.amount().minorUnits()).sum() > 0;
      boolean atPeriodEnd = timing == ChangeTiming.PERIOD_END || (timing == ChangeTiming.DEFAULT && !upgrade);
      if (atPeriodEnd) {
        BillingSchedule schedule = tx.subscriptions().schedule(sub.id());
        tx.subscriptions().setSchedule(schedule.withScheduledPlan(Optional.of(next.ref())));
        audit.record(tx, actor, "subscription.plan-change-scheduled", AuditTarget.of("subscription", sub.id()),
            Map.of("plan", old.ref().toString()), Map.of("scheduledPlan", next.ref().toString(),
                "at", sub.currentPeriod().end().toString()));
        return Optional.<InvoiceId>empty();
      }
      Optional<InvoiceId> invoice = prorate(tx, sub, next, items, behavior);
      // The usage so far was used under the old plan and is rated on its prices at the period end.
      tx.subscriptions().setSchedule(tx.subscriptions().schedule(sub.id()).withPlanChange(
          new BillingSchedule.PlanChange(old.ref(), prorationInstant(sub))));
      engine.snapshot(tx, actor, current(tx).orElseThrow(), sub.status(), next.ref(), sub.seats(), sub.currentPeriod(),
          sub.cancelAtPeriodEnd(), "plan-" + next.ref());
      return invoice;
    });
    toCollect.ifPresent(invoice -> engine.collect(org, invoice));
    return store.inTenant(org, tx -> current(tx).orElseThrow());
  }

  @Override
  public Subscription cancel(Actor actor, OrgId org, CancelRequest request) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(request, "request");
    boolean atPeriodEnd = request.isAtPeriodEnd();
    boolean creditUnusedTime = request.isCreditingUnusedTime();
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.BILLING_MANAGE);
      if (!firstUse(tx, "cancel", atPeriodEnd, creditUnusedTime)) {
        return current(tx).orElseThrow();
      }
      Subscription sub = current(tx).orElseThrow(() -> new NotFoundException("subscription", org));
      if (sub.status().isEnded()) {
        throw new ConflictException(sub.id(), "is canceled already");
      }
      if (atPeriodEnd) {
        if (sub.status() == SubscriptionStatus.PAUSED) {
          throw new ConflictException(sub.id(), "is paused and does not reach its period end while paused; cancel it "
              + "now, or resume it first");
        }
        if (!sub.cancelAtPeriodEnd()) {
          engine.snapshot(tx, actor, sub, sub.status(), sub.plan(), sub.seats(), sub.currentPeriod(), true,
              "cancel-at-period-end");
        }
        return current(tx).orElseThrow();
      }
      Instant now = engine.clock().instant();
      if (creditUnusedTime && sub.status() != SubscriptionStatus.TRIALING) {
        Plan plan = engine.planOf(tx, sub.plan());
        Plan nothing = Plan.builder(plan.key(), plan.version()).name(plan.name()).currency(plan.currency().getCurrencyCode())
            .interval(plan.interval()).build();
        long credit = -Proration.forChange(plan, tx.overrides().pricing(), sub.seats(), nothing, PricingOverrides.NONE,
            sub.seats(), sub.currentPeriod(), prorationInstant(sub)).stream().mapToLong(i -> i.amount().minorUnits()).sum();
        if (credit > 0) {
          ledger.record(tx, actor, new LedgerFact.CreditGranted(CreditId.of(UUID.nameUUIDFromBytes(("cancel:" + sub.id())
              .getBytes(StandardCharsets.UTF_8))), now, Money.of(credit, plan.currency()), "unused time after cancellation"));
        }
      }
      engine.events().apply(tx, actor, new ProviderEvent.SubscriptionDeleted(BillingEngine.eventId(sub.providerId(),
          sub.version() + 1, "canceled-now"), org, sub.providerId(), now));
      return tx.subscriptions().find(sub.id()).orElseThrow();
    });
  }

  /** Undoes a cancellation at period end, while the period has not ended, or ends a pause. */
  @Override
  public Subscription resume(Actor actor, OrgId org) {
    Objects.requireNonNull(org, "org");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.BILLING_MANAGE);
      if (!firstUse(tx, "resume")) {
        return current(tx).orElseThrow();
      }
      Subscription sub = current(tx).orElseThrow(() -> new NotFoundException("subscription", org));
      if (sub.status().isEnded()) {
        throw new ConflictException(sub.id(), "has ended and cannot be resumed; subscribe again");
      }
      if (sub.status() == SubscriptionStatus.PAUSED) {
        return unpause(tx, actor, sub);
      }
      if (!sub.cancelAtPeriodEnd()) {
        throw new ConflictException(sub.id(), "is not set to cancel");
      }
      if (!engine.clock().instant().isBefore(sub.currentPeriod().end())) {
        throw new ConflictException(sub.id(), "cannot be resumed after its period ended");
      }
      engine.snapshot(tx, actor, sub, sub.status(), sub.plan(), sub.seats(), sub.currentPeriod(), false, "resumed");
      return current(tx).orElseThrow();
    });
  }

  @Override
  public Subscription pause(Actor actor, OrgId org) {
    Objects.requireNonNull(org, "org");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.BILLING_MANAGE);
      if (!firstUse(tx, "pause")) {
        return current(tx).orElseThrow();
      }
      Subscription sub = current(tx).orElseThrow(() -> new NotFoundException("subscription", org));
      if (sub.status() == SubscriptionStatus.PAUSED) {
        return sub; // idempotent by its value, as setting the same seats twice
      }
      if (sub.status() != SubscriptionStatus.ACTIVE) {
        throw new ConflictException(sub.id(), "is " + sub.status() + "; only an active subscription can be paused");
      }
      if (sub.cancelAtPeriodEnd()) {
        throw new ConflictException(sub.id(), "is set to cancel at the period end; resume it before pausing it");
      }
      engine.snapshot(tx, actor, sub, SubscriptionStatus.PAUSED, sub.plan(), sub.seats(), sub.currentPeriod(), false,
          "paused");
      return current(tx).orElseThrow();
    });
  }

  /**
   * Ends a pause. Within the period the pause began in, the period stays; past it, the
   * subscription continues in the anchored period containing now — not invoiced, as Stripe
   * voids what falls in a pause — and a plan change scheduled for a period end that passed
   * takes effect.
   */
  private Subscription unpause(TenantTransaction tx, Actor actor, Subscription sub) {
    Instant now = engine.clock().instant();
    Period period = sub.currentPeriod();
    io.nobill.core.catalog.PlanRef plan = sub.plan();
    if (!now.isBefore(period.end())) {
      BillingSchedule schedule = tx.subscriptions().schedule(sub.id());
      Plan next = engine.planOf(tx, schedule.scheduledPlan().orElse(sub.plan()));
      Instant anchor = schedule.anchor().orElse(period.start());
      period = next.interval().periodContaining(anchor, now);
      plan = next.ref();
      tx.subscriptions().setSchedule(schedule.withScheduledPlan(Optional.empty()).withAnchor(anchor));
    }
    engine.snapshot(tx, actor, sub, SubscriptionStatus.ACTIVE, plan, sub.seats(), period, false, "unpaused");
    return current(tx).orElseThrow();
  }

  /** Puts a payment method reference (e.g. {@code pm_...}) on file for the organization. */
  @Override
  public void attachPaymentMethod(Actor actor, OrgId org, String reference) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(reference, "reference");
    Optional<InvoiceId> retry = store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.BILLING_MANAGE);
      if (!firstUse(tx, "attach-payment-method", reference)) {
        return Optional.<InvoiceId>empty();
      }
      attach(tx, actor, org, reference);
      // An incomplete subscription waits for a working payment method: its first invoice is
      // retried with the new one at once, as a host does on Stripe by paying the invoice.
      return current(tx).flatMap(sub -> engine.retryIncomplete(tx, sub));
    });
    retry.ifPresent(invoice -> engine.collect(org, invoice));
  }

  /**
   * Sets the seats of the organization's subscription to its number of active members (at
   * least one), prorated by the configured behaviour: the membership observer wired when
   * {@link SubscriptionSettings#seatsFollowMembers()} is on. Runs in the membership change's
   * transaction, as the actor who changed the members.
   */
  public void followMembers(TenantTransaction tx, Actor actor) {
    Optional<Subscription> current = current(tx).filter(sub -> !sub.status().isEnded()
        && sub.status() != SubscriptionStatus.INCOMPLETE);
    if (current.isEmpty()) {
      return;
    }
    Subscription sub = current.get();
    int seats = (int) Math.max(1, tx.memberships().list().stream().filter(io.nobill.core.org.Membership::isActive).count());
    if (seats == sub.seats()) {
      return;
    }
    Plan plan = engine.planOf(tx, sub.plan());
    // A trial is not billed yet, and a paused subscription bills nothing while paused.
    if (sub.status() != SubscriptionStatus.TRIALING && sub.status() != SubscriptionStatus.PAUSED) {
      prorate(tx, sub, plan, Proration.forSeatChange(plan, tx.overrides().pricing(), sub.seats(), seats,
          sub.currentPeriod(), prorationInstant(sub)), settings.prorationBehavior() == ProrationBehavior.ALWAYS_INVOICE
              ? ProrationBehavior.CREATE_PRORATIONS : settings.prorationBehavior());
    }
    // Members change as the host's users act; the seat change is the engine's consequence.
    engine.snapshot(tx, BillingEngine.ACTOR, current(tx).orElseThrow(), sub.status(), sub.plan(), seats, sub.currentPeriod(),
        sub.cancelAtPeriodEnd(), "seats-follow-members-" + seats);
  }

  /** Removes the payment method on file: the next collection fails, and a trial ends canceled. */
  @Override
  public void detachPaymentMethod(Actor actor, OrgId org) {
    Objects.requireNonNull(org, "org");
    store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.BILLING_MANAGE);
      if (!firstUse(tx, "detach-payment-method")) {
        return null;
      }
      BillingEngine.requireApplied(engine.events().apply(tx, actor, new ProviderEvent.PaymentMethodDetached(
          "nobill:payment-method:" + engine.ids().next(), org, "nobill_payment_method", paymentMethodStamp(tx))), org);
      return null;
    });
  }

  /**
   * A member's change of payment method is made on the state read under the organization's lock,
   * so it is newer than the method on file even when this instance's clock runs behind the one
   * that put it there; stamped as older, it would be ignored as stale.
   */
  private Instant paymentMethodStamp(TenantTransaction tx) {
    return tx.subscriptions().paymentMethod().map(r -> engine.stampAfter(r.changedAt()))
        .orElseGet(() -> engine.clock().instant());
  }

  /**
   * When a change takes effect for proration: now, kept within the current period. An instance
   * whose clock runs behind the one that renewed the period sees "now" before its start (the
   * whole period remains); one running ahead, or a change made after the period ended but
   * before its renewal ran, sees it after the end (nothing of it remains: the change counts
   * from the next period, which renews at the new state).
   */
  private Instant prorationInstant(Subscription sub) {
    Instant now = engine.clock().instant();
    Period period = sub.currentPeriod();
    return now.isBefore(period.start()) ? period.start() : now.isAfter(period.end()) ? period.end() : now;
  }

  private Optional<InvoiceId> prorate(TenantTransaction tx, Subscription sub, Plan plan, List<ProrationItem> items,
      ProrationBehavior behavior) {
    if (items.isEmpty() || behavior == ProrationBehavior.NONE) {
      return Optional.empty();
    }
    BillingSchedule schedule = tx.subscriptions().schedule(sub.id());
    List<ProrationItem> pending = new ArrayList<>(schedule.pendingProrations());
    pending.addAll(items);
    tx.subscriptions().setSchedule(schedule.withPendingProrations(pending));
    if (behavior == ProrationBehavior.ALWAYS_INVOICE) {
      return engine.invoice(tx, sub, plan, Optional.empty(), Optional.empty(), InvoiceKey.proration(sub.id(), sub.version()));
    }
    return Optional.empty();
  }

  private static Subscription changeable(TenantTransaction tx) {
    Subscription sub = current(tx).orElseThrow(() -> new NotFoundException("subscription", tx.org()));
    if (sub.status().isEnded()) {
      throw new ConflictException(sub.id(), "has ended; subscribe again");
    }
    if (sub.status() == SubscriptionStatus.INCOMPLETE) {
      throw new ConflictException(sub.id(), "is incomplete: its first payment must succeed before it can change");
    }
    if (sub.status() == SubscriptionStatus.PAUSED) {
      throw new ConflictException(sub.id(), "is paused; resume it before changing it");
    }
    return sub;
  }

  private Plan plan(TenantTransaction tx, String planKey, int seats) {
    return plan(tx, planKey, seats, Optional.empty());
  }

  private Plan plan(TenantTransaction tx, String planKey, int seats, Optional<Integer> version) {
    Plan listed = (version.isPresent() ? catalog.plan(new io.nobill.core.catalog.PlanRef(planKey, version.get()))
        : catalog.latest(planKey)).orElseThrow(() -> new InvalidRequestException("plan",
            "must be a plan of the catalog; '" + planKey + "' is not"));
    Organization org = tx.organization().find().orElseThrow(() -> new NotFoundException("organization", tx.org()));
    InvalidRequestException.require(listed.sells(org.currency()), "plan", "must be sold in the organization's currency "
        + org.currency().getCurrencyCode() + "; " + listed.ref() + " is sold in " + BillingEngine.codes(listed));
    // Rated, checked and invoiced at the prices in the organization's currency.
    Plan plan = listed.in(org.currency());
    InvalidRequestException.require(seats >= 1, "seats", "must be at least 1");
    plan.seatLimit().ifPresent(limit -> InvalidRequestException.require(seats <= limit, "seats",
        "must be at most " + limit + " on plan " + plan.ref()));
    requireInvoiceable(tx, plan, tx.overrides().pricing(), seats, "seats");
    return plan;
  }

  /**
   * Refuses a change after which the current period could not be invoiced: {@code plan} at
   * {@code seats} with {@code overrides}, with the usage the period has so far.
   */
  private void requireInvoiceable(TenantTransaction tx, Plan plan, PricingOverrides overrides, int seats, String field) {
    Optional<Subscription> sub = current(tx).filter(x -> !x.status().isEnded());
    Instant now = engine.clock().instant();
    Period period = sub.map(Subscription::currentPeriod).orElseGet(() -> new Period(now, plan.interval().boundary(now, 1)));
    Map<String, BigDecimal> used = sub.isPresent() ? engine.usageOf(tx, period) : Map.of();
    Rating.requireInvoiceable(plan, overrides, seats, period, used, field);
  }

  /**
   * Checks pricing overrides about to be written for the organization in scope, so that they
   * can never make a renewal fail: every amount in the organization's currency; with a
   * subscription, every custom price replacing a price of its plan and the period still
   * invoiceable at its seats; without one, every custom price fitting some plan on sale in the
   * organization's currency. Wired into {@code Overrides.setPricing}.
   *
   * @throws InvalidRequestException naming the field and the rule; nothing is written
   */
  public void requirePricingFits(TenantTransaction tx, PricingOverrides overrides) {
    Objects.requireNonNull(overrides, "overrides");
    Organization org = tx.organization().find().orElseThrow(() -> new NotFoundException("organization", tx.org()));
    overrides.requireCurrency(org.currency());
    Optional<Subscription> sub = current(tx).filter(x -> !x.status().isEnded());
    if (sub.isPresent()) {
      Plan plan = engine.planOf(tx, sub.get().plan());
      overrides.requireFits(plan);
      requireInvoiceable(tx, plan, overrides, sub.get().seats(), "customPrices");
      return;
    }
    for (io.nobill.core.catalog.Price custom : overrides.customPrices().values()) {
      PricingOverrides one = new PricingOverrides(Map.of(custom.key(), custom), List.of(), Optional.empty());
      boolean fitsSome = catalog.latestPlans().stream().filter(p -> p.sells(org.currency())).anyMatch(p -> {
        try {
          one.requireFits(p.in(org.currency()));
          return true;
        } catch (InvalidRequestException e) {
          return false;
        }
      });
      InvalidRequestException.require(fitsSome, "customPrices", "must replace a price of a plan on sale in "
          + org.currency().getCurrencyCode() + "; no plan has a price '" + custom.key() + "' it fits");
    }
  }
}
