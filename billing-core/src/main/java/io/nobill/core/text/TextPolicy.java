package io.nobill.core.text;

import io.nobill.core.error.InvalidRequestException;
import java.util.Objects;

/**
 * The rules every string NOBill stores follows, checked in the core before any store sees
 * it, so that the in-memory store, H2 and PostgreSQL accept and refuse exactly the same text.
 *
 * <ul>
 *   <li>Well-formed UTF-16: no unpaired surrogate. PostgreSQL would store one as {@code ?},
 *       so two different keys would collide, and H2 would store it as is.
 *   <li>No control characters (C0, DEL, C1), NUL above all: PostgreSQL refuses NUL in text
 *       outright. {@linkplain Shape#MULTILINE Free text} may hold tab, line feed and carriage
 *       return.
 *   <li>Lengths count Unicode code points, as PostgreSQL's {@code varchar(n)} does: an emoji
 *       is one character. Every column is wide enough for its limit counted in code points on
 *       PostgreSQL and in UTF-16 units (up to two per code point) on H2.
 *   <li>{@linkplain Shape#KEY Keys and identifiers} neither start nor end with whitespace.
 * </ul>
 *
 * <p>Everything else that is valid Unicode is accepted and read back exactly as given:
 * format characters such as right-to-left overrides and zero-width spaces, combining
 * sequences, emoji, noncharacters, and SQL or HTML metacharacters, which are only ever bound
 * as parameters or escaped where rendered. Nothing is normalized: {@code "é"} precomposed and
 * decomposed, or {@code "Key"} and {@code "key"}, are different strings on every store.
 *
 * <p>Every violation is an {@link InvalidRequestException} naming the field and one of the
 * rule texts below, so a host can map it to a form error.
 */
public final class TextPolicy {
  /** The rule of an empty key. */
  public static final String EMPTY = "must not be empty";
  /** The rule of text that is empty or only whitespace. */
  public static final String BLANK = "must not be blank";
  /** The rule of a string holding an unpaired UTF-16 surrogate. */
  public static final String MALFORMED = "must be well-formed Unicode (no unpaired surrogate)";
  /** The rule of a key or single-line text holding a control character, NUL included. */
  public static final String CONTROL = "must not contain control characters";
  /** The rule of free text holding a control character other than tab and line breaks. */
  public static final String CONTROL_MULTILINE = "must not contain control characters other than tab and line breaks";
  /** The rule of a key that starts or ends with whitespace. */
  public static final String PADDED = "must not start or end with whitespace";

  /** What a field holds beyond printable characters. */
  public enum Shape {
    /** A key or identifier: no control characters, no whitespace at either end. */
    KEY,
    /** Text on one line, such as a name: no control characters. */
    LINE,
    /** Free text, such as a memo: tab, line feed and carriage return are allowed. */
    MULTILINE
  }

  private TextPolicy() {}

  /** The rule a string over {@code max} code points breaks: {@code "must be at most max characters"}. */
  public static String tooLong(int max) {
    return "must be at most " + max + " characters";
  }

  /**
   * The rule {@code value} breaks as a non-empty field of this shape of at most {@code max}
   * code points, or {@code null} if it breaks none. For paths that answer per item instead of
   * throwing (usage batches). The length is checked first, so an oversized string costs no
   * more than a look at its length.
   */
  public static String violation(String value, Shape shape, int max) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(shape, "shape");
    int units = value.length();
    if (units == 0) {
      return shape == Shape.KEY ? EMPTY : BLANK;
    }
    // A code point is one or two UTF-16 units, so the unit count bounds the code points.
    if (units > max && (units > 2L * max || value.codePointCount(0, units) > max)) {
      return tooLong(max);
    }
    boolean blank = true;
    for (int i = 0; i < units; i++) {
      char c = value.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < units && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          blank = false;
          continue;
        }
        return MALFORMED;
      }
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
        if (shape == Shape.MULTILINE && (c == '\t' || c == '\n' || c == '\r')) {
          continue;
        }
        return shape == Shape.MULTILINE ? CONTROL_MULTILINE : CONTROL;
      }
      if (blank && !isSpace(c)) {
        blank = false;
      }
    }
    if (blank) {
      return BLANK;
    }
    if (shape == Shape.KEY && (isSpace(value.codePointAt(0)) || isSpace(value.codePointBefore(units)))) {
      return PADDED;
    }
    return null;
  }

  /**
   * Checks a key or identifier: 1–{@code max} code points, no control characters, no
   * whitespace at either end, well-formed.
   *
   * @return {@code value}, unchanged
   * @throws NullPointerException    naming {@code field} if {@code value} is null
   * @throws InvalidRequestException naming {@code field} and the rule it breaks
   */
  public static String key(String value, String field, int max) {
    return require(value, field, Shape.KEY, max);
  }

  /** Checks text on one line (a name, a description): not blank, at most {@code max} code points. */
  public static String line(String value, String field, int max) {
    return require(value, field, Shape.LINE, max);
  }

  /** Checks free text (a reason): not blank, at most {@code max} code points, tab and line breaks allowed. */
  public static String multiline(String value, String field, int max) {
    return require(value, field, Shape.MULTILINE, max);
  }

  /** Checks {@code value} as a non-empty field of {@code shape}; see {@link #violation}. */
  public static String require(String value, String field, Shape shape, int max) {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, field);
    String rule = violation(value, shape, max);
    if (rule != null) {
      throw new InvalidRequestException(field, rule);
    }
    return value;
  }

  /** The number of code points of {@code value}: the length every limit of this policy counts. */
  public static int length(String value) {
    return value.codePointCount(0, value.length());
  }

  /**
   * {@code value} cut to at most {@code max} code points, never between the two halves of a
   * surrogate pair.
   */
  public static String truncate(String value, int max) {
    Objects.requireNonNull(value, "value");
    if (value.length() <= max) {
      return value;
    }
    int end = value.offsetByCodePoints(0, Math.min(max, length(value)));
    return value.substring(0, end);
  }

  /**
   * Text that did not come from a caller — an exception's message, a provider's code — made
   * storable rather than refused: every control character and unpaired surrogate becomes
   * U+FFFD, whitespace runs become one space, and the result is cut to {@code max} code points.
   * Never blank: an empty result becomes {@code "?"}.
   */
  public static String sanitize(String value, int max) {
    Objects.requireNonNull(value, "value");
    StringBuilder b = new StringBuilder(Math.min(value.length(), 2 * max));
    int codePoints = 0;
    boolean space = false;
    for (int i = 0; i < value.length() && codePoints < max; i++) {
      char c = value.charAt(i);
      int cp = c;
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          cp = Character.toCodePoint(c, value.charAt(++i));
        } else {
          cp = 0xFFFD;
        }
      } else if (isSpace(c) || c == '\t' || c == '\n' || c == '\r') {
        space = b.length() > 0;
        continue;
      } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
        cp = 0xFFFD;
      }
      if (space) {
        b.append(' ');
        codePoints++;
        space = false;
        if (codePoints == max) {
          break;
        }
      }
      b.appendCodePoint(cp);
      codePoints++;
    }
    return b.length() == 0 ? "?" : b.toString();
  }

  /** Whitespace by either of Java's definitions: {@code Character.isWhitespace} misses no-break spaces. */
  private static boolean isSpace(int codePoint) {
    return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
  }
}
