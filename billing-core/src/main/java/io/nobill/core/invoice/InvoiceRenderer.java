package io.nobill.core.invoice;

import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.TierCharge;
import io.nobill.core.money.Money;
import io.nobill.core.tax.TaxBehavior;
import io.nobill.core.tax.TaxLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Renders an {@link Invoice} as plain text (fixed-width columns, for terminals and text
 * e-mail) or as a self-contained HTML5 document (inline styles only, for e-mail and PDF
 * converters).
 *
 * <p>Labels come from the {@code io.nobill.core.invoice.InvoiceLabels} resource bundle,
 * chosen by {@link Locale#getLanguage()}: English (the base bundle), German, French and
 * Spanish ship with NOBill; a host adds a language by putting
 * {@code io/nobill/core/invoice/InvoiceLabels_xx.properties} (UTF-8) on the class path.
 * Any other language falls back to English labels, never to the JVM's default locale.
 *
 * <p>Numbers, amounts and dates use the locale as given, with one adjustment so output
 * does not depend on the machine: a locale without a country gets its language's home
 * country (en → US, de → DE, fr → FR, es → ES). Amounts use the currency format of the
 * locale with the invoice currency's digits; two CLDR rules the JDK's {@code java.text}
 * does not apply are applied here: a letter currency code is separated from the digits
 * by a no-break space ({@code KWD 12.345}, not {@code KWD12.345}), and Spanish (Spain)
 * leaves four-digit numbers ungrouped ({@code 1234,56 €}). Tax rates use the locale's
 * percent format ({@code 19%} in English, {@code 19 %} in German, French and Spanish).
 * Dates are the locale's medium date in UTC; a service period shows its first and last
 * day, the end being exclusive ({@code [Feb 1, Mar 1)} prints {@code Feb 1 – Feb 28}).
 */
public final class InvoiceRenderer {
  private static final Map<String, String> HOME_COUNTRY = Map.of("en", "US", "de", "DE", "fr", "FR", "es", "ES");
  /** Unit prices may be fractional minor units; this many extra digits keep them exact. */
  private static final int EXTRA_UNIT_PRICE_DIGITS = 6;
  private static final int MAX_QUANTITY_DIGITS = 12;
  /** Text stays within this many columns where it can, so it reads in an 80-column terminal. */
  private static final int TARGET_WIDTH = 78;
  /** ...but a description column never wraps narrower than this, however wide the numbers. */
  private static final int MIN_DESCRIPTION_WIDTH = 24;
  private static final int GAP = 2;
  private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

  private InvoiceRenderer() {
  }

  /** The invoice as plain text in its addressee's locale. */
  public static String text(Invoice invoice) {
    Objects.requireNonNull(invoice, "invoice");
    return text(invoice, invoice.billTo().locale());
  }

  /** The invoice as plain text in the given locale. */
  public static String text(Invoice invoice, Locale locale) {
    Objects.requireNonNull(invoice, "invoice");
    Objects.requireNonNull(locale, "locale");
    return text(InvoiceDocument.of(invoice, Seller.NOT_CONFIGURED, locale));
  }

  /** The invoice as an HTML5 document in its addressee's locale. */
  public static String html(Invoice invoice) {
    Objects.requireNonNull(invoice, "invoice");
    return html(invoice, invoice.billTo().locale());
  }

  /** The invoice as an HTML5 document in the given locale. */
  public static String html(Invoice invoice, Locale locale) {
    Objects.requireNonNull(invoice, "invoice");
    Objects.requireNonNull(locale, "locale");
    return html(InvoiceDocument.of(invoice, Seller.NOT_CONFIGURED, locale));
  }

  /** The credit note as plain text in its addressee's locale. */
  public static String text(CreditNote note) {
    Objects.requireNonNull(note, "note");
    return text(InvoiceDocument.of(note));
  }

  /** The credit note as an HTML5 document in its addressee's locale. */
  public static String html(CreditNote note) {
    Objects.requireNonNull(note, "note");
    return html(InvoiceDocument.of(note));
  }

  /** A document as plain text, in its language and locale. */
  public static String text(InvoiceDocument document) {
    Objects.requireNonNull(document, "document");
    return TextLayout.render(Document.of(document, new Formats(document)));
  }

  /** A document as an HTML5 document, in its language and locale. */
  public static String html(InvoiceDocument document) {
    Objects.requireNonNull(document, "document");
    return HtmlLayout.render(Document.of(document, new Formats(document)));
  }

  // ---------------------------------------------------------------------------------------
  // What a document shows, already translated and formatted; the two layouts only arrange it.

  private record Field(String label, String value) {
  }

  /** One row of the lines table; {@code details} are the line's period and tier breakdown. */
  private record Row(String description, List<String> details, String quantity, String unitPrice, String amount) {
  }

  private record Total(String label, String amount, boolean emphasized) {
  }

  private record Document(String language, String colon, String title, String heading, List<String> seller,
      Optional<String> logoUrl, List<Field> fields, String billToLabel, List<String> billTo, String description,
      String quantity, String unitPrice, String amount, List<Row> rows, List<Total> totals, List<String> notes,
      List<String> payment) {

    static Document of(InvoiceDocument doc, Formats f) {
      boolean creditNote = doc.kind() == InvoiceDocument.Kind.CREDIT_NOTE;
      String number = doc.number().orElseGet(() -> f.label("draft"));
      List<Field> fields = new ArrayList<>();
      fields.add(new Field(f.label(creditNote ? "creditNote.number" : "number"), number));
      doc.correctedInvoice().ifPresent(n -> fields.add(new Field(f.label("creditNote.corrects"), n)));
      doc.reason().ifPresent(r -> fields.add(new Field(f.label("creditNote.reason"), f.label("creditNote.reason." + r.name()))));
      doc.status().ifPresent(st -> fields.add(new Field(f.label("status"), f.label("status." + st.name()))));
      doc.issuedAt().ifPresent(at -> fields.add(new Field(f.label("issued"), f.date(at))));
      fields.add(new Field(f.label("servicePeriod"), f.period(doc.servicePeriod())));
      doc.dueAt().ifPresent(at -> fields.add(new Field(f.label("due"), f.date(at))));
      doc.paidAt().ifPresent(at -> fields.add(new Field(f.label("paidOn"), f.date(at))));

      Seller from = doc.seller();
      List<String> seller = new ArrayList<>();
      seller.add(from.legalName());
      if (!from.isPlaceholder()) {
        seller.addAll(from.addressLines());
        seller.add(from.postalCode().isEmpty() ? from.city() : from.postalCode() + " " + from.city());
        seller.add(f.country(from.country()));
        for (Seller.TaxRegistration r : from.taxRegistrations()) {
          seller.add(f.registration(r) + f.label("colon") + " " + r.id());
        }
        List<String> contact = new ArrayList<>();
        contact.add(from.email());
        from.phone().ifPresent(contact::add);
        from.website().ifPresent(contact::add);
        seller.add(String.join(" · ", contact));
      }

      BillTo to = doc.buyer();
      List<String> billTo = new ArrayList<>();
      billTo.add(to.name());
      billTo.addAll(to.addressLines());
      billTo.add(f.country(to.country()));
      to.taxId().ifPresent(id -> billTo.add(f.label("taxId") + f.label("colon") + " " + id));
      billTo.add(to.email());

      List<Row> rows = new ArrayList<>();
      for (InvoiceLine line : doc.lines()) {
        List<String> details = new ArrayList<>();
        if (!line.period().equals(doc.servicePeriod())) {
          details.add(f.period(line.period()));
        }
        for (TierCharge tier : line.tiers()) {
          details.add(f.tier(tier));
        }
        // A discount or minimum-spend adjustment is one amount; a quantity of 1 would only distract.
        boolean adjustment = line.kind() == LineKind.DISCOUNT || line.kind() == LineKind.MINIMUM;
        rows.add(new Row(line.description(), details, adjustment ? "" : f.quantity(line.quantity()),
            line.unitAmount().map(f::unitPrice).orElse(""), f.money(line.amount())));
      }

      boolean inclusive = doc.taxBehavior() == TaxBehavior.INCLUSIVE;
      List<Total> totals = new ArrayList<>();
      totals.add(new Total(f.label("subtotal"), f.money(doc.subtotal()), false));
      if (!doc.discountTotal().isZero()) {
        totals.add(new Total(f.label("discounts"), f.money(doc.discountTotal()), false));
      }
      for (TaxLine tax : doc.taxBreakdown()) {
        totals.add(new Total(f.taxLabel(tax, inclusive), f.money(tax.tax()), false));
      }
      totals.add(new Total(f.label(creditNote ? "creditNote.total" : "total"), f.money(doc.total()), true));
      if (!doc.creditApplied().isZero()) {
        // Shown negative because it is subtracted from the total, like a discount.
        totals.add(new Total(f.label("creditApplied"), f.money(doc.creditApplied().negate()), false));
      }
      if (doc.isPaid()) {
        // A paid invoice says what was paid, and asks for nothing.
        totals.add(new Total(f.label("amountPaid"), f.money(doc.amountPaid()), true));
      } else if (!creditNote) {
        totals.add(new Total(f.label("amountDue"), f.money(doc.amountDue()), true));
      }

      List<String> notes = doc.legalNotes().stream().map(InvoiceDocument.LegalNote::text).toList();
      List<String> payment = new ArrayList<>();
      if (doc.amountDue().isPositive() && from.bank().isPresent()) {
        Seller.BankDetails bank = from.bank().get();
        payment.add(f.label("bank") + f.label("colon") + " " + bank.accountName());
        payment.add("IBAN" + f.label("colon") + " " + bank.iban() + bank.bic().map(b -> ", BIC" + f.label("colon") + " " + b)
            .orElse(""));
        payment.add(f.label("paymentReference") + f.label("colon") + " " + number);
      }

      String heading = f.label(creditNote ? "creditNote.title" : "title");
      return new Document(f.language(), f.label("colon"), heading + " " + number, heading, seller, from.logoUrl(), fields,
          f.label("billTo"), billTo, f.label("description"), f.label("quantity"),
          f.label(inclusive ? "unitPrice" : "unitPrice.net"), f.label("amount"), rows, totals, notes, payment);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Labels and formats for one rendering. NumberFormat is not thread-safe: one per call.

  private static final class Formats {
    private final Map<String, String> labels;
    private final String language;
    private final Locale labelLocale;
    private final Locale locale;
    private final Currency currency;
    private final int digits;
    private final String currencySymbol;
    private final boolean minimumGroupingTwo;
    private final DateTimeFormatter dates;

    Formats(InvoiceDocument document) {
      this.labels = document.labels();
      this.language = document.language();
      this.labelLocale = Locale.forLanguageTag(language);
      this.locale = withHomeCountry(document.locale());
      this.currency = document.currency();
      this.digits = currency.getDefaultFractionDigits();
      this.currencySymbol = currency.getSymbol(locale);
      // CLDR's minimumGroupingDigits is 2 for Spanish in Spain: 1234 but 12.345.
      this.minimumGroupingTwo = "es".equals(locale.getLanguage()) && "ES".equals(locale.getCountry());
      this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
    }

    private static Locale withHomeCountry(Locale locale) {
      String country = HOME_COUNTRY.get(locale.getLanguage());
      if (!locale.getCountry().isEmpty() || country == null) {
        return locale;
      }
      try {
        return new Locale.Builder().setLocale(locale).setRegion(country).build();
      } catch (IllformedLocaleException e) {
        return new Locale(locale.getLanguage(), country);
      }
    }

    String language() {
      return language;
    }

    String label(String key) {
      String value = labels.get(key);
      if (value == null) {
        throw new java.util.MissingResourceException("no invoice label " + key, "InvoiceLabels", key);
      }
      return value;
    }

    private String label(String key, Map<String, String> values) {
      String text = label(key);
      for (Map.Entry<String, String> v : values.entrySet()) {
        text = text.replace("{" + v.getKey() + "}", v.getValue());
      }
      return text;
    }

    /** "VAT ID (DE)" for a VAT registration, the scheme's own name ("EIN (US)") for others. */
    String registration(Seller.TaxRegistration r) {
      String name = labels.getOrDefault("registration." + r.scheme(), r.scheme());
      return name + " (" + r.country() + ")";
    }

    String money(Money amount) {
      return currency(amount.toMajor(), digits);
    }

    /** An exact amount in minor units, rounded to the currency's digits for display only. */
    String roundedMoney(BigDecimal minorUnits) {
      return currency(minorUnits.movePointLeft(digits).setScale(digits, RoundingMode.HALF_UP), digits);
    }

    /** As many digits as make the price exact, at least the currency's, at most six more. */
    String unitPrice(BigDecimal minorUnits) {
      BigDecimal major = minorUnits.movePointLeft(digits);
      int scale = Math.max(digits, Math.min(digits + EXTRA_UNIT_PRICE_DIGITS, major.stripTrailingZeros().scale()));
      return currency(major.setScale(scale, RoundingMode.HALF_UP), scale);
    }

    private String currency(BigDecimal major, int fractionDigits) {
      NumberFormat format = NumberFormat.getCurrencyInstance(locale);
      format.setCurrency(currency);
      format.setMinimumFractionDigits(fractionDigits);
      format.setMaximumFractionDigits(fractionDigits);
      format.setRoundingMode(RoundingMode.HALF_UP);
      return spaceCurrencyCode(format(format, major));
    }

    /**
     * CLDR's currency spacing: a symbol that is a code (KWD, CHF) next to a digit gets a
     * no-break space, as ICU prints it; the JDK prints {@code KWD12.345}.
     */
    private String spaceCurrencyCode(String formatted) {
      int at = formatted.indexOf(currencySymbol);
      if (currencySymbol.isEmpty() || at < 0) {
        return formatted;
      }
      int after = at + currencySymbol.length();
      if (after < formatted.length() && Character.isDigit(formatted.charAt(after))
          && Character.isLetter(currencySymbol.charAt(currencySymbol.length() - 1))) {
        return formatted.substring(0, after) + '\u00A0' + formatted.substring(after);
      }
      if (at > 0 && Character.isDigit(formatted.charAt(at - 1)) && Character.isLetter(currencySymbol.charAt(0))) {
        return formatted.substring(0, at) + '\u00A0' + formatted.substring(at);
      }
      return formatted;
    }

    String quantity(BigDecimal quantity) {
      NumberFormat format = NumberFormat.getNumberInstance(locale);
      format.setMinimumFractionDigits(0);
      format.setMaximumFractionDigits(MAX_QUANTITY_DIGITS);
      format.setRoundingMode(RoundingMode.HALF_UP);
      BigDecimal shown = quantity.scale() > MAX_QUANTITY_DIGITS
          ? quantity.setScale(MAX_QUANTITY_DIGITS, RoundingMode.HALF_UP) : quantity;
      return format(format, shown);
    }

    String percent(BigDecimal percent) {
      NumberFormat format = NumberFormat.getPercentInstance(locale);
      format.setMinimumFractionDigits(0);
      format.setMaximumFractionDigits(Math.max(0, percent.stripTrailingZeros().scale()));
      return format(format, percent.movePointLeft(2));
    }

    /** Formats a BigDecimal exactly (never through double), honouring the minimum grouping. */
    private String format(NumberFormat format, BigDecimal value) {
      if (minimumGroupingTwo && value.abs().compareTo(TEN_THOUSAND) < 0) {
        NumberFormat ungrouped = (NumberFormat) format.clone();
        ungrouped.setGroupingUsed(false);
        return ungrouped.format(value);
      }
      return format.format(value);
    }

    String date(Instant instant) {
      return dates.format(instant.atZone(ZoneOffset.UTC).toLocalDate());
    }

    String period(Period period) {
      LocalDate first = period.start().atZone(ZoneOffset.UTC).toLocalDate();
      LocalDate last = period.end().minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
      return first.equals(last) ? dates.format(first) : dates.format(first) + " – " + dates.format(last);
    }

    String country(String code) {
      String name = new Locale("", code).getDisplayCountry(labelLocale);
      return name.isEmpty() ? code : name;
    }

    String tier(TierCharge tier) {
      String flat = tier.flatAmount().signum() == 0 ? "" : " + " + unitPrice(tier.flatAmount());
      return label("tier", Map.of("tier", Integer.toString(tier.tier()))) + label("colon") + " "
          + quantity(tier.quantity()) + " × "
          + unitPrice(tier.unitAmount()) + flat + " = " + roundedMoney(tier.amount());
    }

    String taxLabel(TaxLine tax, boolean inclusive) {
      String name = tax.rate().name();
      String key = "taxName." + name.replace(' ', '_');
      if (labels.containsKey(key)) {
        name = labels.get(key);
      }
      return label(inclusive ? "taxLine.inclusive" : "taxLine", Map.of("name", name, "rate", percent(tax.rate().percent()),
          "jurisdiction", tax.rate().jurisdiction(), "taxable", money(tax.taxableAmount())));
    }
  }

  // ---------------------------------------------------------------------------------------

  private static final class TextLayout {
    private static final String GAPS = " ".repeat(GAP);

    private TextLayout() {
    }

    static String render(Document d) {
      StringBuilder out = new StringBuilder();
      String heading = d.heading().toUpperCase(Locale.forLanguageTag(d.language()));
      line(out, heading);
      line(out, "=".repeat(width(heading)));
      out.append('\n');
      for (String s : d.seller()) {
        line(out, s);
      }
      out.append('\n');

      int labelWidth = 0;
      for (Field f : d.fields()) {
        labelWidth = Math.max(labelWidth, width(f.label() + d.colon()));
      }
      for (Field f : d.fields()) {
        line(out, padRight(f.label() + d.colon(), labelWidth + GAP) + f.value());
      }
      out.append('\n');
      line(out, d.billToLabel() + d.colon());
      for (String s : d.billTo()) {
        line(out, "  " + s);
      }
      out.append('\n');

      int qtyWidth = width(d.quantity());
      int unitWidth = width(d.unitPrice());
      int amountWidth = width(d.amount());
      int longest = width(d.description());
      for (Row r : d.rows()) {
        qtyWidth = Math.max(qtyWidth, width(r.quantity()));
        unitWidth = Math.max(unitWidth, width(r.unitPrice()));
        amountWidth = Math.max(amountWidth, width(r.amount()));
        longest = Math.max(longest, width(r.description()));
      }
      int totalLabelWidth = 0;
      int totalAmountWidth = amountWidth;
      for (Total t : d.totals()) {
        totalLabelWidth = Math.max(totalLabelWidth, width(t.label()));
        totalAmountWidth = Math.max(totalAmountWidth, width(t.amount()));
      }
      int numbersWidth = GAP + qtyWidth + GAP + unitWidth + GAP + amountWidth;
      int descriptionWidth = Math.max(width(d.description()),
          Math.min(longest, Math.max(MIN_DESCRIPTION_WIDTH, TARGET_WIDTH - numbersWidth)));
      int totalsWidth = totalLabelWidth + GAP + totalAmountWidth;
      // The description column takes up any slack, so the totals end where the amounts end.
      descriptionWidth = Math.max(descriptionWidth, totalsWidth - numbersWidth);
      int tableWidth = descriptionWidth + numbersWidth;

      line(out, padRight(d.description(), descriptionWidth) + GAPS + padLeft(d.quantity(), qtyWidth) + GAPS
          + padLeft(d.unitPrice(), unitWidth) + GAPS + padLeft(d.amount(), amountWidth));
      line(out, "-".repeat(tableWidth));
      for (Row r : d.rows()) {
        List<String> description = wrap(r.description(), descriptionWidth);
        line(out, padRight(description.get(0), descriptionWidth) + GAPS + padLeft(r.quantity(), qtyWidth) + GAPS
            + padLeft(r.unitPrice(), unitWidth) + GAPS + padLeft(r.amount(), amountWidth));
        for (String more : description.subList(1, description.size())) {
          line(out, more);
        }
        for (String detail : r.details()) {
          for (String part : wrap(detail, tableWidth - 2)) {
            line(out, "  " + part);
          }
        }
      }
      line(out, "-".repeat(tableWidth));

      String indent = " ".repeat(tableWidth - totalsWidth);
      for (Total t : d.totals()) {
        if (t.emphasized()) {
          line(out, indent + "-".repeat(totalsWidth));
        }
        line(out, indent + padRight(t.label(), totalLabelWidth) + GAPS + padLeft(t.amount(), totalAmountWidth));
      }

      if (!d.notes().isEmpty()) {
        out.append('\n');
        for (String note : d.notes()) {
          for (String part : wrap(note, tableWidth)) {
            line(out, part);
          }
        }
      }
      if (!d.payment().isEmpty()) {
        out.append('\n');
        for (String p : d.payment()) {
          for (String part : wrap(p, tableWidth)) {
            line(out, part);
          }
        }
      }
      return out.toString();
    }

    private static void line(StringBuilder out, String text) {
      out.append(text.stripTrailing()).append('\n');
    }

    /** Columns a string occupies: one per code point (every character used here is single-width). */
    private static int width(String s) {
      return s.codePointCount(0, s.length());
    }

    private static String padRight(String s, int width) {
      return s + " ".repeat(Math.max(0, width - width(s)));
    }

    private static String padLeft(String s, int width) {
      return " ".repeat(Math.max(0, width - width(s))) + s;
    }

    /** Splits at spaces into lines of at most {@code width} columns; a longer word is cut. */
    private static List<String> wrap(String text, int width) {
      List<String> lines = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (String word : text.strip().split("\\s+")) {
        while (width(word) > width) {
          if (current.length() > 0) {
            lines.add(current.toString());
            current.setLength(0);
          }
          int cut = word.offsetByCodePoints(0, width);
          lines.add(word.substring(0, cut));
          word = word.substring(cut);
        }
        if (current.length() > 0 && width(current.toString()) + 1 + width(word) > width) {
          lines.add(current.toString());
          current.setLength(0);
        }
        if (current.length() > 0) {
          current.append(' ');
        }
        current.append(word);
      }
      if (current.length() > 0 || lines.isEmpty()) {
        lines.add(current.toString());
      }
      return lines;
    }
  }

  // ---------------------------------------------------------------------------------------

  private static final class HtmlLayout {
    private static final String BODY = "margin:0;padding:32px;background:#ffffff;color:#1f2328;"
        + "font-family:Helvetica,Arial,sans-serif;font-size:14px;line-height:1.45";
    private static final String H1 = "margin:0 0 16px;font-size:26px;font-weight:700";
    private static final String H2 = "margin:24px 0 4px;font-size:13px;font-weight:700;text-transform:uppercase;color:#57606a";
    private static final String FIELD_LABEL = "text-align:left;padding:2px 24px 2px 0;font-weight:600;color:#57606a";
    private static final String FIELD_VALUE = "padding:2px 0";
    private static final String LINES = "width:100%;border-collapse:collapse;margin-top:24px";
    private static final String HEAD_LEFT = "text-align:left;padding:8px 8px 8px 0;border-bottom:2px solid #1f2328";
    private static final String HEAD_RIGHT = "text-align:right;padding:8px 0 8px 16px;border-bottom:2px solid #1f2328;"
        + "white-space:nowrap";
    private static final String CELL_LEFT = "text-align:left;vertical-align:top;padding:8px 8px 8px 0;"
        + "border-bottom:1px solid #d0d7de";
    private static final String CELL_RIGHT = "text-align:right;vertical-align:top;padding:8px 0 8px 16px;"
        + "border-bottom:1px solid #d0d7de;white-space:nowrap";
    private static final String DETAIL = "padding-left:12px;font-size:12px;color:#57606a";
    private static final String TOTAL_LABEL = "text-align:right;padding:4px 0 4px 16px;font-weight:400";
    private static final String TOTAL_AMOUNT = "text-align:right;padding:4px 0 4px 16px;white-space:nowrap";
    private static final String STRONG_LABEL = "text-align:right;padding:8px 0 4px 16px;font-weight:700;"
        + "border-top:1px solid #1f2328";
    private static final String STRONG_AMOUNT = "text-align:right;padding:8px 0 4px 16px;font-weight:700;"
        + "white-space:nowrap;border-top:1px solid #1f2328";
    private static final String NOTE = "margin:16px 0 0;font-size:13px;color:#57606a";

    private HtmlLayout() {
    }

    static String render(Document d) {
      StringBuilder out = new StringBuilder();
      out.append("<!DOCTYPE html>\n");
      out.append("<html lang=\"").append(escape(d.language())).append("\">\n");
      out.append("<head>\n");
      out.append("<meta charset=\"utf-8\">\n");
      out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
      out.append("<title>").append(escape(d.title())).append("</title>\n");
      out.append("</head>\n");
      out.append("<body style=\"").append(BODY).append("\">\n");
      d.logoUrl().ifPresent(url -> out.append("<img src=\"").append(escape(url)).append("\" alt=\"")
          .append(escape(d.seller().get(0))).append("\" style=\"max-height:64px;margin:0 0 16px\">\n"));
      out.append("<h1 style=\"").append(H1).append("\">").append(escape(d.heading())).append("</h1>\n");
      out.append("<p style=\"margin:0 0 16px\">");
      for (int i = 0; i < d.seller().size(); i++) {
        out.append(i == 0 ? "<strong>" + escape(d.seller().get(i)) + "</strong>" : "<br>\n" + escape(d.seller().get(i)));
      }
      out.append("</p>\n");

      out.append("<table style=\"border-collapse:collapse\">\n");
      for (Field f : d.fields()) {
        out.append("<tr><th scope=\"row\" style=\"").append(FIELD_LABEL).append("\">").append(escape(f.label()))
            .append("</th><td style=\"").append(FIELD_VALUE).append("\">").append(escape(f.value())).append("</td></tr>\n");
      }
      out.append("</table>\n");

      out.append("<h2 style=\"").append(H2).append("\">").append(escape(d.billToLabel())).append("</h2>\n");
      out.append("<p style=\"margin:0\">");
      for (int i = 0; i < d.billTo().size(); i++) {
        out.append(i == 0 ? "" : "<br>\n").append(escape(d.billTo().get(i)));
      }
      out.append("</p>\n");

      out.append("<table style=\"").append(LINES).append("\">\n");
      out.append("<thead>\n<tr>");
      out.append("<th scope=\"col\" style=\"").append(HEAD_LEFT).append("\">").append(escape(d.description())).append("</th>");
      out.append("<th scope=\"col\" style=\"").append(HEAD_RIGHT).append("\">").append(escape(d.quantity())).append("</th>");
      out.append("<th scope=\"col\" style=\"").append(HEAD_RIGHT).append("\">").append(escape(d.unitPrice())).append("</th>");
      out.append("<th scope=\"col\" style=\"").append(HEAD_RIGHT).append("\">").append(escape(d.amount())).append("</th>");
      out.append("</tr>\n</thead>\n<tbody>\n");
      for (Row r : d.rows()) {
        out.append("<tr><td style=\"").append(CELL_LEFT).append("\">").append(escape(r.description()));
        for (String detail : r.details()) {
          out.append("<div style=\"").append(DETAIL).append("\">").append(escape(detail)).append("</div>");
        }
        out.append("</td>");
        out.append("<td style=\"").append(CELL_RIGHT).append("\">").append(escape(r.quantity())).append("</td>");
        out.append("<td style=\"").append(CELL_RIGHT).append("\">").append(escape(r.unitPrice())).append("</td>");
        out.append("<td style=\"").append(CELL_RIGHT).append("\">").append(escape(r.amount())).append("</td></tr>\n");
      }
      out.append("</tbody>\n<tfoot>\n");
      for (Total t : d.totals()) {
        out.append("<tr><th scope=\"row\" colspan=\"3\" style=\"").append(t.emphasized() ? STRONG_LABEL : TOTAL_LABEL)
            .append("\">").append(escape(t.label())).append("</th><td style=\"")
            .append(t.emphasized() ? STRONG_AMOUNT : TOTAL_AMOUNT).append("\">").append(escape(t.amount()))
            .append("</td></tr>\n");
      }
      out.append("</tfoot>\n</table>\n");

      for (String note : d.notes()) {
        out.append("<p style=\"").append(NOTE).append("\">").append(escape(note)).append("</p>\n");
      }
      if (!d.payment().isEmpty()) {
        out.append("<p style=\"").append(NOTE).append("\">");
        for (int i = 0; i < d.payment().size(); i++) {
          out.append(i == 0 ? "" : "<br>\n").append(escape(d.payment().get(i)));
        }
        out.append("</p>\n");
      }
      out.append("</body>\n</html>\n");
      return out.toString();
    }

    /** Escapes text for element content and double- or single-quoted attribute values. */
    static String escape(String text) {
      StringBuilder b = new StringBuilder(text.length() + 16);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        switch (c) {
          case '&' -> b.append("&amp;");
          case '<' -> b.append("&lt;");
          case '>' -> b.append("&gt;");
          case '"' -> b.append("&quot;");
          case '\'' -> b.append("&#39;");
          default -> b.append(c);
        }
      }
      return b.toString();
    }
  }
}
