package io.nobill.core;

import io.nobill.core.access.Actor;
import io.nobill.core.audit.AuditTrail;
import io.nobill.core.catalog.Catalog;
import io.nobill.core.catalog.Plan;
import io.nobill.core.entitlement.Entitlements;
import io.nobill.core.entitlement.Overrides;
import io.nobill.core.event.BillingListener;
import io.nobill.core.event.BillingListener;import io.nobill.core.access.Actor;import io.nobill.core.audit.AuditTrail;
import io.nobill.core.event.DeliveryPolicy;
import io.nobill.core.event.OutboxMessage;
import io.nobill.core.event.ProviderEvent;
import io.nobill.core.event.ProviderEvents;
import io.nobill.core.internal.BillingAssembly;
import io.nobill.core.invoice.Invoices;
import io.nobill.core.ledger.Ledger;
import io.nobill.core.org.Organizations;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.PaymentCollector;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.subscription.Subscriptions;
import io.nobill.core.usage.Usage;
import io.nobill.core.usage.UsageSettings;
import io.nobill.core.work.BackgroundWork;
import io.nobill.core.work.FailurePolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The one object a host application builds to use NOBill.
 *
 * <pre>{@code
 * Billing billing = Billing.builder()
 *     .store(InMemoryBillingStore.create())   // or JdbcBillingStore from billing-jdbc
 *     .catalog(SeedCatalog.create("EUR"))     // the plans on sale
 *     .taxCalculator(RegionalTaxTable.builder().sellerCountry("DE").build())
 *     .clock(Clock.systemUTC())               // optional; tests pass a TestClock
 *     .build();
 * }</pre>
 *
 * <p>A {@code Billing} is thread-safe and meant to live as long as the application.
 */
public final class Billing {
  private final Clock clock;
  private final IdGenerator ids;
  private final List<BillingListener> listeners;
  private final Catalog catalog;
  private final TaxCalculator taxes;
  private final Ledger ledger;
  private final Invoices invoices;
  private final AuditTrail audit;
  private final Organizations organizations;
  private final Entitlements entitlements;
  private final Overrides overrides;
  private final BackgroundWork work;
  private final ProviderEvents events;
  private final Subscriptions subscriptions;
  private final Usage usage;
  private final BillingAssembly services;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Billing.class);

  private Billing(Clock clock, IdGenerator ids, Map<String, BillingListener> listeners, Catalog catalog,
      TaxCalculator taxes, BillingAssembly services) {
    this.clock = clock;
    this.ids = ids;
    this.listeners = List.copyOf(listeners.values());
    this.catalog = catalog;
    this.taxes = taxes;
    this.ledger = services.ledger;
    this.invoices = services.invoices;
    this.audit = services.audit;
    this.organizations = services.organizations;
    this.entitlements = services.entitlements;
    this.overrides = services.overrides;
    this.work = services.work;
    this.events = services.events;
    this.subscriptions = services.subscriptions;
    this.usage = services.usage;
    this.services = services;
  }

  /**
   * Applies a provider event — a translated Stripe webhook, or an event of the host's own
   * billing authority — through the one reducer, exactly once per event id.
   */
  public ProviderEvents.Applied apply(Actor actor, ProviderEvent event) {
    return events.apply(actor, event);
  }

  /** Provider events and the reducer they go through. */
  public ProviderEvents events() {
    return events;
  }

  /** The seller printed on invoices and how invoices and credit notes are numbered. */
  public io.nobill.core.invoice.InvoicingSettings invoicing() {
    return services.invoices.settings();
  }

  /** Usage metering: record usage events, read totals. */
  public Usage usage() {
    return usage;
  }

  /** Each organization's subscription, when NOBill is the billing authority. */
  public Subscriptions subscriptions() {
    return subscriptions;
  }


  /**
   * The periodic work — outbox delivery and the other sweeps: call {@code runDue()} from the
   * host's scheduler, or {@code start(executor, interval)} to have it scheduled. Operators list
   * what keeps failing with {@code stuck(actor, limit)} and retry it with {@code retry(...)}.
   */
  public BackgroundWork work() {
    return work;
  }

  /** What each organization may use and consume. */
  public Entitlements entitlements() {
    return entitlements;
  }

  /** Each organization's deal: pricing and entitlement overrides. */
  public Overrides overrides() {
    return overrides;
  }

  /** Organizations and their members. */
  public Organizations organizations() {
    return organizations;
  }

  /** Each organization's tamper-evident audit trail. */
  public AuditTrail audit() {
    return audit;
  }

  /** The plans and meters on sale. */
  public Catalog catalog() {
    return catalog;
  }

  /** How invoices are taxed. */
  public TaxCalculator taxes() {
    return taxes;
  }

  /** Each organization's invoices. */
  public Invoices invoices() {
    return invoices;
  }

  /** Each organization's double-entry books. */
  public Ledger ledger() {
    return ledger;
  }

  /** A builder; {@link Builder#store(BillingStore)} is the one required setting. */
  public static Builder builder() {
    return new Builder();
  }

  /** The clock every time in billing is read from. */
  public Clock clock() {
    return clock;
  }

  /** The generator of every new id. */
  public IdGenerator ids() {
    return ids;
  }


  /** The wiring behind this object, for NOBill's own tests; not reachable from outside the package. */
  BillingAssembly services() {
    return services;
  }

  /** The registered listeners, in registration order. */
  public List<BillingListener> listeners() {
    return listeners;
  }

  /**
   * Builds a {@link Billing}. Each setting may be given once: a second call is a wiring
   * mistake and throws {@link IllegalStateException}; a {@code null} throws
   * {@link NullPointerException} naming the setting.
   */
  public static final class Builder {
    private BillingStore store;
    private Clock clock;
    private IdGenerator ids;
    private final Map<String, BillingListener> listeners = new LinkedHashMap<>();
    private int unnamedListeners;
    private Catalog catalog;
    private TaxCalculator taxes;
    private DeliveryPolicy deliveryPolicy;
    private SubscriptionSettings subscriptionSettings;
    private PaymentCollector collector;
    private UsageSettings usageSettings;
    private Integer sweepWorkers;
    private Executor sweepExecutor;
    private FailurePolicy failurePolicy;
    private io.nobill.core.invoice.Seller seller;
    private io.nobill.core.invoice.NumberingFormat invoiceNumbering;
    private io.nobill.core.invoice.NumberingFormat creditNoteNumbering;

    private Builder() {}

    /**
     * Who issues the invoices: printed on every invoice and credit note, and copied onto each
     * when it is issued. Without one, documents name {@link io.nobill.core.invoice.Seller#NOT_CONFIGURED}
     * as their seller — fine for tests and demos, never for invoices sent to customers — and
     * {@link #build()} logs a warning.
     *
     * @throws IllegalStateException if already set
     */
    public Builder seller(io.nobill.core.invoice.Seller seller) {
      Objects.requireNonNull(seller, "seller");
      once(this.seller, "seller");
      this.seller = seller;
      return this;
    }

    /**
     * How invoices are numbered, e.g. {@code INV-{yyyy}-{seq:6}} (the default): one gap-free
     * series named {@code invoice}, restarting every year when the pattern has the year; see
     * {@link io.nobill.core.invoice.NumberingFormat}.
     *
     * @throws IllegalArgumentException if the pattern is not valid, naming what is wrong
     * @throws IllegalStateException    if already set
     */
    public Builder invoiceNumbering(String pattern) {
      return invoiceNumbering(io.nobill.core.invoice.NumberingFormat.of("invoice", Objects.requireNonNull(pattern,
          "invoiceNumbering")));
    }

    /** As {@link #invoiceNumbering(String)}, in a series of the host's naming (one per seller sharing a store). */
    public Builder invoiceNumbering(io.nobill.core.invoice.NumberingFormat format) {
      Objects.requireNonNull(format, "invoiceNumbering");
      once(this.invoiceNumbering, "invoiceNumbering");
      this.invoiceNumbering = format;
      return this;
    }

    /**
     * How credit notes are numbered, e.g. {@code CN-{yyyy}-{seq:6}} (the default), in a series of
     * their own named {@code credit-note}.
     *
     * @throws IllegalArgumentException if the pattern is not valid, naming what is wrong
     * @throws IllegalStateException    if already set
     */
    public Builder creditNoteNumbering(String pattern) {
      return creditNoteNumbering(io.nobill.core.invoice.NumberingFormat.of("credit-note", Objects.requireNonNull(pattern,
          "creditNoteNumbering")));
    }

    /** As {@link #creditNoteNumbering(String)}, in a series of the host's naming. */
    public Builder creditNoteNumbering(io.nobill.core.invoice.NumberingFormat format) {
      Objects.requireNonNull(format, "creditNoteNumbering");
      once(this.creditNoteNumbering, "creditNoteNumbering");
      this.creditNoteNumbering = format;
      return this;
    }

    /**
     * When failing items of background work are retried and reported as stuck. Defaults to
     * {@link FailurePolicy#DEFAULT}: stuck after 3 failures in a row,
     * retried after 1, 2, 4 … minutes, at least hourly.
     *
     * @throws IllegalStateException if already set
     */
    public Builder workFailurePolicy(FailurePolicy policy) {
      Objects.requireNonNull(policy, "workFailurePolicy");
      once(this.failurePolicy, "workFailurePolicy");
      this.failurePolicy = policy;
      return this;
    }

    /**
     * How many due items the renewal, collection and revenue-recognition sweeps process at
     * once, each in its own tenant transaction on its own connection. Defaults to 1: in order,
     * on the thread that runs the work. On PostgreSQL, where every commit waits for the disk,
     * 4 workers got through a period end about 2.5 times as fast as one on a 2-core machine;
     * the store's pool needs at least this many connections besides the host's own. One
     * organization's items stay in order on one worker. Outbox delivery stays in order. The
     * {@code PaymentCollector} is then called from several threads and must be thread-safe.
     *
     * <p>The thread that runs the work is one of the workers; the others run on the {@link
     * #sweepExecutor} when one is given, else on {@code workers - 1} daemon threads this {@code
     * Billing} starts when a run first needs them and ends after a minute idle. No run starts
     * threads of its own.
     *
     * @throws IllegalArgumentException if not in 1..64
     * @throws IllegalStateException if already set
     */
    public Builder sweepWorkers(int workers) {
      once(this.sweepWorkers, "sweepWorkers");
      if (workers < 1 || workers > 64) {
        throw new IllegalArgumentException("sweepWorkers must be in 1..64, was " + workers);
      }
      this.sweepWorkers = workers;
      return this;
    }

    /**
     * The host's executor the sweep workers beyond the calling thread run on, when {@link
     * #sweepWorkers} is more than 1: at most {@code sweepWorkers - 1} tasks at a time, each
     * taking due organizations until none is left. It stays the host's: NOBill never shuts it
     * down. It may be the executor that runs the work itself: a task it has not started by the
     * time the calling thread has taken every item is dropped, never waited for. An executor
     * that refuses a task leaves its items to the calling thread.
     *
     * @throws IllegalStateException if already set; at {@link #build()}, if {@code sweepWorkers}
     *     is not more than 1 (an executor no worker would use)
     */
    public Builder sweepExecutor(Executor executor) {
      Objects.requireNonNull(executor, "sweepExecutor");
      once(this.sweepExecutor, "sweepExecutor");
      this.sweepExecutor = executor;
      return this;
    }

    /** The plans and meters on sale; defaults to an empty catalog. */
    public Builder catalog(Catalog catalog) {
      Objects.requireNonNull(catalog, "catalog");
      once(this.catalog, "catalog");
      this.catalog = catalog;
      return this;
    }

    /**
     * How invoices are taxed: {@code RegionalTaxTable.builder()...build()}, a host's own
     * calculator, or {@link TaxCalculator#NONE} when the provider (Stripe Tax) or nobody
     * taxes. Required: a billing system must not leave out tax by accident.
     */
    public Builder taxCalculator(TaxCalculator taxes) {
      Objects.requireNonNull(taxes, "taxCalculator");
      once(this.taxes, "taxCalculator");
      this.taxes = taxes;
      return this;
    }

    /** Where state is kept: {@code InMemoryBillingStore.create()} or a {@code JdbcBillingStore}. */
    public Builder store(BillingStore store) {
      Objects.requireNonNull(store, "store");
      once(this.store, "store");
      this.store = store;
      return this;
    }

    /** The clock; defaults to {@link Clock#systemUTC()}. Tests pass a movable clock. */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      once(this.clock, "clock");
      this.clock = clock;
      return this;
    }

    /** Where ids come from; defaults to time-ordered UUIDv7s read from the clock. */
    public Builder idGenerator(IdGenerator ids) {
      Objects.requireNonNull(ids, "idGenerator");
      once(this.ids, "idGenerator");
      this.ids = ids;
      return this;
    }

    /**
     * Adds a listener for outbound billing events, named {@code listener-1}, {@code listener-2}
     * … in the order of such unnamed registrations. Events wait in the store for a listener
     * by its name, so a name must keep meaning the same listener across restarts: prefer
     * {@link #listener(String, BillingListener)} once there is more than one.
     *
     * @throws IllegalArgumentException if the same listener is already registered
     * @throws IllegalStateException if the generated name is already taken by a named listener
     */
    public Builder listener(BillingListener listener) {
      Objects.requireNonNull(listener, "listener");
      return register("listener-" + (unnamedListeners + 1), listener, true);
    }

    /**
     * Adds a listener for outbound billing events under {@code name}: 1-64 characters of
     * {@code [a-z0-9._-]}, stable across restarts and the same on every instance sharing the
     * store, because undelivered events are kept for a listener by name. An event waiting
     * for a name no longer registered is abandoned.
     *
     * @throws IllegalArgumentException if the name breaks that rule, or the same listener is already registered
     * @throws IllegalStateException if the name is already registered
     */
    public Builder listener(String name, BillingListener listener) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(listener, "listener");
      if (!OutboxMessage.isListenerName(name)) {
        throw new IllegalArgumentException("listener name must be 1-64 characters of [a-z0-9._-], was \"" + name + "\"");
      }
      return register(name, listener, false);
    }

    private Builder register(String name, BillingListener listener, boolean unnamed) {
      if (listeners.containsKey(name)) {
        throw new IllegalStateException("a listener named " + name + " is already registered");
      }
      for (BillingListener existing : listeners.values()) {
        if (existing == listener) {
          throw new IllegalArgumentException("listener " + listener + " is already registered");
        }
      }
      listeners.put(name, listener);
      if (unnamed) {
        unnamedListeners++;
      }
      return this;
    }

    /**
     * How subscriptions run when NOBill is the billing authority: the trial plan new
     * organizations get, grace, retries, the final dunning action. Defaults to no trial and
     * {@link SubscriptionSettings#defaults} otherwise.
     */
    public Builder subscriptions(SubscriptionSettings settings) {
      Objects.requireNonNull(settings, "subscriptions");
      once(this.subscriptionSettings, "subscriptions");
      this.subscriptionSettings = settings;
      return this;
    }

    /**
     * How usage is accepted: the late window (how old an event may be) and what happens to an
     * event whose period was invoiced already. Defaults to {@link UsageSettings#DEFAULT} (35 days,
     * counted in the current period). The settings validate themselves when made.
     *
     * @throws IllegalStateException if given twice
     */
    public Builder usage(UsageSettings settings) {
      Objects.requireNonNull(settings, "usage");
      once(this.usageSettings, "usage");
      this.usageSettings = settings;
      return this;
    }

    /**
     * How NOBill collects its invoices: {@link PaymentCollector#MANUAL} (the default: invoices
     * stay open until marked paid), {@code new SimulatedCardCollector()} for demos, or a real one.
     */
    public Builder paymentCollector(PaymentCollector collector) {
      Objects.requireNonNull(collector, "paymentCollector");
      once(this.collector, "paymentCollector");
      this.collector = collector;
      return this;
    }

    /**
     * How events are delivered to listeners: the claim lease, the retry backoff and its jitter,
     * and the attempts after which a message is dead-lettered. Defaults to
     * {@link DeliveryPolicy#DEFAULT} (30 s lease; retries after 1, 2, 4 … minutes, at most
     * every 6 hours; dead-lettered after 20 attempts).
     */
    public Builder deliveryPolicy(DeliveryPolicy deliveryPolicy) {
      Objects.requireNonNull(deliveryPolicy, "deliveryPolicy");
      once(this.deliveryPolicy, "deliveryPolicy");
      this.deliveryPolicy = deliveryPolicy;
      return this;
    }

    /**
     * Checks the settings against each other and builds. Nothing is started: no thread, no
     * connection, no scheduled run.
     *
     * @throws IllegalStateException if no store or tax calculator was given, or settings
     *     contradict each other: a trial plan the catalog does not have or that has no trial
     *     days, a sweep executor with one sweep worker
     * @throws IllegalArgumentException if the delivery policy waits longer than NOBill can
     *     schedule (more than 366 days)
     */
    public Billing build() {
      if (store == null) {
        throw new IllegalStateException("a store is required: pass InMemoryBillingStore.create() for tests, "
            + "or JdbcBillingStore from the io.nobill:billing-jdbc artifact");
      }
      if (taxes == null) {
        throw new IllegalStateException("a tax calculator is required: pass RegionalTaxTable.builder()...build(), "
            + "your own TaxCalculator, or TaxCalculator.NONE if invoices carry no tax");
      }
      Catalog effectiveCatalog = catalog != null ? catalog : Catalog.empty();
      SubscriptionSettings settings = subscriptionSettings != null ? subscriptionSettings : noTrial();
      checkTrialPlan(settings, effectiveCatalog);
      DeliveryPolicy policy = deliveryPolicy != null ? deliveryPolicy : DeliveryPolicy.DEFAULT;
      checkDeliveryPolicy(policy);
      int workers = sweepWorkers != null ? sweepWorkers : 1;
      if (sweepExecutor != null && workers == 1) {
        throw new IllegalStateException("sweepExecutor is set but sweepWorkers is "
            + (sweepWorkers == null ? "not set (1)" : "1") + ": one worker runs every item on the calling thread and "
            + "would never use the executor; set sweepWorkers(n) with n > 1, or leave out the executor");
      }
      Clock effectiveClock = clock != null ? clock : Clock.systemUTC();
      IdGenerator effectiveIds = ids != null ? ids : IdGenerator.timeOrdered(effectiveClock);
      Map<String, BillingListener> named = new LinkedHashMap<>(listeners);
      if (seller == null) {
        LOG.warn("no seller is configured: invoices name \"{}\" as their seller; configure one with "
            + "Billing.builder().seller(...) before sending invoices to customers", io.nobill.core.invoice.Seller.NOT_CONFIGURED.legalName());
      }
      io.nobill.core.invoice.InvoicingSettings invoicing = new io.nobill.core.invoice.InvoicingSettings(
          seller != null ? seller : io.nobill.core.invoice.Seller.NOT_CONFIGURED,
          invoiceNumbering != null ? invoiceNumbering : io.nobill.core.invoice.NumberingFormat.INVOICES,
          creditNoteNumbering != null ? creditNoteNumbering : io.nobill.core.invoice.NumberingFormat.CREDIT_NOTES);
      BillingAssembly services = new BillingAssembly(store, effectiveClock, effectiveIds, named, effectiveCatalog, taxes,
          policy, settings, usageSettings != null ? usageSettings : UsageSettings.DEFAULT,
          collector != null ? collector : PaymentCollector.MANUAL, workers,
          java.util.Optional.ofNullable(sweepExecutor), failurePolicy != null ? failurePolicy : FailurePolicy.DEFAULT,
          invoicing);
      return new Billing(effectiveClock, effectiveIds, named, effectiveCatalog, taxes, services);
    }

    /**
     * A trial plan must be one the catalog sells with trial days: otherwise every provisioning
     * would fail at its first request instead of here.
     */
    private static void checkTrialPlan(SubscriptionSettings settings, Catalog catalog) {
      if (settings.trialPlan().isEmpty()) {
        return;
      }
      String key = settings.trialPlan().get();
      Plan plan = catalog.latest(key).orElseThrow(() -> new IllegalStateException(
          "subscriptions.trialPlan is '" + key + "', which is not a plan of the catalog (its plans: "
              + catalog.latestPlans().stream().map(p -> p.ref().key()).sorted().toList() + ")"));
      if (plan.trialDays() < 1) {
        throw new IllegalStateException("subscriptions.trialPlan is '" + key + "', whose latest version "
            + plan.ref() + " has no trial days: give the plan trial days, or leave the trial plan out");
      }
    }

    /** Waits past a year cannot be scheduled on every store (instants overflow) and are a slip of units. */
    private static void checkDeliveryPolicy(DeliveryPolicy policy) {
      Duration max = SubscriptionSettings.MAX_DURATION;
      if (policy.lease().compareTo(max) > 0 || policy.maxRetry().compareTo(max) > 0) {
        throw new IllegalArgumentException("deliveryPolicy must lease and wait at most 366 days, was lease "
            + policy.lease() + ", maxRetry " + policy.maxRetry());
      }
    }

    private static SubscriptionSettings noTrial() {
      SubscriptionSettings d = SubscriptionSettings.defaults("none");
      return new SubscriptionSettings(java.util.Optional.empty(), d.gracePeriod(), d.retrySchedule(), d.finalAction(),
          d.prorationBehavior(), d.trialWillEndNotice(), d.invoiceDelay(), false);
    }

    private static void once(Object existing, String setting) {
      if (existing != null) {
        throw new IllegalStateException(setting + " is already set; set it once");
      }
    }
  }
}
