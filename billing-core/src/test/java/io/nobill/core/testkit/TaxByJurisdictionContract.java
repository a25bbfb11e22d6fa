package io.nobill.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.Billing;
import io.nobill.core.access.Actor;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceRenderer;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.ledger.TrialBalance;
import io.nobill.core.money.Money;
import io.nobill.core.org.Address;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.org.ProfileChange;
import io.nobill.core.org.TaxExemption;
import io.nobill.core.payment.SimulatedCardCollector;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.tax.regional.RegionalTaxTable;
import io.nobill.core.tax.TaxBehavior;
import io.nobill.core.tax.TaxLine;
import io.nobill.core.tax.TaxRate;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A golden invoice per jurisdiction, billed the way a host's customers are billed: an
 * organization provisioned through the API with its billing address, its trial of Pro (one
 * seat: 49.00 base + 12.00 seat = 61.00 net) converted by the billing engine at the trial's end.
 * Each test pins the tax lines (name, jurisdiction, rate, taxable amount, tax in minor units),
 * the total, the legal note where one applies, and the books: tax payable is the tax, and the
 * receivable the total (the card is declined, so the invoice stays open).
 *
 * <p>It runs on every store: extend it and return a fresh, empty store.
 *
 * <p>The rates and their sources are in {@code eu-vat-standard-rates.csv} and
 * {@code gst-rates.csv} (package io.nobill.core.tax.regional); US state rates are the host's
 * configuration ({@link RegionalTaxTable.Builder#usStateRate}).
 */
public abstract class TaxByJurisdictionContract {
  private static final Actor OPS = Actor.operator("ops");
  private static final long NET = 6100;

  private final TestClock clock = TestClock.at("2026-03-01T09:00:00Z");

  protected abstract BillingStore newStore();

  /** What was billed: the Billing, the organization and its first invoice. */
  private record Billed(Billing billing, OrgId org, UserId owner, Invoice invoice) {
    TrialBalance books() {
      return billing.ledger().trialBalance(OPS, org);
    }
  }

  private Billed bill(RegionalTaxTable table, String currency, Address address, Optional<String> taxId,
      TaxExemption exemption) {
    return bill(table, currency, address, taxId, exemption, "pm_card_chargeDeclined");
  }

  private Billed bill(RegionalTaxTable table, String currency, Address address, Optional<String> taxId,
      TaxExemption exemption, String card) {
    Billing billing = Billing.builder()
        .store(newStore())
        .catalog(SeedCatalog.create(currency))
        .taxCalculator(table)
        .subscriptions(SubscriptionSettings.defaults("pro"))
        .paymentCollector(new SimulatedCardCollector())
        .clock(clock)
        .idGenerator(IdGenerator.sequential())
        .build();
    UserId owner = billing.ids().next(UserId::of);
    OrgId org = billing.organizations().provision(Actor.member(owner), new NewOrganization(Optional.empty(),
        "Customer Ltd", "ap@customer.example", address.country(), taxId, Money.currency(currency), Locale.UK, owner)
        .withAddress(address).withTaxExemption(exemption)).id();
    billing.subscriptions().attachPaymentMethod(Actor.member(owner), org, card);
    clock.advance(Duration.ofDays(14));
    billing.work().runDue();
    List<Invoice> invoices = billing.invoices().list(OPS, org, Optional.empty(), Optional.empty(), 10);
    assertThat(invoices).hasSize(1);
    Invoice invoice = invoices.get(0);
    assertThat(invoice.subtotal()).isEqualTo(Money.of(NET, currency));
    return new Billed(billing, org, owner, invoice);
  }

  private Billed bill(RegionalTaxTable table, String currency, Address address) {
    return bill(table, currency, address, Optional.empty(), TaxExemption.NONE);
  }

  private static RegionalTaxTable seller(String country) {
    return RegionalTaxTable.builder().sellerCountry(country).build();
  }

  private static TaxLine line(String name, String jurisdiction, String percent, long tax, String currency, String note) {
    return new TaxLine(new TaxRate(name, jurisdiction, new BigDecimal(percent), note), Money.of(NET, currency),
        Money.of(tax, currency));
  }

  /** Asserts the lines, the total, and that the books hold the tax and the receivable. */
  private static void assertGolden(Billed billed, long total, TaxLine... lines) {
    Invoice invoice = billed.invoice();
    assertThat(invoice.status()).isEqualTo(InvoiceStatus.OPEN);
    assertThat(invoice.taxLines()).containsExactly(lines);
    long tax = java.util.Arrays.stream(lines).mapToLong(l -> l.tax().minorUnits()).sum();
    assertThat(invoice.taxTotal().minorUnits()).isEqualTo(tax);
    assertThat(invoice.total().minorUnits()).isEqualTo(total).isEqualTo(NET + tax);
    TrialBalance books = billed.books();
    assertThat(books.isBalanced()).isTrue();
    assertThat(books.net(AccountCode.RECEIVABLE, invoice.currency()).minorUnits()).isEqualTo(total);
    assertThat(books.net(AccountCode.TAX_PAYABLE, invoice.currency()).minorUnits()).isEqualTo(tax);
    for (TaxLine l : lines) {
      if (!l.rate().note().isBlank()) {
        // The renderer wraps notes to the invoice's width.
        assertThat(InvoiceRenderer.text(invoice).replaceAll("\\s+", " ")).contains(l.rate().note());
      }
    }
  }

  // ---- EU VAT -------------------------------------------------------------------------------

  @Test
  void germanConsumerOfAGermanSellerPaysGermanVat() {
    assertGolden(bill(seller("DE"), "EUR", Address.of("Unter den Linden 1", "Berlin", "10117", "DE")), 7259,
        line("VAT", "DE", "19", 1159, "EUR", ""));
  }

  @Test
  void frenchConsumerOfAGermanSellerPaysFrenchVat() {
    assertGolden(bill(seller("DE"), "EUR", Address.of("1 rue de Rivoli", "Paris", "75001", "FR")), 7320,
        line("VAT", "FR", "20", 1220, "EUR", ""));
  }

  @Test
  void frenchBusinessOfAGermanSellerIsReverseCharged() {
    assertGolden(bill(seller("DE"), "EUR", Address.of("1 rue de Rivoli", "Paris", "75001", "FR"),
        Optional.of("FR40303265045"), TaxExemption.NONE), 6100,
        line("VAT", "FR", "0", 0, "EUR", RegionalTaxTable.REVERSE_CHARGE_NOTE));
  }

  // ---- UK VAT -------------------------------------------------------------------------------

  @Test
  void ukConsumerPaysUkVatFromAnEuSeller() {
    assertGolden(bill(seller("DE"), "GBP", Address.of("10 Downing St", "London", "SW1A 2AA", "GB")), 7320,
        line("VAT", "GB", "20", 1220, "GBP", ""));
  }

  @Test
  void ukBusinessOfAnEuSellerAccountsForUkVatItself() {
    assertGolden(bill(seller("DE"), "GBP", Address.of("10 Downing St", "London", "SW1A 2AA", "GB"),
        Optional.of("GB123456789"), TaxExemption.NONE), 6100,
        line("VAT", "GB", "0", 0, "GBP", RegionalTaxTable.UK_REVERSE_CHARGE_NOTE));
  }

  @Test
  void ukBusinessOfAUkSellerPaysUkVat() {
    assertGolden(bill(seller("GB"), "GBP", Address.of("10 Downing St", "London", "SW1A 2AA", "GB"),
        Optional.of("GB123456789"), TaxExemption.NONE), 7320,
        line("VAT", "GB", "20", 1220, "GBP", ""));
  }

  // ---- US sales tax -------------------------------------------------------------------------

  /**
   * The reported bug: with California's rate configured, a Californian customer billed by the
   * engine paid no tax, because the engine taxed by the country alone. It now taxes by the
   * address's state: 7.25% of 61.00 is 4.4225, 4.42.
   */
  @Test
  void californianCustomerBilledByTheEnginePaysCaliforniaSalesTax() {
    RegionalTaxTable table = RegionalTaxTable.builder().sellerCountry("US").usStateRate("US-CA", "7.25").build();
    Billed billed = bill(table, "USD", Address.inRegion("1 Market St", "San Francisco", "94105", "US-CA"));
    assertGolden(billed, 6542, line("Sales tax", "US-CA", "7.25", 442, "USD", ""));
    // A host's own preview taxes the same way when it passes the organization's tax profile.
    io.nobill.core.org.Organization customer = billed.billing().organizations().get(OPS, billed.org());
    io.nobill.core.catalog.Plan pro = billed.billing().catalog().latest("pro").orElseThrow();
    Invoice preview = billed.billing().invoices().preview(Actor.member(billed.owner()), billed.org(),
        new io.nobill.core.invoice.InvoiceRequest(io.nobill.core.rating.Rating.rate(
            io.nobill.core.rating.RatingInput.advanceOnly(pro, io.nobill.core.catalog.PricingOverrides.NONE,
                billed.invoice().period(), 1)), Optional.of(pro.ref()),
            customer.taxProfile(LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)), TaxBehavior.EXCLUSIVE, 14));
    assertThat(preview.taxLines()).containsExactly(line("Sales tax", "US-CA", "7.25", 442, "USD", ""));
  }

  @Test
  void aStateWithoutAConfiguredRateIsNotTaxed() {
    RegionalTaxTable table = RegionalTaxTable.builder().sellerCountry("US").usStateRate("US-CA", "7.25").build();
    assertGolden(bill(table, "USD", Address.inRegion("1 Congress Ave", "Austin", "78701", "US-TX")), 6100);
  }

  // ---- Canada -------------------------------------------------------------------------------

  @Test
  void ontarioPaysHstInsteadOfGst() {
    assertGolden(bill(seller("CA"), "CAD", Address.inRegion("100 King St W", "Toronto", "M5X 1A9", "CA-ON")), 6893,
        line("HST", "CA-ON", "13", 793, "CAD", ""));
  }

  @Test
  void quebecPaysGstAndQst() {
    // QST 9.975% of 61.00 is 6.08475, 6.08.
    assertGolden(bill(seller("CA"), "CAD", Address.inRegion("1 rue Sainte-Catherine", "Montréal", "H2X 1Z4", "CA-QC")),
        7013, line("GST", "CA", "5", 305, "CAD", ""), line("QST", "CA-QC", "9.975", 608, "CAD", ""));
  }

  @Test
  void britishColumbiaPaysGstAndPst() {
    assertGolden(bill(seller("CA"), "CAD", Address.inRegion("1 Robson St", "Vancouver", "V6B 1A1", "CA-BC")), 6832,
        line("GST", "CA", "5", 305, "CAD", ""), line("PST", "CA-BC", "7", 427, "CAD", ""));
  }

  @Test
  void novaScotiaPaysFourteenPercentHstSinceAprilTwentyTwentyFive() {
    assertGolden(bill(seller("CA"), "CAD", Address.inRegion("1 Hollis St", "Halifax", "B3J 1T1", "CA-NS")), 6954,
        line("HST", "CA-NS", "14", 854, "CAD", ""));
  }

  @Test
  void novaScotiaPaidFifteenPercentHstBefore() {
    clock.set(java.time.Instant.parse("2025-01-01T09:00:00Z"));
    assertGolden(bill(seller("CA"), "CAD", Address.inRegion("1 Hollis St", "Halifax", "B3J 1T1", "CA-NS")), 7015,
        line("HST", "CA-NS", "15", 915, "CAD", ""));
  }

  @Test
  void albertaPaysGstOnly() {
    assertGolden(bill(seller("CA"), "CAD", Address.inRegion("1 Jasper Ave", "Edmonton", "T5J 1N1", "CA-AB")), 6405,
        line("GST", "CA", "5", 305, "CAD", ""));
  }

  // ---- Australia, New Zealand, India --------------------------------------------------------

  @Test
  void australiaPaysTenPercentGst() {
    assertGolden(bill(seller("US"), "AUD", Address.inRegion("1 George St", "Sydney", "2000", "AU-NSW")), 6710,
        line("GST", "AU", "10", 610, "AUD", ""));
  }

  @Test
  void newZealandPaysFifteenPercentGst() {
    assertGolden(bill(seller("US"), "NZD", Address.of("1 Queen St", "Auckland", "1010", "NZ")), 7015,
        line("GST", "NZ", "15", 915, "NZD", ""));
  }

  @Test
  void indiaPaysEighteenPercentGst() {
    assertGolden(bill(seller("US"), "INR", Address.inRegion("1 MG Road", "Bengaluru", "560001", "IN-KA")), 7198,
        line("GST", "IN", "18", 1098, "INR", ""));
  }

  // ---- Exemptions ---------------------------------------------------------------------------

  @Test
  void anExemptBuyerPaysNoTaxAndTheInvoiceNamesItsCertificate() {
    RegionalTaxTable table = RegionalTaxTable.builder().sellerCountry("US").usStateRate("US-CA", "7.25").build();
    Billed billed = bill(table, "USD", Address.inRegion("1 Market St", "San Francisco", "94105", "US-CA"),
        Optional.empty(), TaxExemption.exempt("CA-RESALE-0042", Optional.of(LocalDate.parse("2027-12-31"))));
    assertGolden(billed, 6100, line(RegionalTaxTable.EXEMPT, "US-CA", "0", 0, "USD",
        RegionalTaxTable.EXEMPT_NOTE + "CA-RESALE-0042"));
    assertThat(InvoiceRenderer.text(billed.invoice())).contains("CA-RESALE-0042");
  }

  @Test
  void anExpiredExemptionIsTaxedAgain() {
    RegionalTaxTable table = RegionalTaxTable.builder().sellerCountry("US").usStateRate("US-CA", "7.25").build();
    Billed billed = bill(table, "USD", Address.inRegion("1 Market St", "San Francisco", "94105", "US-CA"),
        Optional.empty(), TaxExemption.exempt("CA-RESALE-0042", Optional.of(LocalDate.parse("2026-03-14"))));
    assertGolden(billed, 6542, line("Sales tax", "US-CA", "7.25", 442, "USD", ""));
  }

  /** Taxes follow the address: a customer who moves is taxed where it is when the next invoice is drafted. */
  @Test
  void taxesFollowTheCustomerWhenItMoves() {
    RegionalTaxTable table = RegionalTaxTable.builder().sellerCountry("US").usStateRate("US-CA", "7.25")
        .usStateRate("US-NY", "4").build();
    Billed billed = bill(table, "USD", Address.inRegion("1 Market St", "San Francisco", "94105", "US-CA"),
        Optional.empty(), TaxExemption.NONE, "pm_card_visa");
    assertThat(billed.invoice().taxLines()).containsExactly(line("Sales tax", "US-CA", "7.25", 442, "USD", ""));
    billed.billing().organizations().updateProfile(Actor.member(billed.owner()), billed.org(), ProfileChange.NONE
        .withAddress(Optional.of(Address.inRegion("1 Broadway", "New York", "10004", "US-NY"))));
    clock.advance(Duration.ofDays(32));
    billed.billing().work().runDue();
    List<Invoice> invoices = billed.billing().invoices().list(OPS, billed.org(), Optional.empty(), Optional.empty(), 10);
    assertThat(invoices).hasSize(2);
    Invoice next = invoices.stream().filter(i -> !i.id().equals(billed.invoice().id())).findFirst().orElseThrow();
    assertThat(next.taxLines()).containsExactly(line("Sales tax", "US-NY", "4", 244, "USD", ""));
    assertThat(next.total().minorUnits()).isEqualTo(6344);
    assertThat(billed.books().isBalanced()).isTrue();
  }
}
