package io.nobill.core.invoice;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who an invoice is addressed to, copied onto the invoice when it is drafted so that a later
 * change of the organization's profile does not rewrite issued invoices.
 *
 * @param locale       the language and formats the invoice is rendered in
 * @param addressLines the buyer's postal address as printed, above the country (street, postal
 *                     code and city, ...); empty when the organization has none on file
 */
public record BillTo(String name, String email, String country, Optional<String> taxId, Locale locale,
    List<String> addressLines) {
  public BillTo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(taxId, "taxId");
    Objects.requireNonNull(locale, "locale");
    addressLines = List.copyOf(Objects.requireNonNull(addressLines, "addressLines"));
  }

  /** An addressee without a postal address. */
  public BillTo(String name, String email, String country, Optional<String> taxId, Locale locale) {
    this(name, email, country, taxId, locale, List.of());
  }

  /**
   * The addressee of an organization's invoices: its postal address, when it has one on file,
   * printed as street lines, then postal code and city (with the region's code where the country
   * taxes by region), above the country.
   */
  public static BillTo of(io.nobill.core.org.Organization org) {
    return new BillTo(org.name(), org.billingEmail(), org.country(), org.taxId(), org.locale(),
        org.address().map(BillTo::lines).orElse(List.of()));
  }

  private static List<String> lines(io.nobill.core.org.Address a) {
    List<String> lines = new java.util.ArrayList<>();
    lines.add(a.line1());
    a.line2().ifPresent(lines::add);
    String region = a.region().map(r -> " " + r.substring(r.indexOf('-') + 1)).orElse("");
    lines.add(a.postalCode() + " " + a.city() + region);
    return lines;
  }
}
