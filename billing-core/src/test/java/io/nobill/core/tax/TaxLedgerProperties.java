package io.nobill.core.tax;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.Billing;
import io.nobill.core.access.Actor;
import io.nobill.core.catalog.BillingTiming;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.UserId;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceLine;
import io.nobill.core.invoice.InvoiceRequest;
import io.nobill.core.invoice.LineKind;
import io.nobill.core.invoice.RatedInvoice;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.ledger.TrialBalance;
import io.nobill.core.money.Money;
import io.nobill.core.org.Address;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.org.Organization;
import io.nobill.core.org.TaxExemption;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.tax.regional.RegionalTaxTable;
import io.nobill.core.testkit.TestClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Tax never breaks the ledger's rules: for a customer anywhere the table knows (and some it does
 * not), a business or a consumer, exempt or not, prices with or without tax, in currencies with
 * 0, 2 and 3 minor digits, the finalized invoice leaves balanced books in which the receivable is
 * the invoice's total, tax payable its tax, and revenue (earned and deferred) the rest.
 */
class TaxLedgerProperties {
  private static final Actor JOB = Actor.job("invoicing");
  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  private static final Period MARCH = new Period(NOW, Instant.parse("2026-04-01T00:00:00Z"));
  private static final RegionalTaxTable TABLE = RegionalTaxTable.builder().sellerCountry("DE")
      .usStateRate("US-CA", "7.25").usStateRate("US-NY", "4").usStateRate("US-WA", "6.5").build();

  /** Where a customer is, and who it is. */
  record Customer(Address address, Optional<String> taxId, TaxExemption exemption) {}

  @Provide
  Arbitrary<Customer> customers() {
    Arbitrary<Address> addresses = Arbitraries.of(
        Address.of("Unter den Linden 1", "Berlin", "10117", "DE"),
        Address.of("1 rue de Rivoli", "Paris", "75001", "FR"),
        Address.of("Via Roma 1", "Roma", "00100", "IT"),
        Address.of("10 Downing St", "London", "SW1A 2AA", "GB"),
        Address.inRegion("1 Market St", "San Francisco", "94105", "US-CA"),
        Address.inRegion("1 Broadway", "New York", "10004", "US-NY"),
        Address.inRegion("1 Congress Ave", "Austin", "78701", "US-TX"),
        Address.inRegion("100 King St W", "Toronto", "M5X 1A9", "CA-ON"),
        Address.inRegion("1 rue Sainte-Catherine", "Montréal", "H2X 1Z4", "CA-QC"),
        Address.inRegion("1 Robson St", "Vancouver", "V6B 1A1", "CA-BC"),
        Address.inRegion("1 Hollis St", "Halifax", "B3J 1T1", "CA-NS"),
        Address.inRegion("1 Albert St", "Regina", "S4P 1A1", "CA-SK"),
        Address.of("1 George St", "Sydney", "2000", "AU"),
        Address.of("1 Queen St", "Auckland", "1010", "NZ"),
        Address.inRegion("1 MG Road", "Bengaluru", "560001", "IN-KA"),
        Address.of("1 Chome", "Tokyo", "100-0001", "JP"));
    Arbitrary<Optional<String>> taxIds = Arbitraries.of(Optional.empty(), Optional.of("TAX-123456"));
    Arbitrary<TaxExemption> exemptions = Arbitraries.of(TaxExemption.NONE, TaxExemption.NONE, TaxExemption.NONE,
        TaxExemption.exempt("CERT-1", Optional.empty()),
        TaxExemption.exempt("CERT-2", Optional.of(LocalDate.parse("2026-02-28"))));
    return net.jqwik.api.Combinators.combine(addresses, taxIds, exemptions).as(Customer::new);
  }

  @Provide
  Arbitrary<List<Long>> amounts() {
    return Arbitraries.longs().between(0, 50_000_000).list().ofMinSize(1).ofMaxSize(5);
  }

  @Property(tries = 150)
  void taxKeepsTheBooksBalancedAndTheReceivableIsNetPlusTax(@ForAll("customers") Customer customer,
      @ForAll("amounts") List<Long> amounts, @ForAll TaxBehavior behavior,
      @ForAll("currencies") String currency) {
    Billing billing = Billing.builder()
        .store(InMemoryBillingStore.create())
        .catalog(SeedCatalog.create(currency))
        .taxCalculator(TABLE)
        .clock(TestClock.at(NOW))
        .idGenerator(IdGenerator.sequential())
        .build();
    UserId owner = billing.ids().next(UserId::of);
    Organization customerOrg = billing.organizations().provision(Actor.member(owner), new NewOrganization(Optional.empty(),
        "Customer", "ap@customer.example", customer.address().country(), customer.taxId(), Money.currency(currency),
        Locale.UK, owner).withAddress(customer.address()).withTaxExemption(customer.exemption()));
    Currency cur = Money.currency(currency);
    List<InvoiceLine> lines = new ArrayList<>();
    for (int i = 0; i < amounts.size(); i++) {
      long minor = amounts.get(i);
      lines.add(new InvoiceLine(LineKind.USAGE, "Line " + i, Optional.empty(), MARCH, BigDecimal.ONE, Optional.empty(),
          Money.of(minor, cur), i % 2 == 0 ? BillingTiming.IN_ADVANCE : BillingTiming.IN_ARREARS, List.of()));
    }
    Invoice draft = billing.invoices().draft(JOB, customerOrg.id(), new InvoiceRequest(
        new RatedInvoice(cur, lines, List.of()), Optional.empty(), customerOrg.taxProfile(LocalDate.of(2026, 3, 1)),
        behavior, 14));
    Invoice invoice = billing.invoices().finalizeDraft(JOB, customerOrg.id(), draft.id());

    long gross = amounts.stream().mapToLong(Long::longValue).sum();
    long tax = invoice.taxTotal().minorUnits();
    long net = behavior == TaxBehavior.EXCLUSIVE ? gross : gross - tax;
    assertThat(invoice.total().minorUnits()).isEqualTo(net + tax);
    assertThat(tax).isEqualTo(invoice.taxLines().stream().mapToLong(l -> l.tax().minorUnits()).sum())
        .isGreaterThanOrEqualTo(0);
    if (customer.exemption().appliesOn(LocalDate.of(2026, 3, 1))) {
      assertThat(tax).isZero();
    }
    TrialBalance books = billing.ledger().trialBalance(JOB, customerOrg.id());
    assertThat(books.isBalanced()).isTrue();
    assertThat(books.net(AccountCode.RECEIVABLE, cur).minorUnits()).isEqualTo(net + tax);
    assertThat(books.net(AccountCode.TAX_PAYABLE, cur).minorUnits()).isEqualTo(tax);
    assertThat(books.net(AccountCode.REVENUE, cur).minorUnits() + books.net(AccountCode.DEFERRED_REVENUE, cur).minorUnits())
        .isEqualTo(net);
  }

  @Provide
  Arbitrary<String> currencies() {
    return Arbitraries.of("EUR", "USD", "JPY", "KWD");
  }
}
