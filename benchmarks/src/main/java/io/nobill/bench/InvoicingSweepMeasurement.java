package io.nobill.bench;

import io.nobill.core.access.Actor;
import io.nobill.core.Billing;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.payment.SimulatedCardCollector;
import io.nobill.core.subscription.Subscription;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.subscription.SubscriptionStatus;
import io.nobill.core.tax.regional.RegionalTaxTable;
import io.nobill.core.work.SweepOutcome;
import io.nobill.core.work.WorkSummary;
import io.nobill.jdbc.JdbcBillingStore;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The period-end run for many organizations, measured once (a sweep over 10,000 organizations
 * is one long operation, not something JMH should repeat): every organization is on Pro with
 * 3 seats and a card that pays, its first period ends at the same instant, and the clock is moved
 * past it plus the invoice delay. The figure is the wall time of {@code work().runDue()} called
 * until a run finds nothing left: each subscription renewed with its invoice rated, taxed,
 * finalized and posted, then collected and the payment posted. Organizations are set up (and
 * their trials converted, which is the same sweep once) before the clock starts.
 *
 * <p>The store is the JDBC store on PostgreSQL and on an H2 file; the baseline is the same run
 * on the in-memory store, so the ratio is what durable storage costs. Target: under 60 s for
 * 10,000 organizations on PostgreSQL. {@code -Dbench.orgs=} changes the count, {@code
 * -Dbench.stores=postgresql} (or {@code h2}) runs one database only.
 */
final class InvoicingSweepMeasurement {
  static final String NAME = "invoicingSweep";
  private static final int WORKERS = Integer.getInteger("bench.sweepWorkers", 4);
  private static final Instant START = Instant.parse("2026-01-01T09:00:00Z");

  private InvoicingSweepMeasurement() {}

  /** Runs the measurement and prints its {@code RESULT} lines. */
  static void run(PrintStream out) {
    int orgs = Integer.getInteger("bench.orgs", 10_000);
    out.printf(Locale.ROOT, "# %s: %,d organizations, one period-end run per store, %d sweep workers%n", NAME, orgs,
        WORKERS);
    double baseline = seconds(InMemoryBillingStore.create(), orgs, out, "in-memory");
    List<String> lines = new ArrayList<>();
    String stores = System.getProperty("bench.stores", "h2,postgresql").toUpperCase(Locale.ROOT);
    for (BenchDatabases.Kind kind : BenchDatabases.Kind.values()) {
      if (!stores.contains(kind.name())) {
        continue;
      }
      try (JdbcBillingStore store = BenchDatabases.create(kind).store(WORKERS + 1)) {
        double s = seconds(store, orgs, out, kind.name());
        lines.add(String.format(Locale.ROOT, "RESULT name=%s.%s value=%.1f unit=s/%dorgs baseline=%.1f ratio=%.4f",
            NAME, kind == BenchDatabases.Kind.H2 ? "h2" : "postgresql", s, orgs, baseline, s / baseline));
      }
    }
    lines.forEach(out::println);
  }

  /** Sets up {@code orgs} organizations on {@code store} and returns the seconds their period-end run takes. */
  private static double seconds(BillingStore store, int orgs, PrintStream out, String label) {
    SettableClock clock = new SettableClock(START);
    Billing billing = Billing.builder().store(store).catalog(SeedCatalog.create("EUR"))
        .taxCalculator(RegionalTaxTable.builder().sellerCountry("DE").build())
        .subscriptions(SubscriptionSettings.defaults(SeedCatalog.PRO))
        .paymentCollector(new SimulatedCardCollector())
        .sweepWorkers(WORKERS)
        .clock(clock).idGenerator(IdGenerator.timeOrdered(clock)).build();
    long setupStart = System.nanoTime();
    List<OrgId> ids = new ArrayList<>(orgs);
    for (int i = 0; i < orgs; i++) {
      UserId owner = billing.ids().next(UserId::of);
      Actor actor = Actor.member(owner);
      OrgId org = billing.organizations().provision(actor, new NewOrganization(Optional.empty(), "Org " + i,
          "billing@org" + i + ".example", "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, owner)).id();
      billing.subscriptions().attachPaymentMethod(actor, org, "pm_card_visa");
      billing.subscriptions().changeSeats(actor, org, 3, io.nobill.core.rating.ProrationBehavior.NONE);
      ids.add(org);
    }
    // The trials end together: converting them is the same run once, outside the measurement.
    Subscription first = billing.subscriptions().current(Actor.job("bench"), ids.get(0)).orElseThrow();
    clock.instant = first.trialEnd().orElseThrow().plus(Duration.ofHours(2));
    drain(billing);
    Subscription active = billing.subscriptions().current(Actor.job("bench"), ids.get(0)).orElseThrow();
    check(active.status() == SubscriptionStatus.ACTIVE, label + ": the trial did not convert: " + active.status());

    // Revenue recognized up to the period's last minute, as a host's daily runs would have done,
    // so the measured run is the period end, not a month of catching up.
    clock.instant = active.currentPeriod().end().minus(Duration.ofMinutes(1));
    drain(billing);
    double setup = (System.nanoTime() - setupStart) / 1e9;

    clock.instant = active.currentPeriod().end().plus(Duration.ofHours(2));
    long start = System.nanoTime();
    int runs = drain(billing);
    double seconds = (System.nanoTime() - start) / 1e9;

    int invoices = 0;
    for (OrgId org : List.of(ids.get(0), ids.get(ids.size() - 1))) {
      Subscription s = billing.subscriptions().current(Actor.job("bench"), org).orElseThrow();
      check(s.currentPeriod().start().equals(active.currentPeriod().end()), label + ": " + org + " was not renewed");
      invoices = billing.invoices().list(Actor.job("bench"), org, Optional.empty(), Optional.empty(), 10).size();
      check(invoices == 2, label + ": " + org + " has " + invoices + " invoices, not 2");
      check(billing.ledger().trialBalance(Actor.job("bench"), org).isBalanced(), label + ": books of " + org);
    }
    out.printf(Locale.ROOT, "# %-10s set-up %.1f s; period-end run %.2f s in %d runDue calls (%.0f organizations/s)%n",
        label, setup, seconds, runs, orgs / seconds);
    return seconds;
  }

  /** Calls {@code runDue} until a run does nothing; returns how many runs did something. */
  private static int drain(Billing billing) {
    int runs = 0;
    while (true) {
      WorkSummary summary = billing.work().runDue();
      int done = 0;
      for (SweepOutcome o : summary.outcomes()) {
        check(o.failure().isEmpty(), "sweep " + o.sweep() + " failed: " + o.failure());
        done += o.result().map(r -> r.done() + r.failed() + r.skipped()).orElse(0);
      }
      if (done == 0) {
        return runs;
      }
      runs++;
    }
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException(message);
    }
  }

}
