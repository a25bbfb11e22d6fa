package io.nobill.core.tax;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.text.TextPolicy;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One tax rate that applies to an invoice.
 *
 * @param name         what invoices print, e.g. "VAT", "GST", "HST", "Sales tax"
 * @param jurisdiction where it is levied: a country code ("DE") or a region code ("US-CA", "CA-ON")
 * @param percent      the rate in percent, e.g. 19 or 7.25; zero for reverse charge and exemptions
 * @param note         wording an invoice must carry, e.g. the reverse-charge statement; empty if none
 */
public record TaxRate(String name, String jurisdiction, BigDecimal percent, String note) {
  public TaxRate {
    // A tax calculator's text is printed on invoices and stored with them.
    TextPolicy.line(name, "name", 100);
    TextPolicy.key(jurisdiction, "jurisdiction", 64);
    Objects.requireNonNull(percent, "percent");
    Objects.requireNonNull(note, "note");
    String noteRule = TextPolicy.violation(note, TextPolicy.Shape.MULTILINE, 1000);
    InvalidRequestException.require(noteRule == null || noteRule.equals(TextPolicy.BLANK), "note", String.valueOf(noteRule));
    InvalidRequestException.require(percent.signum() >= 0 && percent.compareTo(BigDecimal.valueOf(100)) <= 0,
        "percent", "must be between 0 and 100");
  }

  /** The rate as a fraction: 19% is 0.19. */
  public BigDecimal fraction() {
    return percent.movePointLeft(2);
  }
}
