package io.nobill.core.org;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A change to an organization's profile; empty fields stay as they are. The currency is not
 * here on purpose: an organization's books are kept in the currency it was provisioned with.
 *
 * <p>Setting an address without setting the country moves the organization to the address's
 * country, so the two cannot disagree; setting both to different countries is refused,
 * naming {@code address.country}. {@code metadata} replaces the whole map.
 */
public record ProfileChange(Optional<String> name, Optional<String> billingEmail, Optional<String> country,
    Optional<Optional<String>> taxId, Optional<Locale> locale, Optional<Optional<Address>> address,
    Optional<TaxExemption> taxExemption, Optional<Optional<String>> externalRef,
    Optional<Map<String, String>> metadata) {
  public ProfileChange {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(billingEmail, "billingEmail");
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(taxId, "taxId");
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(taxExemption, "taxExemption");
    Objects.requireNonNull(externalRef, "externalRef");
    Objects.requireNonNull(metadata, "metadata");
    metadata = metadata.map(m -> Collections.unmodifiableMap(new LinkedHashMap<>(m)));
  }

  /** A change of the fields organizations had before addresses. */
  public ProfileChange(Optional<String> name, Optional<String> billingEmail, Optional<String> country,
      Optional<Optional<String>> taxId, Optional<Locale> locale) {
    this(name, billingEmail, country, taxId, locale, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  public static final ProfileChange NONE = new ProfileChange(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty());

  public ProfileChange withName(String name) {
    return new ProfileChange(Optional.of(name), billingEmail, country, taxId, locale, address, taxExemption,
        externalRef, metadata);
  }

  public ProfileChange withBillingEmail(String email) {
    return new ProfileChange(name, Optional.of(email), country, taxId, locale, address, taxExemption, externalRef,
        metadata);
  }

  public ProfileChange withCountry(String country) {
    return new ProfileChange(name, billingEmail, Optional.of(country), taxId, locale, address, taxExemption,
        externalRef, metadata);
  }

  public ProfileChange withTaxId(Optional<String> taxId) {
    return new ProfileChange(name, billingEmail, country, Optional.of(taxId), locale, address, taxExemption,
        externalRef, metadata);
  }

  public ProfileChange withLocale(Locale locale) {
    return new ProfileChange(name, billingEmail, country, taxId, Optional.of(locale), address, taxExemption,
        externalRef, metadata);
  }

  /** Sets the billing address, or removes it (empty); see the class comment for the country. */
  public ProfileChange withAddress(Optional<Address> address) {
    return new ProfileChange(name, billingEmail, country, taxId, locale, Optional.of(address), taxExemption,
        externalRef, metadata);
  }

  public ProfileChange withTaxExemption(TaxExemption taxExemption) {
    return new ProfileChange(name, billingEmail, country, taxId, locale, address, Optional.of(taxExemption),
        externalRef, metadata);
  }

  /** Sets the external reference, or removes it (empty). */
  public ProfileChange withExternalRef(Optional<String> externalRef) {
    return new ProfileChange(name, billingEmail, country, taxId, locale, address, taxExemption,
        Optional.of(externalRef), metadata);
  }

  /** Replaces the metadata. */
  public ProfileChange withMetadata(Map<String, String> metadata) {
    return new ProfileChange(name, billingEmail, country, taxId, locale, address, taxExemption, externalRef,
        Optional.of(metadata));
  }

  /** The organization with this change applied (validated by its constructor). */
  public Organization applyTo(Organization o) {
    Optional<Address> newAddress = address.orElse(o.address());
    // The country follows a new address unless it is changed explicitly too.
    String newCountry = country.orElseGet(() -> address.flatMap(a -> a).map(Address::country).orElse(o.country()));
    return new Organization(o.id(), name.orElse(o.name()), billingEmail.orElse(o.billingEmail()), newCountry,
        taxId.orElse(o.taxId()), o.currency(), locale.orElse(o.locale()), o.createdAt(), newAddress,
        taxExemption.orElse(o.taxExemption()), externalRef.orElse(o.externalRef()), metadata.orElse(o.metadata()));
  }
}
