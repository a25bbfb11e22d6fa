package io.nobill.core.org;

import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What provisioning an organization takes. The {@code owner} becomes its first OWNER.
 *
 * @param id the id to give it — pass the host's own tenant id to make provisioning
 *           idempotent (the same request twice provisions once); empty for a new id
 * @param address      the billing address, as in {@link Organization}; the rules of every field are
 *                     checked there, when provisioning, before anything is written
 * @param taxExemption as in {@link Organization}
 * @param externalRef  as in {@link Organization}
 * @param metadata     as in {@link Organization}
 */
public record NewOrganization(Optional<OrgId> id, String name, String billingEmail, String country,
    Optional<String> taxId, Currency currency, Locale locale, UserId owner, Optional<Address> address,
    TaxExemption taxExemption, Optional<String> externalRef, Map<String, String> metadata) {
  public NewOrganization {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(billingEmail, "billingEmail");
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(taxId, "taxId");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(taxExemption, "taxExemption");
    Objects.requireNonNull(externalRef, "externalRef");
    Objects.requireNonNull(metadata, "metadata");
    // A copy that keeps null keys or values for Organization to refuse by name.
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** A request with a country only: no address, not exempt, no external reference, no metadata. */
  public NewOrganization(Optional<OrgId> id, String name, String billingEmail, String country,
      Optional<String> taxId, Currency currency, Locale locale, UserId owner) {
    this(id, name, billingEmail, country, taxId, currency, locale, owner, Optional.empty(), TaxExemption.NONE,
        Optional.empty(), Map.of());
  }

  /** This request with a billing address; the country becomes the address's. */
  public NewOrganization withAddress(Address address) {
    Objects.requireNonNull(address, "address");
    return new NewOrganization(id, name, billingEmail, address.country(), taxId, currency, locale, owner,
        Optional.of(address), taxExemption, externalRef, metadata);
  }

  /** This request with a tax exemption. */
  public NewOrganization withTaxExemption(TaxExemption taxExemption) {
    return new NewOrganization(id, name, billingEmail, country, taxId, currency, locale, owner, address,
        taxExemption, externalRef, metadata);
  }

  /** This request with the host's own id for the organization. */
  public NewOrganization withExternalRef(String externalRef) {
    return new NewOrganization(id, name, billingEmail, country, taxId, currency, locale, owner, address,
        taxExemption, Optional.of(Objects.requireNonNull(externalRef, "externalRef")), metadata);
  }

  /** This request with the host's metadata. */
  public NewOrganization withMetadata(Map<String, String> metadata) {
    return new NewOrganization(id, name, billingEmail, country, taxId, currency, locale, owner, address,
        taxExemption, externalRef, metadata);
  }
}
