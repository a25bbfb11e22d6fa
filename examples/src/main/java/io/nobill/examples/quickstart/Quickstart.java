package io.nobill.examples.quickstart;

import io.nobill.core.access.AccessDeniedException;
import io.nobill.core.access.Actor;
import io.nobill.core.Billing;
import io.nobill.core.event.BillingEvent;
import io.nobill.core.access.Role;
import io.nobill.core.audit.AuditVerification;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceRenderer;
import io.nobill.core.invoice.Seller;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.ledger.TrialBalance;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.rating.ProrationBehavior;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.payment.SimulatedCardCollector;
import io.nobill.core.subscription.Subscription;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.subscription.SubscriptionStatus;
import io.nobill.core.subscription.Subscriptions;
import io.nobill.core.tax.regional.RegionalTaxTable;
import io.nobill.core.usage.UsageEvent;
import io.nobill.core.usage.UsageResult;
import io.nobill.core.work.SweepOutcome;
import io.nobill.core.work.WorkSummary;
import io.nobill.jdbc.JdbcBillingStore;
import io.nobill.testing.TestClock;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The quickstart: a year of billing for three organizations on a real database, using only
 * NOBill's public API.
 *
 * <p>The README's first command runs it on an H2 file database under {@code ./target}, which
 * it deletes first so every run starts clean. A {@code jdbc:postgresql:} URL as the first
 * argument, or in {@code NOBILL_JDBC_URL} (with {@code NOBILL_JDBC_USER} and {@code
 * NOBILL_JDBC_PASSWORD}), runs it on PostgreSQL instead; NOBill's migrations create its tables
 * beside whatever the database holds, and a second run adds three new organizations.
 *
 * <p>A test clock moves through 2026 day by day, and the background work runs every morning
 * as a host's scheduler would:
 * <ul>
 *   <li><b>Müller &amp; Söhne GmbH</b> (Germany, invoices in German): members in every role and
 *       an action denied to a member; a Pro trial converted with 3 seats; API calls sent daily,
 *       each day's batch sent twice; a late event; 5 seats from March 10 with proration; an
 *       upgrade to Enterprise on June 20, prorated and invoiced at once; a declined renewal in
 *       August, dunning, and recovery with a new card.
 *   <li><b>Globex Ltd</b> (Ireland, VAT id: EU reverse charge): Starter after its trial, canceled
 *       at the end of its period in October.
 *   <li><b>Initech BV</b> (the Netherlands): a trial that ends without a card.
 * </ul>
 * A listener prints every outbound event; each month end prints the invoices finalized in the
 * month, the MRR and whether every organization's books balance; the end verifies each audit
 * chain and prints a summary line per organization.
 */
public final class Quickstart {
  private static final Currency EUR = Money.currency("EUR");
  private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);
  private static final LocalDate LAST_DAY = LocalDate.of(2026, 12, 31);
  private static final Actor GATEWAY = Actor.job("api-gateway");
  private static final Actor REPORTS = Actor.job("month-end-report");

  private final PrintStream out;

  public Quickstart(PrintStream out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /** Where the quickstart keeps its data: a JDBC URL with its credentials. */
  public record Database(String jdbcUrl, String user, String password, String description, boolean fresh) {
    public Database {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(description, "description");
    }

    /** A new, empty H2 file database at {@code dir}: whatever an earlier run left there is deleted. */
    public static Database freshH2(Path dir) {
      try {
        if (Files.isDirectory(dir)) {
          try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
              if (f.getFileName().toString().startsWith("billing.")) {
                Files.delete(f);
              }
            }
          }
        }
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare " + dir, e);
      }
      return new Database(JdbcBillingStore.h2FileUrl(dir.resolve("billing")), "sa", "",
          "H2 file database " + dir.resolve("billing.mv.db"), true);
    }

    /** A database of the caller's, PostgreSQL or H2, which may hold earlier runs. */
    public static Database of(String jdbcUrl, String user, String password) {
      return new Database(jdbcUrl, user, password, jdbcUrl.replaceAll("password=[^&;]*", "password=***"), false);
    }
  }

  public static void main(String[] args) {
    String url = args.length > 0 ? args[0] : System.getenv("NOBILL_JDBC_URL");
    Database db = url == null || url.isBlank()
        ? Database.freshH2(Path.of("target", "quickstart"))
        : Database.of(url, Optional.ofNullable(System.getenv("NOBILL_JDBC_USER")).orElse("postgres"),
            Optional.ofNullable(System.getenv("NOBILL_JDBC_PASSWORD")).orElse(""));
    try {
      Summary summary = new Quickstart(System.out).run(db);
      if (!summary.allBalancedAndIntact()) {
        System.err.println("quickstart failed: a trial balance is not zero or an audit chain is broken");
        System.exit(1);
      }
    } catch (RuntimeException e) {
      System.err.println("quickstart failed: " + e);
      e.printStackTrace();
      System.exit(1);
    }
  }

  /** One organization of the walk-through and what it ended with. */
  public record OrgSummary(String name, int invoices, Money collected, Money revenue, Money tax, Money mrr,
      SubscriptionStatus finalStatus, boolean booksBalanced, long auditEntries, boolean auditIntact) {}

  /** What the year ended with; the quickstart's test asserts it. */
  public record Summary(List<OrgSummary> organizations, Map<LocalDate, Money> mrrAtMonthEnd, int eventsReceived,
      Map<String, Integer> usageResults) {
    public OrgSummary org(String name) {
      return organizations.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    public boolean allBalancedAndIntact() {
      return organizations.stream().allMatch(o -> o.booksBalanced() && o.auditIntact());
    }
  }

  /** Runs the year on {@code db} and returns its summary. */
  public Summary run(Database db) {
    Objects.requireNonNull(db, "db");
    out.println("NOBill quickstart: a year of billing for three organizations");
    out.println("  database: " + db.description());
    if (db.fresh()) {
      out.println("  (pass a jdbc:postgresql: URL, or set NOBILL_JDBC_URL, to run it on PostgreSQL)");
    }
    TestClock clock = TestClock.at(FIRST_DAY.atTime(10, 0).toInstant(ZoneOffset.UTC));
    Map<OrgId, String> names = new LinkedHashMap<>();
    List<BillingEvent> received = new ArrayList<>();
    try (JdbcBillingStore store = JdbcBillingStore.builder().jdbcUrl(db.jdbcUrl(), db.user(), db.password()).build()) {
      Billing billing = Billing.builder()
          .store(store)
          .catalog(SeedCatalog.create("EUR"))
          .taxCalculator(RegionalTaxTable.builder().sellerCountry("DE").build())
          // Who issues the invoices: printed on each, copied onto each when it is finalized.
          .seller(Seller.builder().legalName("NOBill Demo GmbH")
              .address(List.of("Beispielstraße 1"), "10115", "Berlin", "DE")
              .taxRegistration("DE", "VAT", "DE811569869")
              .email("billing@nobill.example")
              .bank("DE89 3704 0044 0532 0130 00", "COBADEFFXXX", "NOBill Demo GmbH")
              .build())
          .invoiceNumbering("INV-{yyyy}-{seq:6}")                         // one gap-free series for every customer
          .subscriptions(SubscriptionSettings.defaults(SeedCatalog.PRO))   // every new organization: a Pro trial
          .paymentCollector(new SimulatedCardCollector())                 // Stripe's test cards, simulated
          .listener("print", event -> {
            received.add(event);
            out.printf("  %s  %-20s %-21s %s%n", date(event.occurredAt()), names.getOrDefault(event.org(), "?"),
                event.getClass().getSimpleName(), describe(event));
          })
          .clock(clock)
          // Sequential ids make a run on a fresh database print the same every time; on a
          // database that may hold earlier runs they are UUIDv7s, so a run adds new organizations.
          .idGenerator(db.fresh() ? IdGenerator.sequential() : IdGenerator.timeOrdered(clock))
          .build();
      return new Year(billing, clock, names, received).run();
    }
  }

  /** The year itself: its organizations, its calendar of actions, its month ends. */
  private final class Year {
    private final Billing billing;
    private final TestClock clock;
    private final Map<OrgId, String> names;
    private final List<BillingEvent> received;
    private final Map<LocalDate, Money> mrr = new LinkedHashMap<>();
    private final Map<String, Integer> usageResults = new LinkedHashMap<>();
    private final Set<InvoiceId> printedInvoices = new HashSet<>();
    private final Map<UserId, String> people = new LinkedHashMap<>();
    private final Map<OrgId, UserId> owners = new LinkedHashMap<>();
    private final UserId anna;
    private final UserId ben;
    private final UserId clara;
    private final UserId dan;
    private final UserId gwen;
    private final UserId ivo;
    private OrgId mueller;
    private OrgId globex;
    private OrgId initech;

    Year(Billing billing, TestClock clock, Map<OrgId, String> names, List<BillingEvent> received) {
      this.billing = billing;
      this.clock = clock;
      this.names = names;
      this.received = received;
      this.anna = billing.ids().next(UserId::of);
      this.ben = billing.ids().next(UserId::of);
      this.clara = billing.ids().next(UserId::of);
      this.dan = billing.ids().next(UserId::of);
      this.gwen = billing.ids().next(UserId::of);
      this.ivo = billing.ids().next(UserId::of);
      for (Map.Entry<UserId, String> p : Map.of(anna, "anna", ben, "ben", clara, "clara", dan, "dan", gwen, "gwen",
          ivo, "ivo").entrySet()) {
        people.put(p.getKey(), p.getValue());
      }
    }

    Summary run() {
      section("The year, day by day: what the host does, and each event as its listener receives it");
      for (LocalDate day = FIRST_DAY; !day.isAfter(LAST_DAY); day = day.plusDays(1)) {
        clock.set(day.atTime(10, 0).toInstant(ZoneOffset.UTC));
        runTheDailyJob();                // trials, renewals, dunning, revenue, events
        actionsOn(day);
        sendYesterdaysApiCalls(day);
        if (day.plusDays(1).getDayOfMonth() == 1) {
          monthEnd(day);
        }
      }
      clock.set(LAST_DAY.plusDays(1).atTime(10, 0).toInstant(ZoneOffset.UTC));
      runTheDailyJob();                  // delivers the last day's events
      return summary();
    }

    /** The host's scheduled job; a walk-through stops at the first thing that did not work. */
    private void runTheDailyJob() {
      WorkSummary work = billing.work().runDue();
      for (SweepOutcome o : work.outcomes()) {
        if (o.failed() || o.result().map(r -> r.failed() > 0).orElse(false)) {
          throw new IllegalStateException("sweep " + o.sweep() + " failed on " + date(clock.instant()) + ": "
              + o.result().map(Object::toString).orElse("the whole sweep threw"), o.failure().orElse(null));
        }
      }
    }

    private void actionsOn(LocalDate day) {
      switch (day.toString()) {
        case "2026-01-01" -> {
          mueller = provision("Müller & Söhne GmbH", "rechnung@mueller-soehne.example", "DE", "DE123456789",
              Locale.GERMANY, anna);
          billing.organizations().addMember(Actor.member(anna), mueller, ben, Role.ADMIN);
          billing.organizations().addMember(Actor.member(ben), mueller, clara, Role.BILLING_MANAGER);
          billing.organizations().addMember(Actor.member(ben), mueller, dan, Role.MEMBER);
          say("Müller & Söhne: members %s", String.join(", ", billing.organizations().members(Actor.member(clara), mueller)
              .stream().map(m -> people.get(m.user()) + " (" + m.role() + ")").toList()));
        }
        case "2026-01-05" -> {
          // The billing manager puts a card on file and chooses what the trial converts to.
          billing.subscriptions().attachPaymentMethod(Actor.member(clara), mueller, "pm_card_visa");
          billing.subscriptions().subscribe(Actor.member(clara), mueller, SeedCatalog.PRO, 3);
          say("Müller & Söhne: clara (billing manager) adds a card and chooses Pro with 3 seats");
          try {
            billing.subscriptions().changeSeats(Actor.member(dan), mueller, 10, ProrationBehavior.CREATE_PRORATIONS);
            throw new IllegalStateException("a member must not be able to change seats");
          } catch (AccessDeniedException e) {
            say("Müller & Söhne: dan (member) tries 10 seats and is denied: %s", e.getMessage());
          }
        }
        case "2026-02-01" -> {
          globex = provision("Globex Ltd", "accounts@globex.example", "IE", "IE6388047V", Locale.UK, gwen);
          billing.subscriptions().attachPaymentMethod(Actor.member(gwen), globex, "pm_card_visa");
          billing.subscriptions().subscribe(Actor.member(gwen), globex, SeedCatalog.STARTER, 1);
          say("Globex: a card on file, Starter chosen for after the trial");
        }
        case "2026-02-15" -> lateEvent();
        case "2026-03-01" -> initech = provision("Initech BV", "finance@initech.example", "NL", null, Locale.US, ivo);
        case "2026-03-10" -> {
          billing.subscriptions().changeSeats(Actor.member(clara), mueller, 5, ProrationBehavior.CREATE_PRORATIONS);
          say("Müller & Söhne: 3 → 5 seats, prorated on the next invoice");
        }
        case "2026-06-20" -> {
          billing.subscriptions().changePlan(Actor.member(clara), mueller, SeedCatalog.ENTERPRISE,
              Subscriptions.ChangeTiming.NOW, ProrationBehavior.ALWAYS_INVOICE);
          say("Müller & Söhne: upgrade to Enterprise now, the proration invoiced at once");
        }
        case "2026-08-10" -> {
          billing.subscriptions().attachPaymentMethod(Actor.member(clara), mueller, "pm_card_chargeDeclined");
          say("Müller & Söhne: the card on file is replaced by one that will be declined");
        }
        case "2026-08-18" -> {
          billing.subscriptions().attachPaymentMethod(Actor.member(clara), mueller, "pm_card_visa");
          say("Müller & Söhne: clara puts a working card on file; the next retry collects");
        }
        case "2026-09-20" -> {
          billing.subscriptions().cancel(Actor.member(gwen), globex, true, false);
          say("Globex: cancels at the end of its period");
        }
        default -> { }
      }
    }

    private OrgId provision(String name, String email, String country, String vatId, Locale locale, UserId owner) {
      OrgId id = billing.organizations().provision(Actor.member(owner), new NewOrganization(Optional.empty(), name, email,
          country, Optional.ofNullable(vatId), EUR, locale, owner)).id();
      names.put(id, shortName(name));
      owners.put(id, owner);
      Subscription trial = billing.subscriptions().current(Actor.member(owner), id).orElseThrow();
      say("%s signs up (%s%s): a %s trial until %s", shortName(name), country, vatId == null ? "" : ", VAT id " + vatId,
          trial.plan().key(), date(trial.trialEnd().orElseThrow()));
      return id;
    }

    /** The API gateway's morning upload of yesterday's calls, sent twice as a retrying client would. */
    private void sendYesterdaysApiCalls(LocalDate day) {
      if (mueller == null || day.equals(FIRST_DAY)) {
        return;
      }
      Subscription sub = billing.subscriptions().current(GATEWAY, mueller).orElseThrow();
      if (sub.status() == SubscriptionStatus.CANCELED) {
        return;
      }
      LocalDate yesterday = day.minusDays(1);
      // About 1.1 million calls a month: past Pro's 1,000,000 included (a soft limit), so billed in tiers.
      BigDecimal calls = BigDecimal.valueOf(34_000 + 1_000L * (yesterday.getDayOfMonth() % 7));
      List<UsageEvent> batch = List.of(
          UsageEvent.of(SeedCatalog.API_CALLS, "calls-" + yesterday, yesterday.atTime(23, 0).toInstant(ZoneOffset.UTC), calls));
      // The gateway did not hear back the first time and sends the same batch again: the second
      // is recognized by its idempotency key and not counted.
      for (int attempt = 0; attempt < 2; attempt++) {
        for (UsageResult r : billing.usage().recordAll(GATEWAY, mueller, batch)) {
          usageResults.merge(r.getClass().getSimpleName(), 1, Integer::sum);
        }
      }
    }

    /**
     * An event that happened in the period that just ended, arriving after its end but before its
     * invoice was finalized (NOBill waits an hour, as Stripe does): it counts in that period.
     */
    private void lateEvent() {
      Subscription sub = billing.subscriptions().current(GATEWAY, mueller).orElseThrow();
      Instant end = sub.currentPeriod().end();
      Instant before = clock.instant();
      clock.set(end.plusSeconds(20 * 60));
      UsageResult r = billing.usage().record(GATEWAY, mueller, UsageEvent.of(SeedCatalog.API_CALLS, "late-batch-17",
          end.minusSeconds(5 * 60), new BigDecimal("12500")));
      usageResults.merge(r.getClass().getSimpleName(), 1, Integer::sum);
      say("Müller & Söhne: 12,500 calls made 5 minutes before the period ended on %s arrive 20 minutes after it: %s",
          date(end), r.getClass().getSimpleName());
      clock.set(before);
    }

    private void monthEnd(LocalDate day) {
      // The invoices finalized this month, rendered in each organization's language.
      for (OrgId org : names.keySet()) {
        for (Invoice invoice : billing.invoices().list(REPORTS, org, Optional.empty(), Optional.empty(), 100)) {
          if (invoice.number().isPresent() && printedInvoices.add(invoice.id())) {
            out.println();
            out.print(indent(InvoiceRenderer.text(invoice)));
          }
        }
      }
      Money total = Money.zero(EUR);
      StringBuilder line = new StringBuilder();
      boolean balanced = true;
      for (OrgId org : names.keySet()) {
        Money m = billing.subscriptions().monthlyRecurringRevenue(REPORTS, org);
        total = total.plus(m);
        line.append(line.length() == 0 ? "" : ", ").append(names.get(org)).append(' ').append(m);
        balanced &= billing.ledger().trialBalance(REPORTS, org).isBalanced();
      }
      mrr.put(day, total);
      out.println();
      out.printf("  == %s month end: MRR %s (%s); every trial balance zero: %s%n%n", day, total, line,
          balanced ? "yes" : "NO");
    }

    private Summary summary() {
      section("Trial balances at the end of the year (debits minus credits is zero in every book)");
      for (OrgId org : names.keySet()) {
        TrialBalance books = billing.ledger().trialBalance(REPORTS, org);
        say("%s", names.get(org));
        for (io.nobill.core.ledger.AccountBalance line : books.accounts()) {
          if (!line.debits().isZero() || !line.credits().isZero()) {
            say("  %-18s debits %14s  credits %14s  balance %14s", line.account().code(), line.debits(), line.credits(),
                line.net());
          }
        }
        say("  debits minus credits: %s", books.difference(EUR));
      }
      section("Audit chains");
      List<OrgSummary> orgs = new ArrayList<>();
      for (OrgId org : names.keySet()) {
        AuditVerification audit = billing.audit().verify(Actor.member(owners.get(org)), org);   // owners may read it
        say("%-20s %s", names.get(org), audit);
        TrialBalance books = billing.ledger().trialBalance(REPORTS, org);
        int invoices = (int) billing.invoices().list(REPORTS, org, Optional.empty(), Optional.empty(), 100).stream()
            .filter(i -> i.number().isPresent()).count();
        long entries = audit instanceof AuditVerification.Intact intact ? intact.entries() : -1;
        orgs.add(new OrgSummary(names.get(org), invoices, books.net(AccountCode.CASH_CLEARING, EUR),
            books.net(AccountCode.REVENUE, EUR), books.net(AccountCode.TAX_PAYABLE, EUR),
            billing.subscriptions().monthlyRecurringRevenue(REPORTS, org),
            billing.subscriptions().current(REPORTS, org).orElseThrow().status(), books.isBalanced(), entries,
            audit.intact()));
      }
      section("Summary");
      say("usage events: %s; outbound events received: %d", usageResults, received.size());
      for (OrgSummary o : orgs) {
        say("%-20s %2d invoices, collected %s, revenue %s, VAT %s, MRR %s, %s, books %s, audit %s", o.name(),
            o.invoices(), o.collected(), o.revenue(), o.tax(), o.mrr(), o.finalStatus(),
            o.booksBalanced() ? "balanced" : "NOT BALANCED", o.auditIntact() ? "intact" : "BROKEN");
      }
      return new Summary(List.copyOf(orgs), Map.copyOf(mrr), received.size(), Map.copyOf(usageResults));
    }
  }

  private static String describe(BillingEvent event) {
    if (event instanceof BillingEvent.SubscriptionCreated e) {
      return e.plan().key() + ", " + e.status().name().toLowerCase(Locale.ROOT)
          + e.trialEnd().map(t -> " until " + date(t)).orElse("");
    } else if (event instanceof BillingEvent.TrialWillEnd e) {
      return "trial ends " + date(e.trialEnd());
    } else if (event instanceof BillingEvent.SubscriptionActivated e) {
      return e.plan().key();
    } else if (event instanceof BillingEvent.SubscriptionChanged e) {
      return e.plan().key() + ", " + e.seats() + " seats" + (e.cancelAtPeriodEnd() ? ", cancels at period end" : "");
    } else if (event instanceof BillingEvent.SubscriptionCanceled e) {
      return e.reason();
    } else if (event instanceof BillingEvent.InvoiceFinalized e) {
      return e.number() + ", " + e.amountDue() + " due";
    } else if (event instanceof BillingEvent.InvoicePaid e) {
      return e.amount().toString();
    } else if (event instanceof BillingEvent.PaymentFailed e) {
      return "attempt " + e.attempt() + e.nextAttempt().map(t -> ", next attempt " + date(t)).orElse(", no more attempts");
    } else if (event instanceof BillingEvent.DunningStep e) {
      return "step " + e.step() + ": " + e.action();
    } else if (event instanceof BillingEvent.QuotaExceeded e) {
      return e.meter() + " " + e.used().toPlainString() + " of " + e.included().toPlainString() + " included";
    }
    return event.key();
  }

  private static String shortName(String name) {
    return name.startsWith("Müller") ? "Müller & Söhne" : name;
  }

  private static String date(Instant instant) {
    return instant.atZone(ZoneOffset.UTC).toLocalDate().toString();
  }

  private static String indent(String text) {
    return ("    " + text.replace("\n", "\n    ")).stripTrailing() + "\n";
  }

  private void section(String title) {
    out.println();
    out.println("== " + title);
  }

  private void say(String format, Object... args) {
    out.println("  " + String.format(Locale.ROOT, format, args));
  }
}
