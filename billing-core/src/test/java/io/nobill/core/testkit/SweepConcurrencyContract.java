package io.nobill.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.access.Actor;
import io.nobill.core.Billing;
import io.nobill.core.event.BillingEvent;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.rating.ProrationBehavior;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.payment.SimulatedCardCollector;
import io.nobill.core.subscription.Subscription;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.subscription.SubscriptionStatus;
import io.nobill.core.tax.regional.RegionalTaxTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Sweeps run twice, or on two instances at once, do the work once; concurrent commands lose nothing. */
public abstract class SweepConcurrencyContract {
  private final BillingStore store = newStore();
  private final TestClock clock = TestClock.at("2026-01-01T09:00:00Z");
  private final IdGenerator ids = IdGenerator.timeOrdered(clock);
  private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();

  protected abstract BillingStore newStore();

  /** How many organizations with due trials the two instances sweep at once. */
  protected int organizations() {
    return 60;
  }

  private Billing instance() {
    return instance(1);
  }

  /** An instance whose sweeps process {@code workers} items at once. */
  private Billing instance(int workers) {
    return Billing.builder().sweepWorkers(workers).store(store).catalog(SeedCatalog.create("EUR"))
        .taxCalculator(RegionalTaxTable.builder().sellerCountry("DE").build())
        .subscriptions(SubscriptionSettings.defaults("pro")).paymentCollector(new SimulatedCardCollector())
        .listener("crm", (BillingEvent e) -> deliveries.computeIfAbsent(e.key(), k -> new AtomicInteger()).incrementAndGet())
        .clock(clock).idGenerator(ids).build();
  }

  private List<OrgId> provision(Billing billing, int n) {
    List<OrgId> orgs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      UserId owner = billing.ids().next(UserId::of);
      OrgId org = billing.organizations().provision(Actor.member(owner), new NewOrganization(Optional.empty(), "Org " + i,
          "billing@org" + i + ".example", "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, owner)).id();
      billing.subscriptions().attachPaymentMethod(Actor.member(owner), org, "pm_card_visa");
      orgs.add(org);
    }
    return orgs;
  }

  @Test
  void twoInstancesRunningEverySweepAtOnceInvoiceAndDeliverEachThingOnce() throws Exception {
    // One instance works in order, the other on three workers: both kinds must share the work.
    Billing a = instance();
    Billing b = instance(3);
    List<OrgId> orgs = provision(a, organizations());
    clock.advance(Duration.ofDays(14));

    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (Billing billing : List.of(a, b)) {
        runs.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 3; i++) {
            billing.work().runDue();
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : runs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    a.work().runDue();

    Actor job = Actor.job("test");
    for (OrgId org : orgs) {
      List<Invoice> invoices = a.invoices().list(job, org, Optional.empty(), Optional.empty(), 10);
      assertThat(invoices).singleElement().satisfies(i -> assertThat(i.status()).isEqualTo(InvoiceStatus.PAID));
      assertThat(a.ledger().trialBalance(job, org).net(AccountCode.CASH_CLEARING, Money.currency("EUR")))
          .isEqualTo(Money.ofMajor("72.59", "EUR"));
      assertThat(a.subscriptions().current(job, org).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);
    }
    assertThat(deliveries).isNotEmpty();
    assertThat(deliveries.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    assertThat(deliveries.keySet()).filteredOn(k -> k.startsWith("invoice-paid:")).hasSize(orgs.size());
  }

  @Test
  void concurrentSeatChangesAreAllApplied() throws Exception {
    Billing billing = instance();
    List<OrgId> orgs = provision(billing, 1);
    OrgId org = orgs.get(0);
    clock.advance(Duration.ofDays(14));
    billing.work().runDue();
    Actor job = Actor.job("seats");

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> changes = new ArrayList<>();
      for (int seats : new int[] {4, 7}) {
        changes.add(pool.submit(() -> billing.subscriptions().changeSeats(job, org, seats, ProrationBehavior.CREATE_PRORATIONS)));
      }
      for (Future<?> f : changes) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    Subscription sub = billing.subscriptions().current(job, org).orElseThrow();
    assertThat(sub.seats()).isIn(4, 7);
    // Both changes were prorated: 1 → x, then x → y, each a credit and a charge.
    int pending = store.inTenant(org, tx -> tx.subscriptions().schedule(sub.id()).pendingProrations().size());
    assertThat(pending).isEqualTo(4);
    assertThat(billing.audit().query(Actor.operator("ops"), org,
        io.nobill.core.audit.AuditQuery.ALL.withAction("subscription.updated"), 0, 100))
        .filteredOn(e -> e.after().containsKey("seats")).hasSize(2);
  }
}
