package io.nobill.core.org;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.id.OrgId;
import io.nobill.core.money.Money;
import io.nobill.core.tax.TaxProfile;
import io.nobill.core.text.TextPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
 * @param address      the billing address, which taxes follow; when given, its country is
 *                     {@code country} (the address is optional so that organizations provisioned
 *                     with a country alone, and rows stored before addresses, stay valid)
 * @param taxExemption whether it is exempt from tax, and on which certificate
 * @param externalRef  the host's own id for it, 1–255 characters, no surrounding whitespace;
 *                     unique in the store (two organizations never share one), so a host can
 *                     find its tenant by it ({@link Organizations#search})
 * @param metadata     the host's own key–value pairs, at most {@value #MAX_METADATA} entries;
 *                     keys 1–{@value #MAX_METADATA_KEY} characters, values at most
 *                     {@value #MAX_METADATA_VALUE} characters on one line. NOBill never reads them
 */
public record Organization(
    OrgId id,
    String name,
    String billingEmail,
    String country,
    Optional<String> taxId,
    Currency currency,
    Locale locale,
    Instant createdAt,
    Optional<Address> address,
    TaxExemption taxExemption,
    Optional<String> externalRef,
    Map<String, String> metadata) {

  /** The longest external reference. */
  public static final int MAX_EXTERNAL_REF = 255;
  /** The most metadata entries. */
  public static final int MAX_METADATA = 50;
  /** The longest metadata key. */
  public static final int MAX_METADATA_KEY = 40;
  /** The longest metadata value. */
  public static final int MAX_METADATA_VALUE = 500;

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
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(taxExemption, "taxExemption");
    Objects.requireNonNull(externalRef, "externalRef");
    Objects.requireNonNull(metadata, "metadata");
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
    address.ifPresent(a -> InvalidRequestException.require(a.country().equals(country), "address.country",
        "must be the organization's country, " + country));
    externalRef.ifPresent(r -> TextPolicy.key(r, "externalRef", MAX_EXTERNAL_REF));
    InvalidRequestException.require(metadata.size() <= MAX_METADATA, "metadata",
        "must have at most " + MAX_METADATA + " entries");
    // Sorted, so that equal metadata compares, stores and audits the same whatever map it came in.
    TreeMap<String, String> sorted = new TreeMap<>();
    metadata.forEach((k, v) -> {
      Objects.requireNonNull(k, "metadata key");
      Objects.requireNonNull(v, "metadata value");
      TextPolicy.key(k, "metadata", MAX_METADATA_KEY);
      String rule = TextPolicy.violation(v, TextPolicy.Shape.LINE, MAX_METADATA_VALUE);
      InvalidRequestException.require(rule == null || rule.equals(TextPolicy.BLANK) || rule.equals(TextPolicy.EMPTY),
          "metadata." + k, String.valueOf(rule));
      sorted.put(k, v);
    });
    metadata = Collections.unmodifiableSortedMap(sorted);
  }

  /** An organization with a country only: no address, not exempt, no external reference, no metadata. */
  public Organization(OrgId id, String name, String billingEmail, String country, Optional<String> taxId,
      Currency currency, Locale locale, Instant createdAt) {
    this(id, name, billingEmail, country, taxId, currency, locale, createdAt, Optional.empty(), TaxExemption.NONE,
        Optional.empty(), Map.of());
  }

  /**
   * Who is buying, for tax, on {@code day}: the address's country and region, the tax id, and
   * the exemption with its certificate if it holds that day. This is what NOBill's engine
   * taxes its invoices by; a host drafting or previewing an invoice itself should pass the same.
   */
  public TaxProfile taxProfile(LocalDate day) {
    boolean exempt = taxExemption.appliesOn(day);
    return new TaxProfile(country, address.flatMap(Address::region), taxId, exempt,
        exempt ? taxExemption.certificate() : Optional.empty());
  }
}
