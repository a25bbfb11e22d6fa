package io.nobill.core.tax;

import io.nobill.core.InvalidRequestException;
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
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(jurisdiction, "jurisdiction");
    Objects.requireNonNull(percent, "percent");
    Objects.requireNonNull(note, "note");
    InvalidRequestException.require(!name.isBlank(), "name", "must not be blank");
    InvalidRequestException.require(percent.signum() >= 0 && percent.compareTo(BigDecimal.valueOf(100)) <= 0,
        "percent", "must be between 0 and 100");
  }

  /** The rate as a fraction: 19% is 0.19. */
  public BigDecimal fraction() {
    return percent.movePointLeft(2);
  }
}
