package io.nobill.core.org;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.text.TextPolicy;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an operator looks organizations up by; every given criterion must match, and a query
 * with none matches every organization.
 *
 * @param nameContains text the name contains, ignoring case ("acme" finds "Acme GmbH" and
 *                     "The ACME Company"); a prefix is a special case of it
 * @param externalRef  the host's own id, exactly
 * @param country      the ISO 3166-1 alpha-2 country, exactly
 */
public record OrganizationQuery(Optional<String> nameContains, Optional<String> externalRef, Optional<String> country) {
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  /** Every organization. */
  public static final OrganizationQuery ALL = new OrganizationQuery(Optional.empty(), Optional.empty(), Optional.empty());

  public OrganizationQuery {
    Objects.requireNonNull(nameContains, "nameContains");
    Objects.requireNonNull(externalRef, "externalRef");
    Objects.requireNonNull(country, "country");
    nameContains.ifPresent(n -> TextPolicy.line(n, "nameContains", 200));
    externalRef.ifPresent(r -> TextPolicy.key(r, "externalRef", Organization.MAX_EXTERNAL_REF));
    country.ifPresent(c -> InvalidRequestException.require(c.length() == 2 && COUNTRIES.contains(c), "country",
        "must be an ISO 3166-1 alpha-2 code in upper case, like DE"));
  }

  public static OrganizationQuery nameContains(String text) {
    return new OrganizationQuery(Optional.of(text), Optional.empty(), Optional.empty());
  }

  public static OrganizationQuery externalRef(String externalRef) {
    return new OrganizationQuery(Optional.empty(), Optional.of(externalRef), Optional.empty());
  }

  public static OrganizationQuery country(String country) {
    return new OrganizationQuery(Optional.empty(), Optional.empty(), Optional.of(country));
  }

  /** This query, narrowed to one country as well. */
  public OrganizationQuery inCountry(String country) {
    return new OrganizationQuery(nameContains, externalRef, Optional.of(country));
  }

  /**
   * Whether {@code o} matches: the rule every store follows. Names are compared lower-cased in
   * the root locale.
   */
  public boolean matches(Organization o) {
    return nameContains.map(n -> o.name().toLowerCase(Locale.ROOT).contains(n.toLowerCase(Locale.ROOT))).orElse(true)
        && externalRef.map(r -> o.externalRef().equals(Optional.of(r))).orElse(true)
        && country.map(c -> o.country().equals(c)).orElse(true);
  }
}
