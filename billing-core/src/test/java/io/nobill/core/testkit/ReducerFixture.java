package io.nobill.core.testkit;

import io.nobill.core.internal.event.CoreProviderEvents;
import io.nobill.core.internal.invoice.CoreInvoices;
import io.nobill.core.internal.ledger.CoreLedger;
import io.nobill.core.access.Actor;
import io.nobill.core.event.BillingEvent;
import io.nobill.core.catalog.Catalog;
import io.nobill.core.event.ProviderEvent;
import io.nobill.core.event.ProviderEvents;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.PlanRef;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.PaymentId;
import io.nobill.core.id.RefundId;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceRequest;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.invoice.Invoices;
import io.nobill.core.ledger.Ledger;
import io.nobill.core.ledger.TrialBalance;
import io.nobill.core.money.Money;
import io.nobill.core.rating.Rating;
import io.nobill.core.rating.RatingInput;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.subscription.Subscription;
import io.nobill.core.subscription.SubscriptionStatus;
import io.nobill.core.tax.TaxBehavior;
import io.nobill.core.tax.TaxProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An organization with two draft invoices, and the events of one subscription's lifecycle,
 * on any store: the reducer property of {@link ReducerContract} and the provider-event tests.
 */
public final class ReducerFixture {
  public static final Actor STRIPE = Actor.provider("stripe");
  public static final Catalog CATALOG = SeedCatalog.create("EUR");
  public static final PlanRef PRO = new PlanRef("pro", 1);
  public static final PlanRef ENTERPRISE = new PlanRef("enterprise", 1);
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  public static final Period TRIAL = new Period(T0, Instant.parse("2026-01-15T00:00:00Z"));
  public static final Period P1 = new Period(Instant.parse("2026-01-15T00:00:00Z"), Instant.parse("2026-02-15T00:00:00Z"));
  public static final Period P2 = new Period(Instant.parse("2026-02-15T00:00:00Z"), Instant.parse("2026-03-15T00:00:00Z"));

  public final BillingStore store;
  public final TestClock clock = TestClock.at("2026-03-20T00:00:00Z");
  public final IdGenerator ids;
  public final CoreLedger ledger;
  public final CoreInvoices invoices;
  public final List<BillingEvent> emitted = new ArrayList<>();
  public final CoreProviderEvents events;
  public final OrgId org;
  public final InvoiceId first;
  public final InvoiceId second;

  /** On a new in-memory store, with the same ids every time. */
  public ReducerFixture() {
    this(InMemoryBillingStore.create(), IdGenerator.sequential());
  }

  /** On {@code store}, with a new organization whose ids come from {@code ids}. */
  public ReducerFixture(BillingStore store, IdGenerator ids) {
    this.store = store;
    this.ids = ids;
    this.ledger = CoreLedger.create(store, clock, ids);
    this.invoices = CoreInvoices.create(store, clock, ids, ledger, TaxCalculator.NONE);
    this.events = CoreProviderEvents.create(store, clock, ids, CATALOG, ledger, invoices, (tx, e) -> emitted.add(e));
    this.org = ids.next(OrgId::of);
    store.inTenant(org, tx -> {
      tx.organization().insert(TestOrganizations.named(org, "Acme"));
      return null;
    });
    first = draft(P1, 3).id();
    second = draft(P2, 5).id();
  }

  private Invoice draft(Period period, int seats) {
    return invoices.draft(Actor.job("invoicing"), org, new InvoiceRequest(Rating.rate(RatingInput.advanceOnly(
        CATALOG.require(PRO), PricingOverrides.NONE, period, seats)), Optional.of(PRO), TaxProfile.consumer("DE"),
        TaxBehavior.EXCLUSIVE, 0));
  }

  private static Instant at(int minute) {
    return T0.plusSeconds(60L * minute);
  }

  /** A lifecycle: trial → checkout → active → seats → paid → upgrade → failure → recovery → cancel → deleted, refund. */
  public List<ProviderEvent> lifecycle() {
    String sub = "sub_1";
    PaymentId pay1 = PaymentId.of(new UUID(0x7000L, 0xF001));
    PaymentId pay2 = PaymentId.of(new UUID(0x7000L, 0xF002));
    Optional<Instant> trialEnd = Optional.of(TRIAL.end());
    return List.of(
        new ProviderEvent.SubscriptionSnapshot("evt_01", org, sub, at(1), SubscriptionStatus.TRIALING, PRO, 3, TRIAL, trialEnd, false),
        new ProviderEvent.TrialWillEnd("evt_02", org, sub, at(2), TRIAL.end()),
        new ProviderEvent.CheckoutCompleted("evt_03", org, "cs_1", at(3), "pm_card_visa"),
        new ProviderEvent.SubscriptionSnapshot("evt_04", org, sub, at(4), SubscriptionStatus.ACTIVE, PRO, 3, P1, trialEnd, false),
        new ProviderEvent.InvoiceFinalized("evt_05", org, first, at(5)),
        new ProviderEvent.InvoicePaid("evt_06", org, first, at(6), pay1),
        new ProviderEvent.SubscriptionSnapshot("evt_07", org, sub, at(7), SubscriptionStatus.ACTIVE, PRO, 5, P1, trialEnd, false),
        new ProviderEvent.SubscriptionSnapshot("evt_08", org, sub, at(8), SubscriptionStatus.ACTIVE, ENTERPRISE, 5, P1, trialEnd, false),
        new ProviderEvent.InvoiceFinalized("evt_09", org, second, at(9)),
        new ProviderEvent.InvoicePaymentFailed("evt_10", org, second, at(10), 1, Optional.of(at(10).plusSeconds(86_400))),
        new ProviderEvent.SubscriptionSnapshot("evt_11", org, sub, at(11), SubscriptionStatus.PAST_DUE, ENTERPRISE, 5, P2, trialEnd, false),
        new ProviderEvent.InvoicePaid("evt_12", org, second, at(12), pay2),
        new ProviderEvent.SubscriptionSnapshot("evt_13", org, sub, at(13), SubscriptionStatus.ACTIVE, ENTERPRISE, 5, P2, trialEnd, false),
        new ProviderEvent.SubscriptionSnapshot("evt_14", org, sub, at(14), SubscriptionStatus.ACTIVE, ENTERPRISE, 5, P2, trialEnd, true),
        new ProviderEvent.PaymentRefunded("evt_15", org, RefundId.of(new UUID(0x7000L, 0xE001)), at(15), pay1,
            Money.ofMajor("10.00", "EUR")),
        new ProviderEvent.SubscriptionDeleted("evt_16", org, sub, at(16)));
  }

  /** What the organization's billing state converged to, without ids that depend on the order. */
  public record Outcome(SubscriptionStatus status, PlanRef plan, int seats, Period period, boolean cancelAtPeriodEnd,
      Optional<String> paymentMethod, InvoiceStatus firstInvoice, InvoiceStatus secondInvoice,
      java.util.Map<String, String> balances) {

  }

  /** Account balances by code and currency: account ids depend on which event opened them. */
  public static java.util.Map<String, String> balances(TrialBalance tb) {
    java.util.Map<String, String> m = new java.util.TreeMap<>();
    tb.accounts().forEach(b -> m.put(b.account().code() + " " + b.account().currency(), b.debits() + " / " + b.credits()));
    return m;
  }

  public TrialBalance books() {
    return store.inTenant(org, tx -> new TrialBalance(tx.ledger().accounts().stream().map(a -> tx.ledger().balance(a.id())).toList()));
  }

  public Outcome outcome() {
    return store.inTenant(org, tx -> {
      Subscription s = tx.subscriptions().findByProviderId("sub_1").orElseThrow();
      return new Outcome(s.status(), s.plan(), s.seats(), s.currentPeriod(), s.cancelAtPeriodEnd(),
          tx.subscriptions().paymentMethod().flatMap(p -> p.reference()),
          tx.invoices().find(first).orElseThrow().status(), tx.invoices().find(second).orElseThrow().status(),
          balances(new TrialBalance(tx.ledger().accounts().stream().map(a -> tx.ledger().balance(a.id())).toList())));
    });
  }
}
