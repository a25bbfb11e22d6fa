package io.nobill.core;

import io.nobill.core.audit.AuditTrail;
import io.nobill.core.catalog.Catalog;
import io.nobill.core.entitlement.EntitlementSource;
import io.nobill.core.entitlement.Entitlements;
import io.nobill.core.entitlement.Overrides;
import io.nobill.core.invoice.Invoices;
import io.nobill.core.ledger.Ledger;
import io.nobill.core.org.Organizations;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.TaxCalculator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
  private final BillingStore store;
  private final Clock clock;
  private final IdGenerator ids;
  private final List<BillingListener> listeners;
  private final Ledger ledger;
  private final Catalog catalog;
  private final TaxCalculator taxes;
  private final Invoices invoices;
  private final AuditTrail audit;
  private final Organizations organizations;
  private final Entitlements entitlements;
  private final Overrides overrides;

  private Billing(BillingStore store, Clock clock, IdGenerator ids, List<BillingListener> listeners, Catalog catalog,
      TaxCalculator taxes) {
    this.store = store;
    this.clock = clock;
    this.ids = ids;
    this.listeners = List.copyOf(listeners);
    this.catalog = catalog;
    this.taxes = taxes;
    this.ledger = Ledger.create(store, clock, ids);
    this.invoices = Invoices.create(store, clock, ids, ledger, taxes);
    this.audit = AuditTrail.create(store, clock);
    this.entitlements = Entitlements.create(store, clock, EntitlementSource.NONE);
    this.overrides = Overrides.create(store, clock);
    this.organizations = Organizations.create(store, clock, ids, ledger, audit, List.of(entitlements.seatLimitRule()));
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

  /** The store billing state is kept in. */
  public BillingStore store() {
    return store;
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
    private final List<BillingListener> listeners = new ArrayList<>();
    private Catalog catalog;
    private TaxCalculator taxes;

    private Builder() {}

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

    /** Adds a listener for outbound billing events. The same listener cannot be added twice. */
    public Builder listener(BillingListener listener) {
      Objects.requireNonNull(listener, "listener");
      for (BillingListener existing : listeners) {
        if (existing == listener) {
          throw new IllegalArgumentException("listener " + listener + " is already registered");
        }
      }
      listeners.add(listener);
      return this;
    }

    /**
     * @throws IllegalStateException if no store was given
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
      Clock effectiveClock = clock != null ? clock : Clock.systemUTC();
      IdGenerator effectiveIds = ids != null ? ids : IdGenerator.timeOrdered(effectiveClock);
      return new Billing(store, effectiveClock, effectiveIds, listeners, catalog != null ? catalog : Catalog.empty(), taxes);
    }

    private static void once(Object existing, String setting) {
      if (existing != null) {
        throw new IllegalStateException(setting + " is already set; set it once");
      }
    }
  }
}
