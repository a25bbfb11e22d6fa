package io.nobill.examples.quickstart;

import io.nobill.core.Actor;
import io.nobill.core.Billing;
import io.nobill.core.InvalidRequestException;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.PaymentId;
import io.nobill.core.ledger.AccountBalance;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.ledger.LedgerFact;
import io.nobill.core.ledger.PostResult;
import io.nobill.core.ledger.TrialBalance;
import io.nobill.core.money.Money;
import io.nobill.core.org.Organization;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.tax.RegionalTaxTable;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The quickstart: what NOBill can do today, end to end, using only public API.
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
    // A fixed clock makes the run reproducible; a host passes Clock.systemUTC() or nothing.
    Clock clock = Clock.fixed(Instant.parse("2026-01-15T09:30:00Z"), ZoneOffset.UTC);
    Billing billing = Billing.builder()
        .store(InMemoryBillingStore.create())
        .catalog(SeedCatalog.create("EUR"))
        .taxCalculator(RegionalTaxTable.builder().sellerCountry("DE").build())
        .clock(clock)
        .build();

    section("Money is exact");
    Money price = Money.ofMajor("49.00", "EUR");
    Money vat = price.multiply(new BigDecimal("0.19"), RoundingMode.HALF_UP);
    List<Money> thirds = Money.ofMajor("100.00", "EUR").allocate(1, 1, 1);
    out.printf("  price %s + VAT 19%% %s = %s%n", price, vat, price.plus(vat));
    out.printf("  EUR 100.00 split three ways: %s (sums to %s)%n", thirds,
        thirds.get(0).plus(thirds.get(1)).plus(thirds.get(2)));
    out.printf("  JPY has no minor unit: %s; KWD has three: %s%n",
        Money.ofMajor("1500", "JPY"), Money.ofMajor("1.250", "KWD"));
    try {
      Money.ofMajor("1,2", "EUR");
    } catch (InvalidRequestException e) {
      out.printf("  \"1,2\" is rejected: field=%s rule=\"%s\"%n", e.field(), e.rule());
    }

    section("Ids are typed and time-ordered");
    OrgId acme = billing.ids().next(OrgId::of);
    OrgId globex = billing.ids().next(OrgId::of);
    out.printf("  acme   %s (UUID version %d)%n", acme, acme.value().version());
    out.printf("  globex %s (sorts after acme: %b)%n", globex, globex.compareTo(acme) > 0);

    section("Tenant data lives in tenant-scoped transactions");
    Instant now = billing.clock().instant();
    billing.store().inTenant(acme, tx -> {
      tx.organization().insert(new Organization(acme, "Acme GmbH", "billing@acme.example", "DE",
          Optional.of("DE123456789"), Money.currency("EUR"), Locale.GERMANY, now));
      return null;
    });
    billing.store().inTenant(globex, tx -> {
      tx.organization().insert(new Organization(globex, "Globex Inc.", "ap@globex.example", "US",
          Optional.empty(), Money.currency("USD"), Locale.US, now));
      return null;
    });
    Organization readBack = billing.store().inTenant(acme, tx -> tx.organization().find()).orElseThrow();
    out.printf("  read back in acme's scope: %s, %s, billed in %s%n",
        readBack.name(), readBack.country(), readBack.currency());
    try {
      billing.store().inTenant(globex, tx -> {
        tx.organization().insert(new Organization(globex, "Globex Inc.", "ap@globex.example", "US",
            Optional.empty(), Money.currency("USD"), Locale.US, now));
        return null;
      });
    } catch (RuntimeException e) {
      out.printf("  a second insert is refused: %s%n", e.getMessage());
    }
    List<OrgId> orgs = billing.store().inPlatform(tx -> tx.organizations(Optional.empty(), 100));
    out.printf("  the platform scope sees ids only: %d organizations%n", orgs.size());

    section("Every money movement is a balanced journal entry");
    Actor invoicing = Actor.job("quickstart");
    InvoiceId invoice = billing.ids().next(InvoiceId::of);
    // Finalizing an invoice: EUR 49.00 billed in advance plus 19% VAT.
    billing.ledger().record(invoicing, acme, new LedgerFact.InvoiceFinalized(invoice, "ACME-000001", now,
        price, Money.zero(price.currency()), vat));
    // The customer pays; recording the same payment twice posts it once.
    LedgerFact.PaymentSucceeded payment = new LedgerFact.PaymentSucceeded(billing.ids().next(PaymentId::of), invoice,
        now, price.plus(vat));
    billing.ledger().record(invoicing, acme, payment);
    Optional<PostResult> again = billing.ledger().record(invoicing, acme, payment);
    out.printf("  recording the payment again: %s%n", again.orElseThrow().getClass().getSimpleName());
    TrialBalance books = billing.ledger().trialBalance(acme);
    out.printf("  %-18s %12s %12s %12s%n", "account", "debits", "credits", "balance");
    for (AccountBalance line : books.accounts()) {
      if (!line.debits().isZero() || !line.credits().isZero()) {
        out.printf("  %-18s %12s %12s %12s%n", line.account().code(), line.debits(), line.credits(), line.net());
      }
    }
    out.printf("  debits minus credits: %s (balanced: %b)%n", books.difference(price.currency()), books.isBalanced());

    Summary summary = new Summary(orgs.size(), price.plus(vat), readBack.name(), books.isBalanced(),
        books.net(AccountCode.CASH_CLEARING, price.currency()));
    section("Summary");
    out.printf("  organizations=%d  gross=%s  first=%s  books balanced=%b  cash=%s%n", summary.organizations(),
        summary.gross(), summary.firstOrganization(), summary.booksBalanced(), summary.cash());
    return summary;
  }

  private void section(String title) {
    out.println();
    out.println("== " + title);
  }

  /** The figures the quickstart ends with; its test asserts them. */
  public record Summary(int organizations, Money gross, String firstOrganization, boolean booksBalanced, Money cash) {}
}
