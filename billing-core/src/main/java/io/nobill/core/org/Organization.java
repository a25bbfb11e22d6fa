package io.nobill.core.org;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.id.OrgId;
import io.nobill.core.money.Money;
import io.nobill.core.text.TextPolicy;
import java.time.Instant;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An organization: the tenant that pays. Every other piece of tenant data belongs to exactly
 * one organization and is reachable only through a transaction scoped to it.
 *
 * @param id           the organization's id
 * @param name         display name, 1–200 characters (code points), not blank, on one line
 * @param billingEmail where invoices go; a single address of at most 254 characters
 * @param country      ISO 3166-1 alpha-2 code of the billing address, upper case ("DE")
 * @param taxId        the buyer's tax id (e.g. a VAT number), if it has one
 * @param currency     the currency the organization is billed in
 * @param locale       the language and formats of its invoices and emails
 * @param createdAt    when it was provisioned
 */
public record Organization(
    OrgId id,
    String name,
    String billingEmail,
    String country,
    Optional<String> taxId,
    Currency currency,
    Locale locale,
    Instant createdAt) {

  private static final int MAX_NAME = 200;
  private static final int MAX_EMAIL = 254;
  private static final int MAX_TAX_ID = 64;
  /**
   * Deliberately simple: one {@code @}, no whitespace, no characters that delimit addresses in
   * a header ({@code <>()[],;:"\\}), a dot in the domain. Non-ASCII letters are allowed
   * (RFC 6531). Deliverability is the host's concern.
   */
  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s\\p{Z}<>()\\[\\],;:\"\\\\]+@[^@\\s\\p{Z}<>()\\[\\],;:\"\\\\.]+(\\.[^@\\s\\p{Z}<>()\\[\\],;:\"\\\\.]+)+");
  private static final Pattern TAX_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 .\\-]*");
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  public Organization {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(billingEmail, "billingEmail");
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(taxId, "taxId");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(createdAt, "createdAt");
    TextPolicy.line(name, "name", MAX_NAME);
    InvalidRequestException.require(EMAIL.matcher(billingEmail).matches(),
        "billingEmail", "must be an email address like billing@example.com");
    TextPolicy.key(billingEmail, "billingEmail", MAX_EMAIL);
    InvalidRequestException.require(country.length() == 2 && COUNTRIES.contains(country), "country",
        "must be an ISO 3166-1 alpha-2 code in upper case, like DE");
    taxId.ifPresent(t -> InvalidRequestException.require(
        t.length() <= MAX_TAX_ID && TAX_ID.matcher(t).matches(), "taxId",
        "must be 1-" + MAX_TAX_ID + " letters, digits, spaces, dots or dashes"));
    // Re-checks a Currency built outside Money.currency(String): it must have a minor unit.
    Money.zero(currency);
  }
}
