package io.nobill.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.catalog.BillingTiming;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.PlanRef;
import io.nobill.core.catalog.TierCharge;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.money.Money;
import io.nobill.core.tax.TaxBehavior;
import io.nobill.core.tax.TaxLine;
import io.nobill.core.tax.TaxRate;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders a realistic invoice in every shipped language and compares it with the golden
 * files under {@code src/test/resources/io/nobill/core/invoice/golden/}, which are the
 * specification of the output. After a deliberate change, regenerate them with
 * {@code -Dnobill.updateGolden=true} and review the diff.
 */
class InvoiceRendererTest {
  private static final Currency EUR = Money.currency("EUR");
  private static final Period FEBRUARY = new Period(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"));
  private static final Period REST_OF_JANUARY = new Period(Instant.parse("2026-01-15T00:00:00Z"),
      Instant.parse("2026-02-01T00:00:00Z"));
  private static final Instant FINALIZED = Instant.parse("2026-02-01T09:30:00Z");
  private static final Instant DUE = Instant.parse("2026-02-15T09:30:00Z");
  private static final TaxRate GERMAN_VAT = new TaxRate("VAT", "DE", new BigDecimal("19"), "");
  private static final Path GOLDEN = Path.of("src/test/resources/io/nobill/core/invoice/golden");

  // ---------------------------------------------------------------------------------------
  // The Pro plan invoice of February 2026.

  private static BillTo acme(Locale locale) {
    return new BillTo("Müller & Söhne GmbH", "billing@mueller-soehne.example", "DE", Optional.of("DE123456789"), locale);
  }

  /**
   * Pro plan, 3 seats, premium support, 250,000 API calls on graduated tiers, a credit for the
   * unused half of January's Starter plan after an upgrade on 15 January, a 10% launch
   * discount, German VAT. Support takes the amounts past 1,000, so the golden files show
   * each locale's grouping.
   */
  private static List<InvoiceLine> proLines() {
    return List.of(
        line(LineKind.FLAT, "Pro plan (monthly)", "pro.base", FEBRUARY, "1", "4900", 4900, List.of()),
        line(LineKind.SEATS, "Seats", "pro.seats", FEBRUARY, "3", "1200", 3600, List.of()),
        line(LineKind.FLAT, "Premium support", "support.premium", FEBRUARY, "1", "120000", 120000, List.of()),
        line(LineKind.USAGE, "API calls", "pro.api_calls", FEBRUARY, "250000", null, 9000, List.of(
            new TierCharge(1, new BigDecimal("100000"), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO),
            new TierCharge(2, new BigDecimal("150000"), new BigDecimal("0.06"), BigDecimal.ZERO, new BigDecimal("9000.00")))),
        // 17 of January's 31 days of a EUR 9.99 plan: 999 × 17 / 31 = 547.84 → 548.
        line(LineKind.PRORATION, "Unused time on Starter plan after 2026-01-15", "starter.base", REST_OF_JANUARY, "1",
            null, -548, List.of()),
        // 10% of what the lines above come to (1,369.52): 136.952 → 136.95.
        line(LineKind.DISCOUNT, "Launch discount 10%", null, FEBRUARY, "1", null, -13695, List.of()));
  }

  private static Invoice proInvoice(Locale locale) {
    // Taxable: 1,369.52 − 136.95 = 1,232.57; VAT 19%: 234.1883 → 234.19; total 1,466.76; less 10.00 credit.
    TaxLine vat = new TaxLine(GERMAN_VAT, eur(123257), eur(23419));
    return invoice(InvoiceStatus.OPEN, Optional.of("ACME-000042"), EUR, acme(locale), proLines(), TaxBehavior.EXCLUSIVE,
        List.of(vat), eur(1000));
  }

  @Test
  void theProInvoiceAddsUp() {
    Invoice invoice = proInvoice(Locale.GERMANY);

    assertThat(invoice.subtotal()).isEqualTo(eur(136952));
    assertThat(invoice.discountTotal()).isEqualTo(eur(-13695));
    assertThat(invoice.taxTotal()).isEqualTo(eur(23419));
    assertThat(invoice.total()).isEqualTo(eur(146676));
    assertThat(invoice.amountDue()).isEqualTo(eur(145676));
    assertThat(eur(123257).multiply(GERMAN_VAT.fraction(), RoundingMode.HALF_UP)).isEqualTo(eur(23419));
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "de", "fr", "es"})
  void textMatchesTheGoldenFile(String language) throws IOException {
    String text = InvoiceRenderer.text(proInvoice(Locale.US), Locale.forLanguageTag(language));

    assertGolden("invoice-" + language + ".txt", text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "de", "fr", "es"})
  void htmlMatchesTheGoldenFile(String language) throws IOException {
    String html = InvoiceRenderer.html(proInvoice(Locale.US), Locale.forLanguageTag(language));

    assertGolden("invoice-" + language + ".html", html);
  }

  @Test
  void rendersInTheAddresseesLocaleByDefault() {
    Invoice invoice = proInvoice(Locale.GERMANY);

    assertThat(InvoiceRenderer.text(invoice)).isEqualTo(InvoiceRenderer.text(invoice, Locale.GERMANY));
    assertThat(InvoiceRenderer.html(invoice)).isEqualTo(InvoiceRenderer.html(invoice, Locale.GERMANY)).contains("Rechnung");
  }

  @Test
  void aLanguageWithoutACountryFormatsLikeItsHomeCountry() {
    Invoice invoice = proInvoice(Locale.US);

    assertThat(InvoiceRenderer.text(invoice, Locale.ENGLISH)).isEqualTo(InvoiceRenderer.text(invoice, Locale.US));
    assertThat(InvoiceRenderer.text(invoice, Locale.GERMAN)).isEqualTo(InvoiceRenderer.text(invoice, Locale.GERMANY));
    assertThat(InvoiceRenderer.text(invoice, Locale.FRENCH)).isEqualTo(InvoiceRenderer.text(invoice, Locale.FRANCE));
    assertThat(InvoiceRenderer.text(invoice, new Locale("es"))).isEqualTo(InvoiceRenderer.text(invoice, new Locale("es", "ES")));
  }

  @Test
  void theLocaleAsGivenDecidesTheFormats() {
    Invoice invoice = proInvoice(Locale.US);

    assertThat(InvoiceRenderer.text(invoice, Locale.UK)).contains("€1,466.76", "1 Feb 2026");
    assertThat(InvoiceRenderer.text(invoice, new Locale("de", "AT"))).contains("Rechnungsnummer", "€\u00A01.466,76");
    assertThat(InvoiceRenderer.text(invoice, Locale.forLanguageTag("fr-CH"))).contains("Numéro de facture", "1\u202F466.76\u00A0€");
    assertThat(InvoiceRenderer.text(invoice, Locale.CANADA_FRENCH)).contains("250\u00A0000")
        .doesNotContain("250\u202F000");
  }

  @Test
  void textListsEveryLineAndAlignsTheTotalsWithTheAmounts() {
    Invoice invoice = proInvoice(Locale.US);
    String text = InvoiceRenderer.text(invoice, Locale.US);
    List<String> lines = text.lines().toList();
    int width = lines.stream().filter(l -> l.matches("-{10,}")).findFirst().orElseThrow().length();

    for (InvoiceLine line : invoice.lines()) {
      // A long description wraps within its column: its words, in order, the numbers between.
      String words = String.join("[\\s\\S]*?", java.util.Arrays.stream(line.description().split(" "))
          .map(Pattern::quote).toList());
      assertThat(text).containsPattern(words);
    }
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(width));
    assertThat(lines).filteredOn(l -> l.strip().matches("(Subtotal|Discounts|VAT .*|Total|Credit applied|Amount due) .*"))
        .hasSize(6)
        .allSatisfy(l -> assertThat(l).hasSize(width));
    assertThat(lines).filteredOn(l -> l.startsWith("Pro plan (monthly)") || l.startsWith("API calls"))
        .allSatisfy(l -> assertThat(l).hasSize(width));
  }

  @Test
  void htmlIsAWellFormedSelfContainedDocument() {
    for (String language : List.of("en", "de", "fr", "es")) {
      String html = InvoiceRenderer.html(proInvoice(Locale.US), Locale.forLanguageTag(language));

      assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"" + language + "\">\n<head>\n<meta charset=\"utf-8\">\n")
          .endsWith("</body>\n</html>\n")
          .contains("<table", "<thead>", "<tbody>", "<tfoot>")
          .doesNotContain("<link", "<script", "src=", "href=", "<style");
      assertBalancedTags(html);
    }
  }

  // ---------------------------------------------------------------------------------------

  @Test
  void htmlEscapesEveryDynamicText() {
    BillTo smith = new BillTo("Smith & <Sons> \"Ltd\"", "ap@smith.example", "GB", Optional.of("GB<123>"), Locale.UK);
    List<InvoiceLine> lines = List.of(
        line(LineKind.FLAT, "O'Brien's <b>bold</b> plan & more", "o.base", FEBRUARY, "1", "1000", 1000, List.of()));
    TaxRate odd = new TaxRate("VAT <x>", "GB&NI", new BigDecimal("20"), "Note with <script>alert('x')</script>");
    Invoice invoice = invoice(InvoiceStatus.OPEN, Optional.of("SMIT-000001"), EUR, smith, lines, TaxBehavior.EXCLUSIVE,
        List.of(new TaxLine(odd, eur(1000), eur(200))), eur(0));

    String html = InvoiceRenderer.html(invoice);

    assertThat(html)
        .contains("Smith &amp; &lt;Sons&gt; &quot;Ltd&quot;", "GB&lt;123&gt;",
            "O&#39;Brien&#39;s &lt;b&gt;bold&lt;/b&gt; plan &amp; more", "VAT &lt;x&gt; 20% (GB&amp;NI)",
            "Note with &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .doesNotContain("<Sons>", "<b>", "<script>", "<x>", "GB&NI");
    assertBalancedTags(html);
    assertThat(InvoiceRenderer.text(invoice)).contains("Smith & <Sons> \"Ltd\"", "O'Brien's <b>bold</b> plan & more");
  }

  @Test
  void aDraftShowsDraftInsteadOfANumber() {
    Invoice draft = invoice(InvoiceStatus.DRAFT, Optional.empty(), EUR, acme(Locale.GERMANY), proLines(),
        TaxBehavior.EXCLUSIVE, List.of(new TaxLine(GERMAN_VAT, eur(123257), eur(23419))), eur(0));

    assertThat(InvoiceRenderer.text(draft, Locale.ENGLISH)).contains("Invoice number:  DRAFT", "Status:          Draft")
        .doesNotContain("Issued", "Due:", "Credit applied");
    assertThat(InvoiceRenderer.text(draft, Locale.GERMAN)).contains("Rechnungsnummer:    ENTWURF")
        .doesNotContain("Rechnungsdatum");
    assertThat(InvoiceRenderer.text(draft, Locale.FRENCH)).contains("BROUILLON");
    assertThat(InvoiceRenderer.text(draft, new Locale("es"))).contains("BORRADOR");
    assertThat(InvoiceRenderer.html(draft, Locale.GERMAN)).contains("<title>Rechnung ENTWURF</title>",
        ">Rechnungsnummer</th><td style=\"padding:2px 0\">ENTWURF</td>");
  }

  @Test
  void anInclusiveInvoiceShowsTheTaxItContains() {
    // Gross 1,232.57 including 19% VAT: net 1,232.57 / 1.19 = 1,035.7731 → 1,035.77, tax 196.80.
    TaxLine vat = new TaxLine(GERMAN_VAT, eur(103577), eur(19680));
    Invoice invoice = invoice(InvoiceStatus.OPEN, Optional.of("ACME-000043"), EUR, acme(Locale.GERMANY), proLines(),
        TaxBehavior.INCLUSIVE, List.of(vat), eur(0));
    assertThat(invoice.total()).isEqualTo(eur(123257));

    assertThat(InvoiceRenderer.text(invoice, Locale.US))
        .contains("Prices include tax.")
        .containsPattern("\n +incl\\. VAT 19% \\(DE\\) on €1,035\\.77 +€196\\.80\n")
        .containsPattern("\n +Total +€1,232\\.57\n")
        .containsPattern("\n +Amount due +€1,232\\.57\n");
    assertThat(InvoiceRenderer.text(invoice, Locale.GERMANY))
        .contains("enthaltene USt. 19\u00A0% (DE) auf 1.035,77\u00A0€", "Alle Preise verstehen sich inklusive Steuern.");
    assertThat(InvoiceRenderer.html(invoice, Locale.FRANCE)).contains("dont TVA 19\u00A0% (DE) sur 1\u202F035,77\u00A0€",
        "Prix toutes taxes comprises.");
    assertThat(InvoiceRenderer.text(proInvoice(Locale.US), Locale.US)).doesNotContain("Prices include tax", "incl.");
  }

  @Test
  void aReverseChargeInvoiceCarriesTheStatementInItsLanguageAndOtherNotesAsGiven() {
    String note = "Reverse charge: VAT to be accounted for by the recipient (Article 196, Directive 2006/112/EC).";
    TaxRate reverse = new TaxRate("VAT", "FR", BigDecimal.ZERO, note);
    Invoice invoice = invoice(InvoiceStatus.OPEN, Optional.of("ACME-000044"), EUR, acme(Locale.FRANCE), proLines(),
        TaxBehavior.EXCLUSIVE, List.of(new TaxLine(reverse, eur(123257), eur(0))), eur(0));

    String text = InvoiceRenderer.text(invoice);
    assertThat(text).contains("TVA 0\u00A0% (FR) sur 1\u202F232,57\u00A0€");
    // NOBill words the reverse charge in the invoice's language, once, wrapped to the table's width.
    String french = "Autoliquidation (article 196 de la directive 2006/112/CE).";
    assertThat(text).contains(french).doesNotContain("Reverse charge");
    assertThat(text.lines().filter(l -> l.startsWith("Autoliquidation"))).hasSize(1);
    assertThat(InvoiceRenderer.html(invoice)).contains("<p style=\"margin:16px 0 0;font-size:13px;color:#57606a\">"
        + french + "</p>");
    assertThat(InvoiceRenderer.text(invoice, Locale.GERMAN)).contains("Steuerschuldnerschaft des Leistungsempfängers");

    // A note that is not the reverse charge is the tax calculator's wording, printed as given.
    String other = "Exempt under section 4 no. 14 UStG.";
    Invoice exempt = invoice(InvoiceStatus.OPEN, Optional.of("ACME-000045"), EUR, acme(Locale.FRANCE), proLines(),
        TaxBehavior.EXCLUSIVE, List.of(new TaxLine(new TaxRate("VAT", "DE", BigDecimal.ZERO, other), eur(123257), eur(0))),
        eur(0));
    assertThat(InvoiceRenderer.text(exempt).replace('\n', ' ')).contains(other);
  }

  @Test
  void anUnsupportedLanguageFallsBackToEnglishLabelsButKeepsItsFormats() {
    Invoice invoice = proInvoice(Locale.JAPAN);
    Locale before = Locale.getDefault();
    try {
      // The JVM's default locale must not leak in: ResourceBundle would fall back to it.
      Locale.setDefault(Locale.GERMANY);
      String text = InvoiceRenderer.text(invoice);
      String html = InvoiceRenderer.html(invoice, Locale.JAPANESE);

      assertThat(text).contains("Invoice number:", "Amount due", "Germany", "2026/02/01", "€1,466.76")
          .doesNotContain("Rechnung");
      assertThat(html).contains("<html lang=\"en\">", "Invoice number").doesNotContain("Rechnung");
      assertThat(InvoiceRenderer.text(invoice, Locale.ENGLISH)).contains("Invoice number:").doesNotContain("Rechnung");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void yenHasNoMinorDigitsAndDinarHasThree() {
    Currency jpy = Money.currency("JPY");
    Money base = Money.of(4980, jpy);
    List<InvoiceLine> yenLines = List.of(
        new InvoiceLine(LineKind.FLAT, "Pro plan", Optional.of("pro.base"), FEBRUARY, BigDecimal.ONE,
            Optional.of(new BigDecimal("4980")), base, BillingTiming.IN_ADVANCE, List.of()),
        new InvoiceLine(LineKind.USAGE, "API calls", Optional.of("pro.api_calls"), FEBRUARY, new BigDecimal("12345"),
            Optional.of(new BigDecimal("0.5")), Money.of(6173, jpy), BillingTiming.IN_ARREARS, List.of()));
    TaxRate consumption = new TaxRate("Consumption tax", "JP", new BigDecimal("10"), "");
    Invoice yen = invoice(InvoiceStatus.OPEN, Optional.of("ACME-000045"), jpy, acme(Locale.US), yenLines,
        TaxBehavior.EXCLUSIVE, List.of(new TaxLine(consumption, Money.of(11153, jpy), Money.of(1115, jpy))), Money.of(0, jpy));

    assertThat(InvoiceRenderer.text(yen, Locale.US)).contains("¥4,980", "¥0.5", "¥6,173", "¥1,115", "¥12,268")
        .doesNotContain("¥4,980.", "¥12,268.");
    assertThat(InvoiceRenderer.text(yen, Locale.JAPAN)).contains("￥12,268");
    assertThat(InvoiceRenderer.text(yen, Locale.GERMANY)).contains("12.268\u00A0¥", "0,5\u00A0¥");

    Currency kwd = Money.currency("KWD");
    List<InvoiceLine> dinarLines = List.of(
        new InvoiceLine(LineKind.SEATS, "Seats", Optional.of("pro.seats"), FEBRUARY, new BigDecimal("4"),
            Optional.of(new BigDecimal("3086.25")), Money.of(12345, kwd), BillingTiming.IN_ADVANCE, List.of()));
    Invoice dinar = invoice(InvoiceStatus.OPEN, Optional.of("ACME-000046"), kwd, acme(Locale.US), dinarLines,
        TaxBehavior.EXCLUSIVE, List.of(), Money.of(0, kwd));

    assertThat(InvoiceRenderer.text(dinar, Locale.US)).contains("KWD\u00A012.345", "KWD\u00A03.08625")
        .doesNotContain("KWD12");
    assertThat(InvoiceRenderer.text(dinar, Locale.GERMANY)).contains("12,345\u00A0KWD", "3,08625\u00A0KWD");
  }

  @Test
  void spanishLeavesFourDigitNumbersUngrouped() {
    List<InvoiceLine> lines = List.of(
        line(LineKind.USAGE, "Storage GB-hours", "pro.storage", FEBRUARY, "1500", "82.304", 123456, List.of()),
        line(LineKind.FLAT, "Enterprise support", "ent.support", FEBRUARY, "1", "1234567", 1234567, List.of()));
    Invoice invoice = invoice(InvoiceStatus.OPEN, Optional.of("ACME-000047"), EUR, acme(Locale.US), lines,
        TaxBehavior.EXCLUSIVE, List.of(), eur(0));

    assertThat(InvoiceRenderer.text(invoice, new Locale("es", "ES")))
        .contains(" 1500 ", "1234,56\u00A0€", "0,82304\u00A0€", "12.345,67\u00A0€", "13.580,23\u00A0€");
    assertThat(InvoiceRenderer.text(invoice, Locale.GERMANY)).contains(" 1.500 ", "1.234,56\u00A0€", "13.580,23\u00A0€");
    assertThat(InvoiceRenderer.text(invoice, Locale.FRANCE)).contains(" 1\u202F500 ", "1\u202F234,56\u00A0€");
  }

  @Test
  void nullArgumentsAreNamed() {
    Invoice invoice = proInvoice(Locale.US);

    assertThatThrownBy(() -> InvoiceRenderer.text((Invoice) null)).isInstanceOf(NullPointerException.class).hasMessage("invoice");
    assertThatThrownBy(() -> InvoiceRenderer.html((Invoice) null)).isInstanceOf(NullPointerException.class).hasMessage("invoice");
    assertThatThrownBy(() -> InvoiceRenderer.text(invoice, null)).isInstanceOf(NullPointerException.class)
        .hasMessage("locale");
    assertThatThrownBy(() -> InvoiceRenderer.html(null, Locale.US)).isInstanceOf(NullPointerException.class)
        .hasMessage("invoice");
  }

  // ---------------------------------------------------------------------------------------

  private static Money eur(long cents) {
    return Money.of(cents, EUR);
  }

  private static InvoiceLine line(LineKind kind, String description, String priceKey, Period period, String quantity,
      String unitAmount, long cents, List<TierCharge> tiers) {
    return new InvoiceLine(kind, description, Optional.ofNullable(priceKey), period, new BigDecimal(quantity),
        Optional.ofNullable(unitAmount).map(BigDecimal::new), eur(cents),
        kind == LineKind.USAGE ? BillingTiming.IN_ARREARS : BillingTiming.IN_ADVANCE, tiers);
  }

  /** An invoice whose totals are the sums its constructor checks: the test states only the inputs. */
  private static Invoice invoice(InvoiceStatus status, Optional<String> number, Currency currency, BillTo billTo,
      List<InvoiceLine> lines, TaxBehavior behavior, List<TaxLine> taxLines, Money creditApplied) {
    Money subtotal = Money.zero(currency);
    Money discounts = Money.zero(currency);
    for (InvoiceLine l : lines) {
      if (l.kind() == LineKind.DISCOUNT) {
        discounts = discounts.plus(l.amount());
      } else {
        subtotal = subtotal.plus(l.amount());
      }
    }
    Money tax = Money.zero(currency);
    for (TaxLine t : taxLines) {
      tax = tax.plus(t.tax());
    }
    Money total = subtotal.plus(discounts).plus(behavior == TaxBehavior.EXCLUSIVE ? tax : Money.zero(currency));
    boolean draft = status == InvoiceStatus.DRAFT;
    return new Invoice(InvoiceId.of(new UUID(0x0190f5c4L, 42)), OrgId.of(new UUID(0x0190f5c4L, 7)), number, status,
        currency, Optional.of(new PlanRef("pro", 2)), FEBRUARY, billTo, lines, behavior, taxLines, subtotal, discounts,
        tax, total, creditApplied, total.minus(creditApplied), 14, Instant.parse("2026-02-01T00:00:00Z"),
        draft ? Optional.empty() : Optional.of(FINALIZED), draft ? Optional.empty() : Optional.of(DUE), Optional.empty(),
        Optional.empty(), draft ? 0 : 1);
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

  private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)\\b[^>]*>");
  private static final Set<String> VOID_ELEMENTS = Set.of("meta", "br");

  /** Every element opened is closed in order, so escaped text never turned into markup. */
  private static void assertBalancedTags(String html) {
    Deque<String> open = new ArrayDeque<>();
    List<String> problems = new ArrayList<>();
    Matcher m = TAG.matcher(html);
    while (m.find()) {
      String name = m.group(2).toLowerCase(Locale.ROOT);
      if (VOID_ELEMENTS.contains(name)) {
        continue;
      }
      if (m.group(1).isEmpty()) {
        open.push(name);
      } else if (open.isEmpty() || !open.pop().equals(name)) {
        problems.add("unexpected </" + name + "> at " + m.start());
      }
    }
    assertThat(problems).isEmpty();
    assertThat(open).as("unclosed elements").isEmpty();
  }
}
