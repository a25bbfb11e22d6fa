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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;

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
  private static final String BUNDLE = "io.nobill.core.invoice.InvoiceLabels";
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
    return TextLayout.render(Document.of(invoice, new Formats(locale, invoice.currency())));
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
    return HtmlLayout.render(Document.of(invoice, new Formats(locale, invoice.currency())));
  }

  // ---------------------------------------------------------------------------------------
  // What an invoice shows, already translated and formatted; the two layouts only arrange it.

  private record Field(String label, String value) {
  }

  /** One row of the lines table; {@code details} are the line's period and tier breakdown. */
  private record Row(String description, List<String> details, String quantity, String unitPrice, String amount) {
  }

  private record Total(String label, String amount, boolean emphasized) {
  }

  private record Document(String language, String colon, String title, String heading, List<Field> fields, String billToLabel,
      List<String> billTo, String description, String quantity, String unitPrice, String amount, List<Row> rows,
      List<Total> totals, List<String> notes) {

    static Document of(Invoice invoice, Formats f) {
      String number = invoice.number().orElseGet(() -> f.label("draft"));
      List<Field> fields = new ArrayList<>();
      fields.add(new Field(f.label("number"), number));
      fields.add(new Field(f.label("status"), f.label("status." + invoice.status().name())));
      invoice.finalizedAt().ifPresent(at -> fields.add(new Field(f.label("issued"), f.date(at))));
      invoice.dueAt().ifPresent(at -> fields.add(new Field(f.label("due"), f.date(at))));
      fields.add(new Field(f.label("servicePeriod"), f.period(invoice.period())));

      BillTo to = invoice.billTo();
      List<String> billTo = new ArrayList<>();
      billTo.add(to.name());
      billTo.add(to.email());
      billTo.add(f.country(to.country()));
      to.taxId().ifPresent(id -> billTo.add(f.label("taxId") + f.label("colon") + " " + id));

      List<Row> rows = new ArrayList<>();
      for (InvoiceLine line : invoice.lines()) {
        List<String> details = new ArrayList<>();
        if (!line.period().equals(invoice.period())) {
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

      boolean inclusive = invoice.taxBehavior() == TaxBehavior.INCLUSIVE;
      List<Total> totals = new ArrayList<>();
      totals.add(new Total(f.label("subtotal"), f.money(invoice.subtotal()), false));
      if (!invoice.discountTotal().isZero()) {
        totals.add(new Total(f.label("discounts"), f.money(invoice.discountTotal()), false));
      }
      for (TaxLine tax : invoice.taxLines()) {
        totals.add(new Total(f.taxLabel(tax, inclusive), f.money(tax.tax()), false));
      }
      totals.add(new Total(f.label("total"), f.money(invoice.total()), true));
      if (!invoice.creditApplied().isZero()) {
        // Shown negative because it is subtracted from the total, like a discount.
        totals.add(new Total(f.label("creditApplied"), f.money(invoice.creditApplied().negate()), false));
      }
      totals.add(new Total(f.label("amountDue"), f.money(invoice.amountDue()), true));

      // Notes such as the reverse-charge statement are legal wording from the tax
      // calculator: printed as given, once each, never translated here.
      Set<String> notes = new LinkedHashSet<>();
      if (inclusive) {
        notes.add(f.label("pricesIncludeTax"));
      }
      for (TaxLine tax : invoice.taxLines()) {
        if (!tax.rate().note().isBlank()) {
          notes.add(tax.rate().note().strip());
        }
      }

      String heading = f.label("title");
      return new Document(f.language(), f.label("colon"), heading + " " + number, heading, fields, f.label("billTo"), billTo,
          f.label("description"), f.label("quantity"), f.label("unitPrice"), f.label("amount"), rows, totals,
          List.copyOf(notes));
    }
  }

  // ---------------------------------------------------------------------------------------
  // Labels and formats for one rendering. NumberFormat is not thread-safe: one per call.

  private static final class Formats {
    private final ResourceBundle labels;
    private final Locale labelLocale;
    private final Locale locale;
    private final Currency currency;
    private final int digits;
    private final String currencySymbol;
    private final boolean minimumGroupingTwo;
    private final DateTimeFormatter dates;

    Formats(Locale requested, Currency currency) {
      this.labels = labels(requested.getLanguage());
      this.labelLocale = labels.getLocale().getLanguage().isEmpty() ? Locale.ENGLISH : labels.getLocale();
      this.locale = withHomeCountry(requested);
      this.currency = currency;
      this.digits = currency.getDefaultFractionDigits();
      this.currencySymbol = currency.getSymbol(locale);
      // CLDR's minimumGroupingDigits is 2 for Spanish in Spain: 1234 but 12.345.
      this.minimumGroupingTwo = "es".equals(locale.getLanguage()) && "ES".equals(locale.getCountry());
      this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
    }

    /**
     * The bundle for exactly this language, or the English base bundle. ResourceBundle would
     * otherwise fall back to the JVM's default locale, making output machine-dependent; a
     * Control cannot prevent that because billing-core may run as a named module.
     */
    private static ResourceBundle labels(String language) {
      if (!language.isEmpty()) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, new Locale(language));
        if (bundle.getLocale().getLanguage().equals(language)) {
          return bundle;
        }
      }
      return ResourceBundle.getBundle(BUNDLE, Locale.ROOT);
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
      return labelLocale.getLanguage();
    }

    /** A key a translation lacks resolves in its parent, the English base bundle. */
    String label(String key) {
      return labels.getString(key);
    }

    private String label(String key, Map<String, String> values) {
      String text = label(key);
      for (Map.Entry<String, String> v : values.entrySet()) {
        text = text.replace("{" + v.getKey() + "}", v.getValue());
      }
      return text;
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
        name = labels.getString(key);
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
      out.append("<h1 style=\"").append(H1).append("\">").append(escape(d.heading())).append("</h1>\n");

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
