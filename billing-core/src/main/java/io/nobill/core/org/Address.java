package io.nobill.core.org;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.text.TextPolicy;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A postal address: where an organization is billed, and the place its taxes follow. Only the
 * country and the region matter to tax; the other lines are printed as given.
 *
 * @param line1      street and number, 1–200 characters on one line
 * @param line2      a second line (suite, floor, c/o), if any
 * @param city       1–100 characters on one line
 * @param postalCode 1–20 characters on one line ("10115", "SW1A 1AA", "M5V 2T6")
 * @param region     the ISO 3166-2 subdivision where the country taxes by region, in upper case
 *                   and of this address's country ("US-CA", "CA-ON"), if any
 * @param country    ISO 3166-1 alpha-2 code in upper case ("DE")
 */
public record Address(String line1, Optional<String> line2, String city, String postalCode, Optional<String> region,
    String country) {
  private static final int MAX_LINE = 200;
  private static final int MAX_CITY = 100;
  private static final int MAX_POSTAL_CODE = 20;
  private static final Pattern REGION = Pattern.compile("[A-Z]{2}-[A-Z0-9]{1,3}");
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  public Address {
    Objects.requireNonNull(line1, "line1");
    Objects.requireNonNull(line2, "line2");
    Objects.requireNonNull(city, "city");
    Objects.requireNonNull(postalCode, "postalCode");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(country, "country");
    TextPolicy.line(line1, "address.line1", MAX_LINE);
    line2.ifPresent(l -> TextPolicy.line(l, "address.line2", MAX_LINE));
    TextPolicy.line(city, "address.city", MAX_CITY);
    TextPolicy.line(postalCode, "address.postalCode", MAX_POSTAL_CODE);
    InvalidRequestException.require(country.length() == 2 && COUNTRIES.contains(country), "address.country",
        "must be an ISO 3166-1 alpha-2 code in upper case, like DE");
    region.ifPresent(r -> InvalidRequestException.require(REGION.matcher(r).matches() && r.startsWith(country + "-"),
        "address.region", "must be an ISO 3166-2 code of the address's country, like US-CA"));
  }

  /** An address without a second line or region. */
  public static Address of(String line1, String city, String postalCode, String country) {
    return new Address(line1, Optional.empty(), city, postalCode, Optional.empty(), country);
  }

  /** An address in a region that taxes on its own, like a US state or a Canadian province. */
  public static Address inRegion(String line1, String city, String postalCode, String region) {
    Objects.requireNonNull(region, "region");
    InvalidRequestException.require(REGION.matcher(region).matches(), "address.region",
        "must be an ISO 3166-2 code of the address's country, like US-CA");
    return new Address(line1, Optional.empty(), city, postalCode, Optional.of(region), region.substring(0, 2));
  }

  /** The address on one line, for audit entries and logs: "1 Main St, Suite 2, 94105 San Francisco, US-CA, US". */
  public String oneLine() {
    StringBuilder b = new StringBuilder(line1);
    line2.ifPresent(l -> b.append(", ").append(l));
    b.append(", ").append(postalCode).append(' ').append(city);
    region.ifPresent(r -> b.append(", ").append(r));
    return b.append(", ").append(country).toString();
  }
}
