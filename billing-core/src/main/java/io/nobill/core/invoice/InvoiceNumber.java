package io.nobill.core.invoice;

import io.nobill.core.error.InvalidRequestException;
import java.util.Objects;
import java.util.regex.Pattern;

/** A number in an organization's gap-free invoice sequence, printed {@code PREFIX-000042}. */
public record InvoiceNumber(String prefix, long sequence) {
  private static final Pattern PREFIX = Pattern.compile("[A-Z0-9]{1,12}");

  public InvoiceNumber {
    Objects.requireNonNull(prefix, "prefix");
    InvalidRequestException.require(PREFIX.matcher(prefix).matches(), "prefix", "must be 1-12 upper-case letters or digits");
    InvalidRequestException.require(sequence >= 1, "sequence", "must be at least 1");
  }

  /**
   * A prefix made from an organization's name: its first four letters or digits, accents
   * removed, in upper case ("Acme GmbH" → "ACME", "Müller AG" → "MULL"), or "INV" when the
   * name has none.
   */
  public static String prefixFor(String organizationName) {
    String plain = java.text.Normalizer.normalize(organizationName, java.text.Normalizer.Form.NFD);
    StringBuilder b = new StringBuilder();
    for (char c : plain.toCharArray()) {
      if (b.length() == 4) {
        break;
      }
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        b.append(Character.toUpperCase(c));
      }
    }
    return b.length() == 0 ? "INV" : b.toString();
  }

  @Override
  public String toString() {
    return String.format("%s-%06d", prefix, sequence);
  }
}
