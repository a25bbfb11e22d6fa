package io.nobill.core.org;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A change to an organization's profile; empty fields stay as they are. The currency is not
 * here on purpose: an organization's books are kept in the currency it was provisioned with.
 */
public record ProfileChange(Optional<String> name, Optional<String> billingEmail, Optional<String> country,
    Optional<Optional<String>> taxId, Optional<Locale> locale) {
  public ProfileChange {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(billingEmail, "billingEmail");
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(taxId, "taxId");
    Objects.requireNonNull(locale, "locale");
  }

  public static final ProfileChange NONE = new ProfileChange(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty());

  public ProfileChange withName(String name) {
    return new ProfileChange(Optional.of(name), billingEmail, country, taxId, locale);
  }

  public ProfileChange withBillingEmail(String email) {
    return new ProfileChange(name, Optional.of(email), country, taxId, locale);
  }

  public ProfileChange withCountry(String country) {
    return new ProfileChange(name, billingEmail, Optional.of(country), taxId, locale);
  }

  public ProfileChange withTaxId(Optional<String> taxId) {
    return new ProfileChange(name, billingEmail, country, Optional.of(taxId), locale);
  }

  public ProfileChange withLocale(Locale locale) {
    return new ProfileChange(name, billingEmail, country, taxId, Optional.of(locale));
  }

  /** The organization with this change applied (validated by its constructor). */
  public Organization applyTo(Organization o) {
    return new Organization(o.id(), name.orElse(o.name()), billingEmail.orElse(o.billingEmail()), country.orElse(o.country()),
        taxId.orElse(o.taxId()), o.currency(), locale.orElse(o.locale()), o.createdAt());
  }
}
