package io.nobill.testing;

import io.nobill.core.Billing;
import io.nobill.core.event.BillingEvent;
import io.nobill.core.error.BillingException;
import io.nobill.core.event.BillingListener;
import io.nobill.core.catalog.Catalog;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.money.Money;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.work.WorkSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Billing} wired for tests, with the clock and the payment collector the test drives.
 *
 * <pre>{@code
 * TestBilling t = TestBilling.builder().trialPlan(SeedCatalog.PRO).build();
 * Billing billing = t.billing();
 * // ... provision an organization, put a payment method on file ...
 * t.collector().declineNext(org, "card_declined");
 * t.advance(Duration.ofDays(14));   // the trial ends; its first invoice is declined
 * }</pre>
 *
 * <p>Unless the builder is told otherwise: an in-memory store, a {@link TestClock} standing at
 * {@link #DEFAULT_START}, sequential ids ({@link IdGenerator#sequential()}), the seed catalog
 * priced in EUR, no tax ({@link TaxCalculator#NONE}), no trial, and a
 * {@link ScriptedPaymentCollector} on which every collection succeeds.
 *
 * <p>Every outbound event is also delivered to a listener named {@value #RECORDER} that keeps it
 * for {@link #events()}. The outbox is delivered first in every run of the background work, so
 * events written by the other sweeps of a run arrive with the next run.
 */
public final class TestBilling {
  /** Where the test clock stands unless the builder is given one: 2026-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  /** The name of the listener that records events for {@link #events()}; reserved. */
  public static final String RECORDER = "test-billing";

  private final Billing billing;
  private final TestClock clock;
  private final ScriptedPaymentCollector collector;
  private final List<BillingEvent> events;
  private final Config config;

  private TestBilling(Config config, TestClock clock, List<BillingEvent> events) {
    this.config = config;
    this.clock = clock;
    this.collector = config.collector;
    this.events = events;
    Billing.Builder b = Billing.builder()
        .store(config.store)
        .clock(clock)
        .idGenerator(config.ids)
        .catalog(config.catalog)
        .taxCalculator(config.taxes)
        .subscriptions(config.settings)
        .paymentCollector(config.collector);
    config.sweepWorkers.ifPresent(b::sweepWorkers);
    b.listener(RECORDER, events::add);
    config.listeners.forEach(b::listener);
    this.billing = b.build();
  }

  /** A test billing with every default: see the class description. */
  public static TestBilling create() {
    return builder().build();
  }

  /** A builder starting from the defaults in the class description. */
  public static Builder builder() {
    return new Builder();
  }

  /** The billing under test. */
  public Billing billing() {
    return billing;
  }

  /** The clock billing reads; moving it moves billing's time. */
  public TestClock clock() {
    return clock;
  }

  /** The payment collector billing collects through; script it and read back its requests. */
  public ScriptedPaymentCollector collector() {
    return collector;
  }

  /** Every event delivered to the {@value #RECORDER} listener so far, in the order delivered. */
  public List<BillingEvent> events() {
    return List.copyOf(events);
  }

  /** The events of {@code type} delivered so far, in the order delivered. */
  public <T extends BillingEvent> List<T> events(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /**
   * Runs the background work once, as a host's scheduler would: delivers the outbox, then ends
   * trials, renews, collects, dunns and recognizes revenue where due. A sweep that threw, or an
   * item that failed, is reported in the summary, not thrown: assert on it.
   */
  public WorkSummary runDue() {
    return billing.work().runDue();
  }

  /** Moves the clock by {@code duration} (back if negative), then {@linkplain #runDue runs the work} once. */
  public WorkSummary advance(Duration duration) {
    clock.advance(duration);
    return runDue();
  }

  /**
   * Moves the clock by {@code duration} in steps of {@code step}, running the work after each
   * (the last step may be shorter), as a scheduler running every {@code step} would; returns each
   * run's summary.
   *
   * @throws IllegalArgumentException if {@code duration} is negative or {@code step} is not positive
   */
  public List<WorkSummary> advanceInSteps(Duration duration, Duration step) {
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(step, "step");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, was " + duration);
    }
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("step must be positive, was " + step);
    }
    List<WorkSummary> runs = new ArrayList<>();
    Duration left = duration;
    while (!left.isZero()) {
      Duration next = left.compareTo(step) < 0 ? left : step;
      runs.add(advance(next));
      left = left.minus(next);
    }
    return runs;
  }

  /**
   * A second application instance on the same store, with its own clock (which may disagree with
   * this one's, by seconds or minutes): the same ids, catalog, tax, settings, collector and
   * listeners, and events recorded into the same {@link #events()}.
   */
  public TestBilling anotherInstance(TestClock clock) {
    Objects.requireNonNull(clock, "clock");
    return new TestBilling(config, clock, events);
  }

  /** What every instance over one store shares. */
  private record Config(BillingStore store, IdGenerator ids, Catalog catalog, TaxCalculator taxes,
      SubscriptionSettings settings, ScriptedPaymentCollector collector, Optional<Integer> sweepWorkers,
      Map<String, BillingListener> listeners) {}

  /**
   * Builds a {@link TestBilling}. Each setting may be given once: a second call throws
   * {@link IllegalStateException}; a {@code null} throws {@link NullPointerException} naming the
   * setting. {@link #build()} checks the settings together, before anything is built.
   */
  public static final class Builder {
    private BillingStore store;
    private TestClock clock;
    private IdGenerator ids;
    private String currency;
    private Catalog catalog;
    private TaxCalculator taxes;
    private String trialPlan;
    private SubscriptionSettings settings;
    private ScriptedPaymentCollector collector;
    private Integer sweepWorkers;
    private final Map<String, BillingListener> listeners = new LinkedHashMap<>();
    private boolean built;

    private Builder() {}

    /** Where state is kept; defaults to a new {@link InMemoryBillingStore}. */
    public Builder store(BillingStore store) {
      once(this.store, "store");
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The clock billing reads; defaults to a {@link TestClock} at {@link #DEFAULT_START}. */
    public Builder clock(TestClock clock) {
      once(this.clock, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where ids come from; defaults to {@link IdGenerator#sequential()}. */
    public Builder idGenerator(IdGenerator ids) {
      once(this.ids, "idGenerator");
      this.ids = Objects.requireNonNull(ids, "idGenerator");
      return this;
    }

    /**
     * The currency the seed catalog is priced in, an ISO 4217 code; defaults to {@code EUR}.
     * Not with {@link #catalog}.
     */
    public Builder currency(String currency) {
      once(this.currency, "currency");
      this.currency = Objects.requireNonNull(currency, "currency");
      return this;
    }

    /** The plans on sale instead of the seed catalog. Not with {@link #currency}. */
    public Builder catalog(Catalog catalog) {
      once(this.catalog, "catalog");
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /** How invoices are taxed; defaults to {@link TaxCalculator#NONE}. */
    public Builder taxCalculator(TaxCalculator taxes) {
      once(this.taxes, "taxCalculator");
      this.taxes = Objects.requireNonNull(taxes, "taxCalculator");
      return this;
    }

    /**
     * Every new organization gets a trial of this catalog plan, under
     * {@link SubscriptionSettings#defaults}. Not with {@link #subscriptions}.
     */
    public Builder trialPlan(String planKey) {
      once(this.trialPlan, "trialPlan");
      this.trialPlan = Objects.requireNonNull(planKey, "trialPlan");
      return this;
    }

    /** How subscriptions run; defaults to no trial. Not with {@link #trialPlan}. */
    public Builder subscriptions(SubscriptionSettings settings) {
      once(this.settings, "subscriptions");
      this.settings = Objects.requireNonNull(settings, "subscriptions");
      return this;
    }

    /** The fake collector to collect through; defaults to a new {@link ScriptedPaymentCollector}. */
    public Builder collector(ScriptedPaymentCollector collector) {
      once(this.collector, "collector");
      this.collector = Objects.requireNonNull(collector, "collector");
      return this;
    }

    /** How many due items the sweeps process at once (1–64); defaults to 1. */
    public Builder sweepWorkers(int workers) {
      once(this.sweepWorkers, "sweepWorkers");
      this.sweepWorkers = workers;
      return this;
    }

    /**
     * Adds a listener for outbound events under {@code name} (1–64 characters of
     * {@code [a-z0-9._-]}, not {@value TestBilling#RECORDER}).
     *
     * @throws IllegalStateException if the name is already registered or is {@value TestBilling#RECORDER}
     */
    public Builder listener(String name, BillingListener listener) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(listener, "listener");
      if (name.equals(RECORDER) || listeners.containsKey(name)) {
        throw new IllegalStateException("a listener named " + name + " is already registered");
      }
      listeners.put(name, listener);
      return this;
    }

    /**
     * Builds the test billing; a builder builds once.
     *
     * @throws IllegalStateException if already built, or if settings that exclude each other were
     *     both given (currency and catalog; trial plan and subscription settings)
     * @throws IllegalArgumentException if a value is bad: an unknown currency, a trial plan the
     *     catalog does not hold, sweep workers outside 1–64, a listener name breaking the rule
     */
    public TestBilling build() {
      if (built) {
        throw new IllegalStateException("this builder has already built a TestBilling; "
            + "use a new builder, or anotherInstance(clock) for a second instance on the same store");
      }
      if (currency != null && catalog != null) {
        throw new IllegalStateException("currency prices the seed catalog; with a catalog of your own, leave it out");
      }
      if (trialPlan != null && settings != null) {
        throw new IllegalStateException("trialPlan is a shorthand for subscriptions(SubscriptionSettings.defaults(plan)); "
            + "give one of them");
      }
      Catalog effectiveCatalog = catalog != null ? catalog : SeedCatalog.create(checkCurrency(currency));
      SubscriptionSettings effectiveSettings = trialPlan != null ? SubscriptionSettings.defaults(trialPlan)
          : settings != null ? settings : noTrial();
      effectiveSettings.trialPlan().ifPresent(plan -> {
        if (effectiveCatalog.latest(plan).isEmpty()) {
          throw new IllegalArgumentException("trial plan " + plan + " is not in the catalog");
        }
      });
      if (sweepWorkers != null && (sweepWorkers < 1 || sweepWorkers > 64)) {
        throw new IllegalArgumentException("sweepWorkers must be in 1..64, was " + sweepWorkers);
      }
      Config config = new Config(store != null ? store : InMemoryBillingStore.create(),
          ids != null ? ids : IdGenerator.sequential(), effectiveCatalog, taxes != null ? taxes : TaxCalculator.NONE,
          effectiveSettings, collector != null ? collector : new ScriptedPaymentCollector(),
          Optional.ofNullable(sweepWorkers), Collections.unmodifiableMap(new LinkedHashMap<>(listeners)));
      // Billing checks the listener names; its IllegalArgumentException reaches the caller as is.
      TestBilling built = new TestBilling(config, clock != null ? clock : TestClock.at(DEFAULT_START),
          new CopyOnWriteArrayList<>());
      this.built = true;
      return built;
    }

    private static String checkCurrency(String code) {
      if (code == null) {
        return "EUR";
      }
      try {
        Money.currency(code);
      } catch (BillingException e) {
        throw new IllegalArgumentException("currency " + code + " is not usable: " + e.getMessage(), e);
      }
      return code;
    }

    /** Billing's own default: no trial, the default grace and dunning. */
    private static SubscriptionSettings noTrial() {
      SubscriptionSettings d = SubscriptionSettings.defaults(SeedCatalog.PRO);
      return new SubscriptionSettings(Optional.empty(), d.gracePeriod(), d.retrySchedule(), d.finalAction(),
          d.prorationBehavior(), d.trialWillEndNotice(), d.invoiceDelay(), d.seatsFollowMembers());
    }

    private static void once(Object existing, String setting) {
      if (existing != null) {
        throw new IllegalStateException(setting + " is already set; set it once");
      }
    }
  }
}
