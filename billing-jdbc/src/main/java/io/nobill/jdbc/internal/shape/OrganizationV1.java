package io.nobill.jdbc.internal.shape;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nobill.core.id.OrgId;
import io.nobill.core.org.Organization;
import java.time.Instant;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

/** Version 1 of {@code nobill_organization.body}. */
record OrganizationV1(
    @JsonProperty("v") Integer v,
    @JsonProperty("id") Common.Id id,
    @JsonProperty("name") String name,
    @JsonProperty("billingEmail") String billingEmail,
    @JsonProperty("country") String country,
    @JsonProperty("taxId") String taxId,
    @JsonProperty("currency") Currency currency,
    @JsonProperty("locale") Locale locale,
    @JsonProperty("createdAt") Instant createdAt) {
  static final int VERSION = 1;

  @JsonCreator
  OrganizationV1 {
  }

  static OrganizationV1 from(Organization o) {
    return new OrganizationV1(VERSION, Common.Id.of(o.id()), o.name(), o.billingEmail(), o.country(), o.taxId().orElse(null),
        o.currency(), o.locale(), o.createdAt());
  }

  Organization toDomain() {
    return new Organization(id.to(OrgId::of), name, billingEmail, country, Optional.ofNullable(taxId), currency, locale,
        createdAt);
  }
}
