package io.nobill.core.tax.regional;






import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.tax.TaxProfile;import io.nobill.core.tax.TaxBehavior;import io.nobill.core.tax.TaxRequest;import io.nobill.core.tax.TaxRate;import io.nobill.core.tax.TaxLine;import io.nobill.core.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * NOBill's own {@link TaxCalculator}: a table of standard rates for selling digital
 * services, chosen by the buyer's country and region and the tax date.
 *
 * <ul>
 *   <li><b>EU VAT.</b> A buyer with a tax id in another member state than the seller (or
 *       buying from a seller outside the EU) is charged no VAT: one 0% line carrying the
 *       reverse-charge statement. Everyone else in the EU — consumers, and businesses in
 *       the seller's own country — pays the standard rate of the buyer's country (the
 *       place of supply of electronic services to consumers, declared through OSS).</li>
 *   <li><b>UK VAT.</b> 20% standard rate to consumers, and to businesses when the seller is
 *       in the UK too. A UK business (a buyer with a tax id) buying from a seller outside the
 *       UK is charged no VAT: one 0% line carrying {@link #UK_REVERSE_CHARGE_NOTE}; for an EU
 *       seller the supply is outside the scope of EU VAT as well.</li>
 *   <li><b>GST.</b> Australia 10%, New Zealand 15%, India 18%. Canada: GST 5%, or one HST
 *       line instead in the HST provinces; Quebec adds QST, British Columbia and
 *       Saskatchewan PST, Manitoba RST.</li>
 *   <li><b>US sales tax.</b> Only states given to {@link Builder#usStateRate}: whether a
 *       seller must collect in a state depends on its nexus there, which only the host knows.</li>
 *   <li>An exempt buyer is charged no tax: with its certificate's reference known, one 0%
 *       line named {@value #EXEMPT} whose note names the certificate; without it, no line.
 *       Every other country gets no tax lines.</li>
 * </ul>
 *
 * <p>The EU and GST rates are dated data shipped as resources of this package
 * ({@code eu-vat-standard-rates.csv}, {@code gst-rates.csv}); the rate charged is the one in
 * force on the request's tax date, read as a UTC date. The tables start on 2020-01-01: a
 * dated rate asked for an earlier day is an {@link io.nobill.core.error.InvalidRequestException}
 * naming {@code taxDate}. Reduced rates, special territories and registration thresholds
 * are not modelled.
 *
 * <p>Tax is computed on the invoice, not per line: per rate, the sum of the request's
 * amounts times the rate, rounded once, HALF_UP, to the currency's minor unit. When that
 * sum is zero or negative (discounts, a credit) each line still names its rate, with zero
 * tax and the sum as its taxable amount: tax on a credit belongs on a credit note. With no
 * amounts there is no currency and nothing to tax: no lines.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RegionalTaxTable implements TaxCalculator {

  /** The statement an invoice under the EU reverse charge must carry. */
  public static final String REVERSE_CHARGE_NOTE =
      "Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC)";

  /**
   * The statement an invoice to a UK business from a seller outside the UK carries: the
   * customer accounts for the VAT (business-to-business services are supplied where the
   * customer belongs, and the recipient self-accounts under the reverse charge).
   */
  public static final String UK_REVERSE_CHARGE_NOTE =
      "Reverse charge: customer to account for UK VAT to HMRC (Value Added Tax Act 1994, section 8)";

  /** The name of the line an exempt buyer's invoice carries when the exemption certificate is known. */
  public static final String EXEMPT = "Tax exempt";

  /** The statement on an exempt buyer's invoice, followed by the certificate's reference. */
  public static final String EXEMPT_NOTE = "Exempt from tax: exemption certificate ";

  /** The 27 member states by ISO 3166-1 code (Greece is GR, not the EL of VAT numbers). */
  static final Set<String> EU_MEMBER_STATES = Set.of(
      "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
      "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Set<String> US_STATES = Set.of(
      "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
      "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
      "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
      "VT", "VA", "WA", "WV", "WI", "WY");
  private static final Pattern PERCENT = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,4})?");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final String HST = "HST";

  private final String sellerCountry;
  private final Map<String, BigDecimal> usStateRates;

  private RegionalTaxTable(String sellerCountry, Map<String, BigDecimal> usStateRates) {
    this.sellerCountry = sellerCountry;
    this.usStateRates = Map.copyOf(usStateRates);
  }

  /** A builder; {@link Builder#sellerCountry(String)} is the one required setting. */
  public static Builder builder() {
    return new Builder();
  }

  /** The seller's country, ISO 3166-1 alpha-2. */
  public String sellerCountry() {
    return sellerCountry;
  }

  @Override
  public List<TaxLine> calculate(TaxRequest request) {
    Objects.requireNonNull(request, "request");
    TaxProfile buyer = request.buyer();
    if (request.amounts().isEmpty() || (buyer.exempt() && buyer.exemptionCertificate().isEmpty())) {
      return List.of();
    }
    Money sum = request.amounts().get(0);
    for (Money amount : request.amounts().subList(1, request.amounts().size())) {
      sum = sum.plus(amount);
    }
    if (buyer.exempt()) {
      // No tax, but the invoice names the certificate it relies on: an auditor asking why a
      // taxable supply went untaxed finds the answer on the invoice itself.
      TaxRate exempt = new TaxRate(EXEMPT, buyer.region().orElse(buyer.country()), BigDecimal.ZERO,
          EXEMPT_NOTE + buyer.exemptionCertificate().orElseThrow());
      return List.of(new TaxLine(exempt, sum, Money.zero(sum.currency())));
    }
    List<TaxRate> rates = rates(buyer, LocalDate.ofInstant(request.taxDate(), ZoneOffset.UTC));
    return rates.isEmpty() ? List.of() : lines(rates, request.behavior(), sum);
  }

  /** The rates that apply to the buyer on that day, country-level first; empty if none. */
  private List<TaxRate> rates(TaxProfile buyer, LocalDate day) {
    String country = buyer.country();
    if (EU_MEMBER_STATES.contains(country)) {
      // A business buyer established elsewhere than the seller accounts for the VAT itself.
      if (buyer.taxId().isPresent() && !country.equals(sellerCountry)) {
        return List.of(new TaxRate("VAT", country, BigDecimal.ZERO, REVERSE_CHARGE_NOTE));
      }
      DatedRates.Rate vat = Tables.EU_VAT.at(country, day).orElseThrow();
      return List.of(new TaxRate(vat.name(), country, vat.percent(), ""));
    }
    if (country.equals("GB") && buyer.taxId().isPresent() && !sellerCountry.equals("GB")) {
      return List.of(new TaxRate("VAT", country, BigDecimal.ZERO, UK_REVERSE_CHARGE_NOTE));
    }
    if (country.equals("US")) {
      BigDecimal percent = buyer.region().map(usStateRates::get).orElse(null);
      // An unconfigured state, or one configured at 0, charges nothing and needs no line.
      return percent == null || percent.signum() == 0
          ? List.of()
          : List.of(new TaxRate("Sales tax", buyer.region().orElseThrow(), percent, ""));
    }
    Optional<DatedRates.Rate> national = Tables.GST.at(country, day);
    if (national.isEmpty()) {
      return List.of();
    }
    Optional<DatedRates.Rate> regional = buyer.region().flatMap(region -> Tables.GST.at(region, day));
    TaxRate countryRate = new TaxRate(national.get().name(), country, national.get().percent(), "");
    if (regional.isEmpty()) {
      return List.of(countryRate);
    }
    TaxRate regionRate = new TaxRate(regional.get().name(), buyer.region().orElseThrow(), regional.get().percent(), "");
    // The harmonized sales tax already includes the federal GST; charging both would double it.
    return regional.get().name().equals(HST) ? List.of(regionRate) : List.of(countryRate, regionRate);
  }

  private static List<TaxLine> lines(List<TaxRate> rates, TaxBehavior behavior, Money sum) {
    List<TaxLine> lines = new ArrayList<>(rates.size());
    Money zero = Money.zero(sum.currency());
    if (!sum.isPositive()) {
      for (TaxRate rate : rates) {
        lines.add(new TaxLine(rate, sum, zero));
      }
      return List.copyOf(lines);
    }
    if (behavior == TaxBehavior.EXCLUSIVE) {
      // Every rate applies to the same net amount; each tax is rounded once on its own.
      for (TaxRate rate : rates) {
        lines.add(new TaxLine(rate, sum, sum.multiply(rate.fraction(), RoundingMode.HALF_UP)));
      }
      return List.copyOf(lines);
    }
    // Inclusive: carve the tax of all rates out of the gross at once, so that net + taxes
    // is exactly the gross, then share it between the rates in proportion to them.
    BigDecimal combined = BigDecimal.ZERO;
    for (TaxRate rate : rates) {
      combined = combined.add(rate.percent());
    }
    Money tax = carve(sum, combined);
    Money net = sum.minus(tax);
    List<Money> shares;
    if (rates.size() == 1) {
      shares = List.of(tax);
    } else if (tax.isZero()) {
      shares = Collections.nCopies(rates.size(), zero);
    } else {
      shares = tax.allocate(ratios(rates)); // parts always sum to the carved tax
    }
    for (int i = 0; i < rates.size(); i++) {
      lines.add(new TaxLine(rates.get(i), net, shares.get(i)));
    }
    return List.copyOf(lines);
  }

  /**
   * The tax contained in {@code gross} at {@code percent}: gross × p / (100 + p), computed
   * exactly and rounded once. The fraction rarely terminates (10/110), so this divides
   * rather than multiplying by a rounded factor.
   */
  private static Money carve(Money gross, BigDecimal percent) {
    long minor = BigDecimal.valueOf(gross.minorUnits()).multiply(percent)
        .divide(HUNDRED.add(percent), 0, RoundingMode.HALF_UP)
        .longValueExact(); // smaller than the gross, so it fits
    return Money.of(minor, gross.currency());
  }

  /** The rates' percents as whole numbers in the same proportion: 5 and 9.975 → 5000 and 9975. */
  private static long[] ratios(List<TaxRate> rates) {
    int scale = 0;
    for (TaxRate rate : rates) {
      scale = Math.max(scale, rate.percent().stripTrailingZeros().scale());
    }
    long[] ratios = new long[rates.size()];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = rates.get(i).percent().setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }
    return ratios;
  }

  @Override
  public String toString() {
    return "RegionalTaxTable[seller=" + sellerCountry + ", usStateRates=" + new TreeMap<>(usStateRates) + "]";
  }

  /** The shipped rate tables, read once, on first use. */
  private static final class Tables {
    static final DatedRates EU_VAT = DatedRates.load("eu-vat-standard-rates.csv", "VAT");
    static final DatedRates GST = DatedRates.load("gst-rates.csv", "GST");

    static {
      // Every member state must have a rate, or its consumers would silently pay no VAT.
      if (!EU_VAT.jurisdictions().equals(EU_MEMBER_STATES)) {
        throw new IllegalStateException("eu-vat-standard-rates.csv must list exactly the 27 member states, lists "
            + EU_VAT.jurisdictions());
      }
      for (String jurisdiction : GST.jurisdictions()) {
        String country = jurisdiction.substring(0, 2);
        if (EU_MEMBER_STATES.contains(country) || country.equals("US") || !GST.jurisdictions().contains(country)) {
          throw new IllegalStateException("gst-rates.csv: " + jurisdiction
              + " must be outside the EU and the US, and its country must have a rate of its own");
        }
      }
    }

    private Tables() {}

    /** Reads the tables if they have not been read yet. */
    static void load() {
      // Empty: calling any static method runs the initialiser above, exactly once.
    }
  }

  /**
   * Builds a {@link RegionalTaxTable}, validating each setting as it is given. Each setting
   * may be given once: a second call is a wiring mistake and throws
   * {@link IllegalStateException}; a bad value throws {@link IllegalArgumentException}; a
   * {@code null} throws {@link NullPointerException} naming the argument.
   */
  public static final class Builder {
    private String sellerCountry;
    private final Map<String, BigDecimal> usStateRates = new TreeMap<>();

    private Builder() {}

    /** The country the seller is established in, ISO 3166-1 alpha-2 ("DE", "US"). Required. */
    public Builder sellerCountry(String sellerCountry) {
      Objects.requireNonNull(sellerCountry, "sellerCountry");
      if (this.sellerCountry != null) {
        throw new IllegalStateException("sellerCountry is already set; set it once");
      }
      if (sellerCountry.length() != 2 || !COUNTRIES.contains(sellerCountry)) {
        throw new IllegalArgumentException(
            "sellerCountry must be an ISO 3166-1 alpha-2 code in upper case, like DE, was " + sellerCountry);
      }
      this.sellerCountry = sellerCountry;
      return this;
    }

    /**
     * Charges sales tax at {@code percent} to buyers in this US state. States without a
     * rate are charged nothing. The rate applies on every tax date: update it when the
     * state changes it.
     *
     * @param region  the state as an ISO 3166-2 code, "US-CA"; DC counts as a state
     * @param percent the rate as a plain decimal between 0 and 100 with at most four
     *                fraction digits, "7.25"
     */
    public Builder usStateRate(String region, String percent) {
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(percent, "percent");
      if (!region.startsWith("US-") || !US_STATES.contains(region.substring(3))) {
        throw new IllegalArgumentException("region must be a US state as an ISO 3166-2 code, like US-CA, was " + region);
      }
      if (!PERCENT.matcher(percent).matches() || new BigDecimal(percent).compareTo(HUNDRED) > 0) {
        throw new IllegalArgumentException(
            "percent must be a plain decimal between 0 and 100 with at most 4 fraction digits, like 7.25, was " + percent);
      }
      if (usStateRates.containsKey(region)) {
        throw new IllegalStateException("the rate of " + region + " is already set; set it once");
      }
      usStateRates.put(region, new BigDecimal(percent));
      return this;
    }

    /**
     * @throws IllegalStateException if no seller country was given
     */
    public RegionalTaxTable build() {
      if (sellerCountry == null) {
        throw new IllegalStateException("sellerCountry is required: the EU reverse charge depends on it");
      }
      Tables.load(); // a broken rate file fails here, at wiring time, not on the first invoice
      return new RegionalTaxTable(sellerCountry, usStateRates);
    }
  }
}
