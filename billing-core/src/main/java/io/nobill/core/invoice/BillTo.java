package io.nobill.core.invoice;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who an invoice is addressed to, copied onto the invoice when it is drafted so that a later
 * change of the organization's profile does not rewrite issued invoices.
 *
 * @param locale the language and formats the invoice is rendered in
 */
public record BillTo(String name, String email, String country, Optional<String> taxId, Locale locale) {
  public BillTo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(taxId, "taxId");
    Objects.requireNonNull(locale, "locale");
  }

  /** The addressee of an organization's invoices. */
  public static BillTo of(io.nobill.core.org.Organization org) {
    return new BillTo(org.name(), org.billingEmail(), org.country(), org.taxId(), org.locale());
  }
}
