package io.nobill.core.tax;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.text.TextPolicy;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who is buying, as far as tax is concerned.
 *
 * @param country ISO 3166-1 alpha-2 code of the buyer's billing address ("DE")
 * @param region  ISO 3166-2 subdivision code where the country taxes by region
 *                ("US-CA", "CA-ON"), if known
 * @param taxId   the buyer's tax id (e.g. an EU VAT number "DE123456789"), if it has one;
 *                a business buyer in the EU is recognised by it
 * @param exempt  whether the buyer is exempt from tax (charities, public bodies, resellers
 *                with a certificate); an exempt buyer is charged no tax at all
 * @param exemptionCertificate the reference of the certificate an exempt buyer holds, if known:
 *                a calculator records it on the invoice it leaves untaxed. Only when exempt
 */
public record TaxProfile(String country, Optional<String> region, Optional<String> taxId, boolean exempt,
    Optional<String> exemptionCertificate) {
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Pattern REGION = Pattern.compile("[A-Z]{2}-[A-Z0-9]{1,3}");

  public TaxProfile {
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(taxId, "taxId");
    InvalidRequestException.require(country.length() == 2 && COUNTRIES.contains(country), "country",
        "must be an ISO 3166-1 alpha-2 code in upper case, like DE");
    region.ifPresent(r -> InvalidRequestException.require(REGION.matcher(r).matches() && r.startsWith(country + "-"),
        "region", "must be an ISO 3166-2 code of the buyer's country, like US-CA"));
    taxId.ifPresent(t -> InvalidRequestException.require(!t.isBlank() && t.length() <= 64, "taxId",
        "must be 1-64 characters"));
    Objects.requireNonNull(exemptionCertificate, "exemptionCertificate");
    exemptionCertificate.ifPresent(c -> TextPolicy.key(c, "exemptionCertificate", 100));
    InvalidRequestException.require(exempt || exemptionCertificate.isEmpty(), "exemptionCertificate",
        "must be empty unless the buyer is exempt");
  }

  /** A buyer without a recorded exemption certificate. */
  public TaxProfile(String country, Optional<String> region, Optional<String> taxId, boolean exempt) {
    this(country, region, taxId, exempt, Optional.empty());
  }

  /** A consumer in {@code country}, no region, no tax id, not exempt. */
  public static TaxProfile consumer(String country) {
    return new TaxProfile(country, Optional.empty(), Optional.empty(), false);
  }
}
