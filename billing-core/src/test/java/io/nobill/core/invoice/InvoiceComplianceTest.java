package io.nobill.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.catalog.BillingTiming;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.PlanRef;
import io.nobill.core.id.CreditNoteId;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.money.Money;
import io.nobill.core.tax.TaxBehavior;
import io.nobill.core.tax.TaxLine;
import io.nobill.core.tax.TaxRate;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * What Article 226 of the EU VAT Directive (2006/112/EC) requires an invoice to state, checked
 * field by field on golden renderings of a cross-border B2B invoice under the reverse charge, in
 * every shipped language, as text and as HTML. The golden files under
 * {@code src/test/resources/io/nobill/core/invoice/golden/} are regenerated only deliberately,
 * with {@code -Dnobill.updateGolden=true}, and reviewed.
 */
class InvoiceComplianceTest {
  private static final Currency EUR = Money.currency("EUR");
  private static final Period MARCH = new Period(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"));
  private static final Instant ISSUED = Instant.parse("2026-04-01T08:00:00Z");
  private static final Path GOLDEN = Path.of("src/test/resources/io/nobill/core/invoice/golden");

  static final Seller SELLER = Seller.builder().legalName("Example Software GmbH")
      .address(List.of("Musterstraße 1"), "10115", "Berlin", "DE")
      .taxRegistration("DE", "VAT", "DE811569869")
      .taxRegistration("US", "EIN", "12-3456789")
      .email("billing@example.com").phone("+49 30 1234567").website("https://example.com")
      .bank("DE89 3704 0044 0532 0130 00", "COBADEFFXXX", "Example Software GmbH").build();

  private static final BillTo BUYER = new BillTo("Dupont SARL", "compta@dupont.example", "FR", Optional.of("FR40303265045"),
      Locale.FRANCE, List.of("12 rue de la Paix", "75002 Paris"));

  /** The wording each language must carry for the reverse charge (B2B, cross-border). */
  private static final Map<String, String> REVERSE_CHARGE = Map.of("en", "Reverse charge",
      "de", "Steuerschuldnerschaft des Leistungsempfängers", "fr", "Autoliquidation", "es", "Inversión del sujeto pasivo");
  private static final Map<String, String> TAXABLE_PER_RATE = Map.of("en", "VAT 0% (FR) on €1,080.00",
      "de", "USt. 0\u00A0% (FR) auf 1.080,00\u00A0€", "fr", "TVA 0\u00A0% (FR) sur 1\u202F080,00\u00A0€",
      "es", "IVA 0\u00A0% (FR) sobre 1080,00\u00A0€");
  private static final Map<String, String> VAT_ID = Map.of("en", "VAT ID (DE): DE811569869",
      "de", "USt-IdNr. (DE): DE811569869", "fr", "N° de TVA (DE)\u00A0: DE811569869", "es", "NIF-IVA (DE): DE811569869");
  private static final Map<String, String> UNIT_PRICE_NET = Map.of("en", "Unit price (net)", "de", "Einzelpreis (netto)",
      "fr", "Prix unitaire HT", "es", "Precio unitario (sin impuestos)");
  private static final Map<String, String> COUNTRY = Map.of("en", "France", "de", "Frankreich", "fr", "France",
      "es", "Francia");
  private static final Map<String, String> SELLER_COUNTRY = Map.of("en", "Germany", "de", "Deutschland", "fr", "Allemagne",
      "es", "Alemania");

  static Invoice crossBorderInvoice(InvoiceStatus status) {
    List<InvoiceLine> lines = List.of(
        new InvoiceLine(LineKind.FLAT, "Pro plan (monthly)", Optional.of("pro.base"), MARCH, BigDecimal.ONE,
            Optional.of(new BigDecimal("90000")), eur(90000), BillingTiming.IN_ADVANCE, List.of()),
        new InvoiceLine(LineKind.SEATS, "Seats", Optional.of("pro.seats"), MARCH, new BigDecimal("25"),
            Optional.of(new BigDecimal("1200")), eur(30000), BillingTiming.IN_ADVANCE, List.of()),
        new InvoiceLine(LineKind.DISCOUNT, "Annual commitment 10%", Optional.empty(), MARCH, BigDecimal.ONE, Optional.empty(),
            eur(-12000), BillingTiming.IN_ADVANCE, List.of()));
    TaxRate reverse = new TaxRate("VAT", "FR", BigDecimal.ZERO,
        "Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC)");
    List<TaxLine> tax = List.of(new TaxLine(reverse, eur(108000), eur(0)));
    boolean paid = status == InvoiceStatus.PAID;
    return new Invoice(InvoiceId.of(new UUID(0x0190f5c4L, 77)), OrgId.of(new UUID(0x0190f5c4L, 7)),
        Optional.of("INV-2026-000123"), status, EUR, Optional.of(new PlanRef("pro", 2)), MARCH, BUYER, lines,
        TaxBehavior.EXCLUSIVE, tax, eur(120000), eur(-12000), eur(0), eur(108000), eur(0), eur(108000), 14,
        Instant.parse("2026-03-31T23:00:00Z"), Optional.of(ISSUED), Optional.of(ISSUED.plusSeconds(14 * 86_400L)),
        paid ? Optional.of(ISSUED.plusSeconds(3 * 86_400L)) : Optional.empty(),
        paid ? Optional.of(ISSUED.plusSeconds(3 * 86_400L)) : Optional.empty(), 2, Optional.of(SELLER));
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "de", "fr", "es"})
  void everyFieldArticle226RequiresIsOnTheTextAndHtmlRenderings(String language) throws IOException {
    InvoiceDocument doc = InvoiceDocument.of(crossBorderInvoice(InvoiceStatus.OPEN), Seller.NOT_CONFIGURED,
        Locale.forLanguageTag(language));
    String text = InvoiceRenderer.text(doc);
    String html = InvoiceRenderer.html(doc);
    assertGolden("art226-" + language + ".txt", text);
    assertGolden("art226-" + language + ".html", html);

    for (String rendering : List.of(text, html.replace("&#39;", "'"))) {
      Locale formats = Map.of("en", Locale.US, "de", Locale.GERMANY, "fr", Locale.FRANCE, "es", new Locale("es", "ES"))
          .get(language);
      DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(formats);
      assertThat(rendering)
          // (1) date of issue; (2) a unique sequential number
          .contains(date.format(LocalDate.of(2026, 4, 1)), "INV-2026-000123")
          // (3) the seller's VAT id; (4) the customer's VAT id, under the reverse charge
          .contains(VAT_ID.get(language), "FR40303265045")
          // (5) full names and addresses of the seller and the customer
          .contains("Example Software GmbH", "Musterstraße 1", "10115 Berlin", SELLER_COUNTRY.get(language))
          .contains("Dupont SARL", "12 rue de la Paix", "75002 Paris", COUNTRY.get(language))
          // (6) quantity and nature of the services
          .contains("Pro plan (monthly)", "Seats", "25")
          // (7) the date of supply: the service period
          .contains(date.format(LocalDate.of(2026, 3, 1)) + " – " + date.format(LocalDate.of(2026, 3, 31)))
          // (8) taxable amount per rate, the rate, unit price exclusive of tax, discounts
          .contains(TAXABLE_PER_RATE.get(language), UNIT_PRICE_NET.get(language), "Annual commitment 10%")
          // (10) the reverse-charge statement in the invoice's language
          .contains(REVERSE_CHARGE.get(language));
    }
    // (9) the VAT amount payable: the tax total, zero under the reverse charge
    assertThat(doc.taxTotal()).isEqualTo(eur(0));
    assertThat(doc.legalNotes()).extracting(InvoiceDocument.LegalNote::kind)
        .containsExactly(InvoiceDocument.NoteKind.REVERSE_CHARGE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "de", "fr", "es"})
  void aPaidInvoiceShowsWhatWasPaidAndNothingDue(String language) {
    Locale locale = Locale.forLanguageTag(language);
    InvoiceDocument doc = InvoiceDocument.of(crossBorderInvoice(InvoiceStatus.PAID), Seller.NOT_CONFIGURED, locale);
    String text = InvoiceRenderer.text(doc);

    assertThat(doc.amountDue()).isEqualTo(eur(0));
    assertThat(doc.amountPaid()).isEqualTo(eur(108000));
    assertThat(doc.dueAt()).isEmpty();
    assertThat(text).contains(doc.label("amountPaid"), doc.label("paidOn"), doc.label("status.PAID"))
        .doesNotContain(doc.label("amountDue"), doc.label("due") + doc.label("colon"), "IBAN");
    assertThat(InvoiceRenderer.html(doc)).contains(doc.label("amountPaid")).doesNotContain(doc.label("amountDue"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "de"})
  void aCreditNoteRendersLikeAnInvoiceAndNamesTheInvoiceItCorrects(String language) throws IOException {
    Invoice invoice = crossBorderInvoice(InvoiceStatus.VOID);
    CreditNote note = CreditNote.voiding(CreditNoteId.of(new UUID(0x0190f5c4L, 99)), invoice, "CN-2026-000004",
        ISSUED.plusSeconds(86_400), Seller.NOT_CONFIGURED, List.of("invoice-voided:" + invoice.id()));
    InvoiceDocument doc = InvoiceDocument.of(note, Locale.forLanguageTag(language));
    String text = InvoiceRenderer.text(doc);
    assertGolden("credit-note-" + language + ".txt", text);

    assertThat(text).contains(doc.label("creditNote.title").toUpperCase(Locale.ROOT), "CN-2026-000004", "INV-2026-000123",
        doc.label("creditNote.total"), REVERSE_CHARGE.get(language), VAT_ID.get(language))
        .doesNotContain(doc.label("amountDue"));
    assertThat(InvoiceRenderer.html(note)).contains("CN-2026-000004", "INV-2026-000123");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "de", "fr", "es"})
  void aRefundCreditNoteStatesWhatWasPaidBack(String language) {
    Invoice invoice = crossBorderInvoice(InvoiceStatus.PAID);
    CreditNote note = CreditNote.refunding(CreditNoteId.of(new UUID(0x0190f5c4L, 98)), invoice, "CN-2026-000005",
        ISSUED.plusSeconds(5 * 86_400), Seller.NOT_CONFIGURED, eur(30000), List.of("refund:r1"));
    InvoiceDocument doc = InvoiceDocument.of(note, Locale.forLanguageTag(language));
    assertThat(InvoiceRenderer.text(doc)).contains("CN-2026-000005", "INV-2026-000123",
        doc.label("creditNote.reason.REFUND"), doc.label("creditNote.total"))
        .doesNotContain(doc.label("amountDue"));
    assertThat(doc.total()).isEqualTo(eur(30000));
  }

  @Test
  void theSellersLogoIsTheOnlyExternalReferenceAndItsUrlIsEscaped() {
    Seller withLogo = Seller.builder().legalName("Smith & <Sons>").address(List.of("1 High St"), "", "London", "GB")
        .email("ap@smith.example").logoUrl("https://cdn.example/logo.png?a=1&b=\"x\"").build();
    Invoice invoice = crossBorderInvoice(InvoiceStatus.OPEN);
    Invoice draft = new Invoice(invoice.id(), invoice.org(), Optional.empty(), InvoiceStatus.DRAFT, invoice.currency(),
        invoice.plan(), invoice.period(), invoice.billTo(), invoice.lines(), invoice.taxBehavior(), invoice.taxLines(),
        invoice.subtotal(), invoice.discountTotal(), invoice.taxTotal(), invoice.total(), invoice.creditApplied(),
        invoice.amountDue(), 14, invoice.createdAt(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        1);
    String html = InvoiceRenderer.html(InvoiceDocument.of(draft, withLogo, Locale.UK));
    assertThat(html).contains("<img src=\"https://cdn.example/logo.png?a=1&amp;b=&quot;x&quot;\" alt=\"Smith &amp; &lt;Sons&gt;\"",
        "<strong>Smith &amp; &lt;Sons&gt;</strong>").doesNotContain("<Sons>", "<script", "<link");
    assertThat(InvoiceRenderer.html(InvoiceDocument.of(draft, SELLER, Locale.UK))).doesNotContain("<img", "src=");
  }

  @Test
  void theDocumentCarriesItsLabelsAndTheSellerCopyOfTheInvoice() {
    InvoiceDocument doc = InvoiceDocument.of(crossBorderInvoice(InvoiceStatus.OPEN));
    assertThat(doc.seller()).isEqualTo(SELLER);
    assertThat(doc.language()).isEqualTo("fr");
    assertThat(doc.label("title")).isEqualTo("Facture");
    assertThat(doc.amountDue()).isEqualTo(eur(108000));
    assertThat(doc.issuedAt()).contains(ISSUED);
    assertThat(doc.servicePeriod()).isEqualTo(MARCH);
  }

  private static Money eur(long cents) {
    return Money.of(cents, EUR);
  }

  private void assertGolden(String name, String actual) throws IOException {
    String expected;
    if (Boolean.getBoolean("nobill.updateGolden")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(GOLDEN.resolve(name), actual, StandardCharsets.UTF_8);
      expected = Files.readString(GOLDEN.resolve(name), StandardCharsets.UTF_8);
    } else {
      try (InputStream in = getClass().getResourceAsStream("golden/" + name)) {
        assertThat(in).as("golden file %s (generate with -Dnobill.updateGolden=true, then review it)", name).isNotNull();
        expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    assertThat(actual).isEqualTo(expected);
  }
}
