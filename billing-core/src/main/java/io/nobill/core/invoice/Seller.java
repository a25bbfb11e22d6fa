package io.nobill.core.invoice;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.text.TextPolicy;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who issues the invoices: the seller's legal identity, configured once with
 * {@code Billing.builder().seller(...)} and copied onto every invoice and credit note when it is
 * issued, so that a later change (a move, a new VAT registration) does not rewrite issued
 * documents. Every value is checked here, when the seller is made: a host learns of a typo at
 * start-up, not on its first invoice.
 *
 * @param legalName        the full legal name, e.g. "Example Software GmbH"
 * @param addressLines     street and number, building, c/o: 1-4 lines
 * @param postalCode       the postal code; empty where the country has none
 * @param city             the city
 * @param country          ISO 3166-1 alpha-2, e.g. "DE"
 * @param taxRegistrations the seller's tax registrations, at most one per country and scheme
 *                         (DE VAT id, GB VAT number, US EIN); invoices print every one
 * @param email            where buyers write about invoices
 * @param phone            a phone number, if invoices should print one
 * @param website          the seller's website, if invoices should print one
 * @param logoUrl          an https URL of a logo the HTML rendering shows, if any
 * @param bank             where to pay by bank transfer, if invoices should say
 */
public record Seller(String legalName, List<String> addressLines, String postalCode, String city, String country,
    List<TaxRegistration> taxRegistrations, String email, Optional<String> phone, Optional<String> website,
    Optional<String> logoUrl, Optional<BankDetails> bank) {

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern URL = Pattern.compile("https://[^\\s]+");

  public Seller {
    TextPolicy.line(legalName, "seller.legalName", 200);
    addressLines = List.copyOf(Objects.requireNonNull(addressLines, "seller.addressLines"));
    InvalidRequestException.require(!addressLines.isEmpty() && addressLines.size() <= 4, "seller.addressLines",
        "must have 1-4 lines");
    for (String line : addressLines) {
      TextPolicy.line(line, "seller.addressLines", 200);
    }
    Objects.requireNonNull(postalCode, "seller.postalCode");
    if (!postalCode.isEmpty()) {
      TextPolicy.key(postalCode, "seller.postalCode", 20);
    }
    TextPolicy.line(city, "seller.city", 100);
    country(country, "seller.country");
    taxRegistrations = List.copyOf(Objects.requireNonNull(taxRegistrations, "seller.taxRegistrations"));
    InvalidRequestException.require(taxRegistrations.size() <= 20, "seller.taxRegistrations", "must have at most 20");
    Set<String> seen = new HashSet<>();
    for (TaxRegistration r : taxRegistrations) {
      Objects.requireNonNull(r, "seller.taxRegistrations");
      InvalidRequestException.require(seen.add(r.country() + "/" + r.scheme()), "seller.taxRegistrations",
          "must have at most one registration per country and scheme");
    }
    TextPolicy.key(email, "seller.email", 254);
    InvalidRequestException.require(EMAIL.matcher(email).matches(), "seller.email", "must be an e-mail address");
    Objects.requireNonNull(phone, "seller.phone");
    phone.ifPresent(p -> TextPolicy.line(p, "seller.phone", 40));
    Objects.requireNonNull(website, "seller.website");
    website.ifPresent(w -> TextPolicy.key(w, "seller.website", 200));
    Objects.requireNonNull(logoUrl, "seller.logoUrl");
    logoUrl.ifPresent(u -> {
      TextPolicy.key(u, "seller.logoUrl", 500);
      InvalidRequestException.require(URL.matcher(u).matches(), "seller.logoUrl", "must be an https URL");
    });
    Objects.requireNonNull(bank, "seller.bank");
  }

  /**
   * The seller NOBill prints when a host configured none: it says so on every document, so that
   * a demo's or test's invoice can never pass for a real one.
   */
  public static final Seller NOT_CONFIGURED = new Seller("Seller not configured", List.of("Billing.builder().seller(...)"),
      "", "-", "DE", List.of(), "not-configured@nobill.invalid", Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty());

  /** Whether this is {@link #NOT_CONFIGURED}. */
  public boolean isPlaceholder() {
    return this.equals(NOT_CONFIGURED);
  }

  /** The registration of {@code scheme} in {@code country}, if the seller has one. */
  public Optional<TaxRegistration> registration(String country, String scheme) {
    return taxRegistrations.stream().filter(r -> r.country().equals(country) && r.scheme().equals(scheme)).findFirst();
  }

  /** A builder; legal name, address, city, country and e-mail are required. */
  public static Builder builder() {
    return new Builder();
  }

  private static String country(String code, String field) {
    Objects.requireNonNull(code, field);
    InvalidRequestException.require(COUNTRIES.contains(code), field, "must be an ISO 3166-1 alpha-2 country code");
    return code;
  }

  /**
   * A tax registration of the seller.
   *
   * @param country where it is registered, ISO 3166-1 alpha-2
   * @param scheme  what it is: "VAT" (a VAT identification number, e.g. DE123456789),
   *                "EIN" (US), "GST", "ABN", ...; invoices print it as the label
   * @param id      the number as issued
   */
  public record TaxRegistration(String country, String scheme, String id) {
    public TaxRegistration {
      Seller.country(country, "seller.taxRegistrations.country");
      TextPolicy.key(scheme, "seller.taxRegistrations.scheme", 20);
      TextPolicy.key(id, "seller.taxRegistrations.id", 50);
    }

    /** A VAT identification number. */
    public static TaxRegistration vat(String country, String id) {
      return new TaxRegistration(country, "VAT", id);
    }
  }

  /**
   * Where buyers pay by bank transfer.
   *
   * @param iban        the IBAN, checked by its check digits (spaces allowed, stored without)
   * @param bic         the BIC (8 or 11 characters), if given
   * @param accountName the account holder's name
   */
  public record BankDetails(String iban, Optional<String> bic, String accountName) {
    private static final Pattern IBAN = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");
    private static final Pattern BIC = Pattern.compile("[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?");

    public BankDetails {
      Objects.requireNonNull(iban, "seller.bank.iban");
      iban = iban.replace(" ", "");
      InvalidRequestException.require(IBAN.matcher(iban).matches() && ibanChecks(iban), "seller.bank.iban",
          "must be a valid IBAN");
      Objects.requireNonNull(bic, "seller.bank.bic");
      bic.ifPresent(b -> InvalidRequestException.require(BIC.matcher(b).matches(), "seller.bank.bic",
          "must be a BIC of 8 or 11 letters and digits"));
      TextPolicy.line(accountName, "seller.bank.accountName", 200);
    }

    /** ISO 13616: the country code and check digits moved to the end, letters as numbers, mod 97 is 1. */
    private static boolean ibanChecks(String iban) {
      String moved = iban.substring(4) + iban.substring(0, 4);
      StringBuilder digits = new StringBuilder();
      for (char c : moved.toCharArray()) {
        digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
      }
      return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }
  }

  /** Builds a {@link Seller}; {@link #build()} checks every value. */
  public static final class Builder {
    private String legalName;
    private final List<String> addressLines = new ArrayList<>();
    private String postalCode = "";
    private String city;
    private String country;
    private final List<TaxRegistration> registrations = new ArrayList<>();
    private String email;
    private String phone;
    private String website;
    private String logoUrl;
    private BankDetails bank;

    private Builder() {
    }

    public Builder legalName(String legalName) {
      this.legalName = legalName;
      return this;
    }

    /** The address: its street lines, postal code, city and country. */
    public Builder address(List<String> lines, String postalCode, String city, String country) {
      this.addressLines.clear();
      this.addressLines.addAll(Objects.requireNonNull(lines, "lines"));
      this.postalCode = postalCode;
      this.city = city;
      this.country = country;
      return this;
    }

    /** Adds a tax registration. */
    public Builder taxRegistration(String country, String scheme, String id) {
      registrations.add(new TaxRegistration(country, scheme, id));
      return this;
    }

    public Builder email(String email) {
      this.email = email;
      return this;
    }

    public Builder phone(String phone) {
      this.phone = phone;
      return this;
    }

    public Builder website(String website) {
      this.website = website;
      return this;
    }

    public Builder logoUrl(String logoUrl) {
      this.logoUrl = logoUrl;
      return this;
    }

    public Builder bank(String iban, String bic, String accountName) {
      this.bank = new BankDetails(iban, Optional.ofNullable(bic), accountName);
      return this;
    }

    /**
     * The seller.
     *
     * @throws InvalidRequestException naming the field and rule of the first value that is wrong
     * @throws NullPointerException    naming a required value that was not given
     */
    public Seller build() {
      return new Seller(legalName, addressLines, postalCode, city, country, registrations, email,
          Optional.ofNullable(phone), Optional.ofNullable(website), Optional.ofNullable(logoUrl), Optional.ofNullable(bank));
    }
  }
}
