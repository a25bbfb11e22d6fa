package io.nobill.jdbc.internal.shape;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nobill.core.id.OrgId;
import io.nobill.core.org.Address;
import io.nobill.core.org.Organization;
import io.nobill.core.org.TaxExemption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Version 2 of {@code nobill_organization.body}: version 1 plus the billing address, the tax
 * exemption, the host's external reference and metadata. A version 1 body reads as an
 * organization without them ({@link OrganizationV1#toDomain}).
 */
record OrganizationV2(
    @JsonProperty("v") Integer v,
    @JsonProperty("id") Common.Id id,
    @JsonProperty("name") String name,
    @JsonProperty("billingEmail") String billingEmail,
    @JsonProperty("country") String country,
    @JsonProperty("taxId") String taxId,
    @JsonProperty("currency") Currency currency,
    @JsonProperty("locale") Locale locale,
    @JsonProperty("createdAt") Instant createdAt,
    @JsonProperty("address") AddressV1 address,
    @JsonProperty("taxExemption") TaxExemptionV1 taxExemption,
    @JsonProperty("externalRef") String externalRef,
    @JsonProperty("metadata") Map<String, String> metadata) {
  static final int VERSION = 2;

  @JsonCreator
  OrganizationV2 {
  }

  /** A billing address; absent members are null. */
  record AddressV1(
      @JsonProperty("line1") String line1,
      @JsonProperty("line2") String line2,
      @JsonProperty("city") String city,
      @JsonProperty("postalCode") String postalCode,
      @JsonProperty("region") String region,
      @JsonProperty("country") String country) {
    @JsonCreator
    AddressV1 {
    }

    static AddressV1 of(Address a) {
      return new AddressV1(a.line1(), a.line2().orElse(null), a.city(), a.postalCode(), a.region().orElse(null),
          a.country());
    }

    Address toDomain() {
      return new Address(line1, Optional.ofNullable(line2), city, postalCode, Optional.ofNullable(region), country);
    }
  }

  /** A tax exemption: null for none; the expiry an ISO date ("2027-12-31") or null. */
  record TaxExemptionV1(
      @JsonProperty("certificate") String certificate,
      @JsonProperty("expiresOn") String expiresOn) {
    @JsonCreator
    TaxExemptionV1 {
    }

    static TaxExemptionV1 of(TaxExemption e) {
      return e.isExempt() ? new TaxExemptionV1(e.certificate().orElseThrow(), e.expiresOn().map(LocalDate::toString)
          .orElse(null)) : null;
    }

    TaxExemption toDomain() {
      return new TaxExemption(Optional.ofNullable(certificate), Optional.ofNullable(expiresOn).map(LocalDate::parse));
    }
  }

  static OrganizationV2 from(Organization o) {
    return new OrganizationV2(VERSION, Common.Id.of(o.id()), o.name(), o.billingEmail(), o.country(),
        o.taxId().orElse(null), o.currency(), o.locale(), o.createdAt(), o.address().map(AddressV1::of).orElse(null),
        TaxExemptionV1.of(o.taxExemption()), o.externalRef().orElse(null), new TreeMap<>(o.metadata()));
  }

  Organization toDomain() {
    return new Organization(id.to(OrgId::of), name, billingEmail, country, Optional.ofNullable(taxId), currency, locale,
        createdAt, Optional.ofNullable(address).map(AddressV1::toDomain),
        taxExemption == null ? TaxExemption.NONE : taxExemption.toDomain(), Optional.ofNullable(externalRef),
        metadata == null ? Map.of() : metadata);
  }
}
