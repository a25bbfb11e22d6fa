package io.nobill.core.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the documents of one numbering series are numbered: a series name, the counter the store
 * keeps for it, and a pattern such as {@code INV-{yyyy}-{seq:6}}.
 *
 * <p>Tokens: {@code {yyyy}} the four-digit year, {@code {yy}} its last two digits, {@code {mm}}
 * the two-digit month, all of the document's date of issue in UTC, and exactly one
 * {@code {seq:N}}, the number in the series zero-padded to N digits (1–12; a larger number is
 * printed in full, never cut). Other text is printed as written and may use letters, digits
 * and {@code - / _ .} only, so that a number is safe in file names, e-mail subjects and
 * payment references.
 *
 * <p>The sequence restarts at 1 every calendar year (UTC) when the pattern has {@code {yyyy}}
 * or {@code {yy}}, because the year then keeps numbers of different years apart; without a
 * year it never restarts. {@code {mm}} alone never restarts the sequence. Either way a number
 * is unique in its series and the numbers of a year (or of all time) have no gaps.
 *
 * @param series  the name of the counter: documents of two formats with the same series name
 *                share one sequence. One seller's invoices are one series; hosts that bill as
 *                several sellers from one store give each its own series names.
 * @param pattern the pattern numbers are printed by
 */
public record NumberingFormat(String series, String pattern) {
  // Before the constants below: their construction uses these.
  private static final Pattern TOKEN = Pattern.compile("\\{([^}]*)}");
  private static final Pattern SEQ = Pattern.compile("seq:([0-9]{1,2})");
  private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9\\-/_.]*");
  private static final Pattern SERIES = Pattern.compile("[a-z0-9][a-z0-9\\-_.]{0,39}");
  /** Invoices: {@code INV-2026-000001}, restarting every year. */
  public static final NumberingFormat INVOICES = new NumberingFormat("invoice", "INV-{yyyy}-{seq:6}");
  /** Credit notes: {@code CN-2026-000001}, restarting every year. */
  public static final NumberingFormat CREDIT_NOTES = new NumberingFormat("credit-note", "CN-{yyyy}-{seq:6}");
  /** The longest pattern and the longest number it may print (the store column holds 100). */
  public static final int MAX_LENGTH = 64;


  public NumberingFormat {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(pattern, "pattern");
    if (!SERIES.matcher(series).matches()) {
      throw new IllegalArgumentException("numbering series '" + series
          + "' must be 1-40 lower-case letters, digits, '-', '_' or '.', starting with a letter or digit");
    }
    parse(pattern);
  }

  /** A format for {@code pattern} in the series {@code series}. */
  public static NumberingFormat of(String series, String pattern) {
    return new NumberingFormat(series, pattern);
  }

  /** Whether the sequence restarts every calendar year: the pattern prints the year. */
  public boolean restartsYearly() {
    return pattern.contains("{yyyy}") || pattern.contains("{yy}");
  }

  /**
   * The name of the store's counter a document issued at {@code issuedAt} takes its number
   * from: {@code invoice/2026} when the sequence restarts yearly, else {@code invoice}.
   */
  public String counter(Instant issuedAt) {
    Objects.requireNonNull(issuedAt, "issuedAt");
    return restartsYearly() ? series + "/" + issuedAt.atZone(ZoneOffset.UTC).getYear() : series;
  }

  /** The number {@code sequence} of the series, for a document issued at {@code issuedAt}. */
  public String format(long sequence, Instant issuedAt) {
    Objects.requireNonNull(issuedAt, "issuedAt");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1, was " + sequence);
    }
    LocalDate date = issuedAt.atZone(ZoneOffset.UTC).toLocalDate();
    StringBuilder out = new StringBuilder();
    for (Part part : parse(pattern)) {
      switch (part.kind()) {
        case LITERAL -> out.append(part.text());
        case YEAR -> out.append(String.format("%04d", date.getYear()));
        case YEAR2 -> out.append(String.format("%02d", date.getYear() % 100));
        case MONTH -> out.append(String.format("%02d", date.getMonthValue()));
        case SEQUENCE -> {
          String digits = Long.toString(sequence);
          out.append("0".repeat(Math.max(0, part.width() - digits.length()))).append(digits);
        }
        default -> throw new IllegalStateException(part.kind().name());
      }
    }
    return out.toString();
  }

  private enum Kind { LITERAL, YEAR, YEAR2, MONTH, SEQUENCE }

  private record Part(Kind kind, String text, int width) {
  }

  /** The pattern's parts; throws IllegalArgumentException naming what is wrong. */
  private static List<Part> parse(String pattern) {
    if (pattern.isEmpty() || pattern.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("numbering pattern must have 1-" + MAX_LENGTH + " characters");
    }
    List<Part> parts = new ArrayList<>();
    Matcher m = TOKEN.matcher(pattern);
    int at = 0;
    int sequences = 0;
    int width = 0;
    while (m.find()) {
      literal(pattern, pattern.substring(at, m.start()), parts);
      String token = m.group(1);
      Matcher seq = SEQ.matcher(token);
      switch (token) {
        case "yyyy" -> parts.add(new Part(Kind.YEAR, "", 4));
        case "yy" -> parts.add(new Part(Kind.YEAR2, "", 2));
        case "mm" -> parts.add(new Part(Kind.MONTH, "", 2));
        default -> {
          if (!seq.matches()) {
            throw new IllegalArgumentException("numbering pattern '" + pattern + "' has the unknown token {" + token
                + "}; tokens are {yyyy}, {yy}, {mm} and {seq:N}");
          }
          int n = Integer.parseInt(seq.group(1));
          if (n < 1 || n > 12) {
            throw new IllegalArgumentException("numbering pattern '" + pattern + "': {seq:N} needs N in 1..12, was " + n);
          }
          parts.add(new Part(Kind.SEQUENCE, "", n));
          sequences++;
        }
      }
      at = m.end();
    }
    literal(pattern, pattern.substring(at), parts);
    if (sequences != 1) {
      throw new IllegalArgumentException("numbering pattern '" + pattern + "' must have exactly one {seq:N}, has "
          + sequences);
    }
    for (Part p : parts) {
      width += p.kind() == Kind.LITERAL ? p.text().length() : p.width();
    }
    // The widest number fits the store: N digits padded, up to 19 for a long's largest value.
    if (width - parts.stream().filter(p -> p.kind() == Kind.SEQUENCE).mapToInt(Part::width).sum() + 19 > 100) {
      throw new IllegalArgumentException("numbering pattern '" + pattern + "' prints numbers too long to store");
    }
    return parts;
  }

  private static void literal(String pattern, String text, List<Part> parts) {
    if (text.isEmpty()) {
      return;
    }
    if (!LITERAL.matcher(text).matches()) {
      throw new IllegalArgumentException("numbering pattern '" + pattern + "' may contain, besides tokens, only "
          + "letters, digits, '-', '/', '_' and '.'; found '" + text + "'");
    }
    parts.add(new Part(Kind.LITERAL, text, 0));
  }
}
