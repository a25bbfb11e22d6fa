package io.nobill.examples.quickstart;

import io.nobill.core.AccessDeniedException;
import io.nobill.core.Actor;
import io.nobill.core.Billing;
import io.nobill.core.InvalidRequestException;
import io.nobill.core.access.Role;
import io.nobill.core.audit.AuditVerification;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.PaymentId;
import io.nobill.core.id.UserId;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceRenderer;
import io.nobill.core.invoice.InvoiceRequest;
import io.nobill.core.ledger.AccountBalance;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.ledger.TrialBalance;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.org.Organization;
import io.nobill.core.rating.Rating;
import io.nobill.core.rating.RatingInput;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.subscription.SimulatedCardCollector;
import io.nobill.core.subscription.Subscription;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.subscription.SubscriptionStatus;
import io.nobill.core.subscription.Subscriptions;
import io.nobill.core.usage.UsageEvent;
import io.nobill.core.rating.ProrationBehavior;
import io.nobill.core.id.OrgId;
import java.time.LocalDate;
import io.nobill.core.tax.RegionalTaxTable;
import io.nobill.core.tax.TaxBehavior;
import io.nobill.core.tax.TaxProfile;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The quickstart: what NOBill does today, end to end, using only its public API.
 *
 * <p>Run it with the first command of the README's "Try it" section.
 */
public final class Quickstart {

  private final PrintStream out;

  public Quickstart(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    try {
      new Quickstart(System.out).run();
    } catch (RuntimeException e) {
      System.err.println("quickstart failed: " + e);
      e.printStackTrace();
      System.exit(1);
    }
  }

  /** Runs the walk-through and returns its summary. */
  public Summary run() {
    // A fixed clock and sequential ids make every run print the same; a host passes
    // Clock.systemUTC() (or nothing) and keeps the default time-ordered ids.
    Clock clock = Clock.fixed(Instant.parse("2026-02-01T06:00:00Z"), ZoneOffset.UTC);
    Billing billing = Billing.builder()
        .store(InMemoryBillingStore.create())
        .catalog(SeedCatalog.create("EUR"))
        .taxCalculator(RegionalTaxTable.builder().sellerCountry("DE").build())
        .clock(clock)
        .idGenerator(IdGenerator.sequential())
        .build();
    Actor platform = Actor.operator("quickstart-operator");
    Actor invoicing = Actor.job("quickstart-invoicing");

    section("Money is exact");
    Money net = Money.ofMajor("49.00", "EUR");
    Money vat = net.multiply(new BigDecimal("0.19"), RoundingMode.HALF_UP);
    List<Money> thirds = Money.ofMajor("100.00", "EUR").allocate(1, 1, 1);
    out.printf("  EUR 49.00 + 19%% VAT = %s; EUR 100.00 in three: %s%n", net.plus(vat), thirds);
    try {
      Money.ofMajor("1,2", "EUR");
    } catch (InvalidRequestException e) {
      out.printf("  \"1,2\" is refused: field=%s, rule: %s%n", e.field(), e.rule());
    }

    section("An organization, its members and their roles");
    UserId anna = billing.ids().next(UserId::of);
    UserId ben = billing.ids().next(UserId::of);
    UserId clara = billing.ids().next(UserId::of);
    UserId dan = billing.ids().next(UserId::of);
    Organization acme = billing.organizations().provision(platform, new NewOrganization(Optional.empty(),
        "Müller & Söhne GmbH", "rechnung@mueller-soehne.example", "DE", Optional.of("DE123456789"), Money.currency("EUR"),
        Locale.GERMANY, anna));
    billing.organizations().addMember(Actor.member(anna), acme.id(), ben, Role.ADMIN);
    billing.organizations().addMember(Actor.member(ben), acme.id(), clara, Role.BILLING_MANAGER);
    billing.organizations().addMember(Actor.member(ben), acme.id(), dan, Role.MEMBER);
    billing.organizations().members(Actor.member(dan), acme.id()).forEach(m ->
        out.printf("  %-15s %s%n", m.role(), m.user()));
    try {
      billing.organizations().addMember(Actor.member(dan), acme.id(), billing.ids().next(UserId::of), Role.ADMIN);
    } catch (AccessDeniedException e) {
      out.printf("  denied: %s%n", e.getMessage());
    }

    section("February's invoice: Pro, 3 seats in advance, January's API calls in arrears");
    Plan pro = billing.catalog().latest(SeedCatalog.PRO).orElseThrow();
    Period january = new Period(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"));
    Period february = new Period(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"));
    RatingInput rating = new RatingInput(pro, PricingOverrides.NONE, Optional.of(february), 3, Optional.of(january),
        Map.of(SeedCatalog.API_CALLS, new BigDecimal("250000")), List.of(), List.of());
    InvoiceRequest request = new InvoiceRequest(Rating.rate(rating), Optional.of(pro.ref()),
        new TaxProfile("DE", Optional.empty(), acme.taxId(), false), TaxBehavior.EXCLUSIVE, 14);
    Invoice draft = billing.invoices().draft(invoicing, acme.id(), request);
    Invoice invoice = billing.invoices().finalizeDraft(invoicing, acme.id(), draft.id());
    out.println();
    out.print(InvoiceRenderer.text(invoice, Locale.US));
    out.println();
    out.print(InvoiceRenderer.text(invoice));

    section("The customer pays; the books balance");
    billing.invoices().markPaid(invoicing, acme.id(), invoice.id(), billing.ids().next(PaymentId::of));
    TrialBalance books = billing.ledger().trialBalance(Actor.member(clara), acme.id());
    out.printf("  %-18s %12s %12s %12s%n", "account", "debits", "credits", "balance");
    for (AccountBalance line : books.accounts()) {
      if (!line.debits().isZero() || !line.credits().isZero()) {
        out.printf("  %-18s %12s %12s %12s%n", line.account().code(), line.debits(), line.credits(), line.net());
      }
    }
    out.printf("  debits minus credits: %s (balanced: %b)%n", books.difference(Money.currency("EUR")), books.isBalanced());

    section("The audit trail");
    billing.audit().query(Actor.member(anna), acme.id(), io.nobill.core.audit.AuditQuery.ALL, 0, 100).forEach(e ->
        out.printf("  #%-3d %-30s %-46s %s%n", e.sequence(), e.action(), e.actor(), e.target().kind()));
    AuditVerification chain = billing.audit().verify(Actor.member(clara), acme.id());
    out.printf("  verification: %s%n", chain);

    YearSummary year = runAYear();

    Summary summary = new Summary(invoice.number().orElseThrow(), invoice.total(), books.isBalanced(),
        books.net(AccountCode.CASH_CLEARING, Money.currency("EUR")), chain.intact(), year);
    section("Summary");
    out.printf("  %s: invoice %s total %s, books balanced=%b, cash=%s, audit intact=%b%n", acme.name(), summary.invoiceNumber(),
        summary.invoiceTotal(), summary.booksBalanced(), summary.cash(), summary.auditIntact());
    out.printf("  Globex Inc.: %d invoices, collected %s, revenue %s, final status %s, audit intact=%b%n", year.invoices(),
        year.collected(), year.revenue(), year.finalStatus(), year.auditIntact());
    return summary;
  }

  private void section(String title) {
    out.println();
    out.println("== " + title);
  }

  /**
   * A year with NOBill as the billing authority: a clock moved day by day, the background
   * work run every day at 10:00 as a host's scheduler would.
   */
  private YearSummary runAYear() {
    section("A year of Globex with the billing engine (trial, seats, usage, upgrade, dunning, cancellation)");
    TestableClock clock = new TestableClock(Instant.parse("2026-01-01T09:00:00Z"));
    Billing billing = Billing.builder()
        .store(InMemoryBillingStore.create())
        .catalog(SeedCatalog.create("EUR"))
        .taxCalculator(RegionalTaxTable.builder().sellerCountry("DE").build())
        .subscriptions(SubscriptionSettings.defaults(SeedCatalog.PRO))
        .paymentCollector(new SimulatedCardCollector())
        .listener("print", event -> { })
        .clock(clock)
        .idGenerator(IdGenerator.sequential())
        .build();
    UserId owner = billing.ids().next(UserId::of);
    Actor bob = Actor.member(owner);
    OrgId globex = billing.organizations().provision(bob, new NewOrganization(Optional.empty(), "Globex Inc.",
        "ap@globex.example", "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, owner)).id();
    Actor job = Actor.job("quickstart");
    out.printf("  %-10s %-10s %-14s %14s %14s%n", "month end", "status", "plan, seats", "billed", "revenue");
    for (LocalDate day = LocalDate.of(2026, 1, 1); day.isBefore(LocalDate.of(2027, 1, 1)); day = day.plusDays(1)) {
      clock.set(day.atTime(10, 0).toInstant(ZoneOffset.UTC));
      switch (day.toString()) {
        case "2026-01-03" -> {
          billing.subscriptions().attachPaymentMethod(bob, globex, "pm_card_visa");
          billing.subscriptions().subscribe(bob, globex, SeedCatalog.PRO, 3);
        }
        case "2026-01-25" -> billing.subscriptions().changeSeats(bob, globex, 5, ProrationBehavior.CREATE_PRORATIONS);
        case "2026-03-01" -> billing.subscriptions().changePlan(bob, globex, SeedCatalog.ENTERPRISE,
            Subscriptions.ChangeTiming.NOW, ProrationBehavior.ALWAYS_INVOICE);
        case "2026-04-10" -> billing.subscriptions().attachPaymentMethod(bob, globex, "pm_card_chargeDeclined");
        case "2026-04-17" -> billing.subscriptions().attachPaymentMethod(bob, globex, "pm_card_visa");
        case "2026-12-01" -> billing.subscriptions().cancel(bob, globex, true, false);
        default -> { }
      }
      Subscription sub = billing.subscriptions().current(job, globex).orElseThrow();
      if (sub.status() == SubscriptionStatus.ACTIVE || sub.status() == SubscriptionStatus.PAST_DUE) {
        billing.usage().record(job, globex, UsageEvent.of(SeedCatalog.API_CALLS, "calls-" + day.minusDays(1),
            day.minusDays(1).atTime(12, 0).toInstant(ZoneOffset.UTC), BigDecimal.valueOf(50_000)));
      }
      billing.work().runDue();
      if (day.plusDays(1).getDayOfMonth() == 1) {
        Subscription s = billing.subscriptions().current(job, globex).orElseThrow();
        TrialBalance tb = billing.ledger().trialBalance(job, globex);
        out.printf("  %-10s %-10s %-14s %14s %14s%n", day, s.status(), s.plan().key() + ", " + s.seats(),
            tb.net(AccountCode.RECEIVABLE, Money.currency("EUR")).plus(tb.net(AccountCode.CASH_CLEARING, Money.currency("EUR"))),
            tb.net(AccountCode.REVENUE, Money.currency("EUR")));
      }
    }
    TrialBalance tb = billing.ledger().trialBalance(job, globex);
    int invoices = billing.invoices().list(job, globex, Optional.empty(), Optional.empty(), 100).size();
    boolean intact = billing.audit().verify(bob, globex).intact();
    out.printf("  books balanced: %b; audit chain: %s%n", tb.isBalanced(), intact ? "intact" : "BROKEN");
    return new YearSummary(invoices, tb.net(AccountCode.CASH_CLEARING, Money.currency("EUR")),
        tb.net(AccountCode.REVENUE, Money.currency("EUR")),
        billing.subscriptions().current(job, globex).orElseThrow().status(), intact && tb.isBalanced());
  }

  /** A clock the quickstart moves through its year. */
  private static final class TestableClock extends Clock {
    private volatile Instant now;

    TestableClock(Instant start) {
      this.now = start;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  /** What the year of Globex ends with. */
  public record YearSummary(int invoices, Money collected, Money revenue, SubscriptionStatus finalStatus,
      boolean auditIntact) {}

  /** The figures the quickstart ends with; its test asserts them. */
  public record Summary(String invoiceNumber, Money invoiceTotal, boolean booksBalanced, Money cash, boolean auditIntact,
      YearSummary year) {}
}
