package io.nobill.core.catalog;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.money.Money;
import io.nobill.core.tax.TaxBehavior;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One immutable version of a plan. A price change is a new version with the same key;
 * subscriptions keep the version they were on until they are migrated.
 *
 * <p>A version may be sold in several currencies: {@link #currency()} and {@link #prices()} are
 * its first currency and the prices in it, {@link #otherPrices()} the same prices in each other
 * currency. Every currency prices the same things — the same keys, each of the same kind, on
 * the same meter, with the same included seats and the same tier bounds — and only the amounts
 * differ, so that a plan's entitlements and the quantities it bills never depend on the
 * currency. An organization is billed in its own currency: {@link #in} gives the plan as sold in
 * it.
 *
 * <pre>{@code
 * Plan pro = Plan.builder("pro", 1).name("Pro").currency("EUR").monthly().trialDays(14)
 *     .feature("sso")
 *     .limit("api_calls", new BigDecimal("100000"), Enforcement.SOFT)
 *     .seatLimit(50)
 *     .flatFee("base", "Pro base fee", Money.ofMajor("49.00", "EUR"))
 *     .perSeat("seats", "Seats", PricingModel.perUnit("1000"), 1)
 *     .metered("api_calls", "API calls", "api_calls", PricingModel.graduated(
 *         Tier.upTo(100_000, "0"), Tier.rest("0.06")))
 *     .build();
 *
 * Plan team = Plan.builder("team", 1).name("Team").monthly()
 *     .pricesIn("EUR", p -> p.flatFee("base", "Team base fee", Money.ofMajor("29.00", "EUR"))
 *         .perSeat("seats", "Seats", PricingModel.perUnit("900"), 1))
 *     .pricesIn("USD", p -> p.flatFee("base", "Team base fee", Money.ofMajor("32.00", "USD"))
 *         .perSeat("seats", "Seats", PricingModel.perUnit("1000"), 1))
 *     .build();
 * }</pre>
 *
 * @param otherPrices the prices in each currency other than {@link #currency()}, by currency
 */
public record Plan(PlanRef ref, String name, Currency currency, BillingInterval interval, int trialDays,
    Set<String> features, Map<String, Limit> limits, Optional<Integer> seatLimit, List<Price> prices,
    TaxBehavior taxBehavior, Map<Currency, List<Price>> otherPrices) {

  public static final int MAX_TRIAL_DAYS = 730;

  /** A plan sold in one currency. */
  public Plan(PlanRef ref, String name, Currency currency, BillingInterval interval, int trialDays,
      Set<String> features, Map<String, Limit> limits, Optional<Integer> seatLimit, List<Price> prices,
      TaxBehavior taxBehavior) {
    this(ref, name, currency, interval, trialDays, features, limits, seatLimit, prices, taxBehavior, Map.of());
  }

  public Plan {
    Objects.requireNonNull(ref, "ref");
    CatalogKeys.name(name, "name");
    Objects.requireNonNull(currency, "currency");
    Money.zero(currency);
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(seatLimit, "seatLimit");
    Objects.requireNonNull(taxBehavior, "taxBehavior");
    InvalidRequestException.require(trialDays >= 0 && trialDays <= MAX_TRIAL_DAYS, "trialDays",
        "must be between 0 and " + MAX_TRIAL_DAYS);
    features = Set.copyOf(new LinkedHashSet<>(Objects.requireNonNull(features, "features")));
    features.forEach(f -> CatalogKeys.check(f, "features"));
    limits = Map.copyOf(new LinkedHashMap<>(Objects.requireNonNull(limits, "limits")));
    limits.keySet().forEach(m -> CatalogKeys.check(m, "limits"));
    seatLimit.ifPresent(s -> InvalidRequestException.require(s >= 1, "seatLimit", "must be at least 1"));
    prices = checkPrices(prices, currency);
    Objects.requireNonNull(otherPrices, "otherPrices");
    Map<Currency, List<Price>> others = new TreeMap<>(Comparator.comparing(Currency::getCurrencyCode));
    for (Map.Entry<Currency, List<Price>> e : otherPrices.entrySet()) {
      Currency other = Objects.requireNonNull(e.getKey(), "otherPrices currency");
      Money.zero(other);
      InvalidRequestException.require(!other.equals(currency), "prices",
          "must list each currency once; " + currency.getCurrencyCode() + " is the plan's first currency");
      List<Price> list = checkPrices(e.getValue(), other);
      requireSameShape(prices, currency, list, other);
      others.put(other, list);
    }
    otherPrices = Collections.unmodifiableMap(new LinkedHashMap<>(others));
  }

  /** {@code prices} checked on their own: unique keys, flat fees in {@code currency}, at most one per-seat price. */
  private static List<Price> checkPrices(List<Price> prices, Currency currency) {
    List<Price> copy = List.copyOf(Objects.requireNonNull(prices, "prices"));
    Set<String> keys = new HashSet<>();
    int seatPrices = 0;
    for (Price p : copy) {
      InvalidRequestException.require(keys.add(p.key()), "prices.key", "must be unique within the plan; '" + p.key() + "' repeats");
      if (p instanceof Price.FlatFee f && !f.amount().currency().equals(currency)) {
        throw new InvalidRequestException("prices.amount", "must be in the plan's currency " + currency.getCurrencyCode()
            + "; price '" + p.key() + "' is in " + f.amount().currency().getCurrencyCode());
      }
      if (p instanceof Price.PerSeat) {
        seatPrices++;
      }
    }
    InvalidRequestException.require(seatPrices <= 1, "prices", "must have at most one per-seat price");
    return copy;
  }

  /**
   * Refuses prices in {@code other} that do not price what the first currency's prices do:
   * a missing or extra key, another kind, meter, timing or number of included seats, another
   * pricing model or other tier bounds. Only amounts may differ between currencies.
   */
  private static void requireSameShape(List<Price> first, Currency currency, List<Price> prices, Currency other) {
    String in = " in " + other.getCurrencyCode() + " as in " + currency.getCurrencyCode();
    Map<String, Price> byKey = new LinkedHashMap<>();
    prices.forEach(p -> byKey.put(p.key(), p));
    for (Price p : first) {
      Price q = byKey.remove(p.key());
      InvalidRequestException.require(q != null, "prices", "must price '" + p.key() + "'" + in);
      InvalidRequestException.require(p.getClass() == q.getClass() && p.timing() == q.timing(), "prices",
          "must be of the same kind" + in + " ('" + p.key() + "')");
      if (p instanceof Price.PerSeat s) {
        InvalidRequestException.require(s.includedSeats() == ((Price.PerSeat) q).includedSeats(), "prices.includedSeats",
            "must be the same" + in + " ('" + p.key() + "')");
        requireSameModel(s.model(), ((Price.PerSeat) q).model(), p.key(), in);
      }
      if (p instanceof Price.Metered m) {
        InvalidRequestException.require(m.meter().equals(((Price.Metered) q).meter()), "prices.meter",
            "must be the same" + in + " ('" + p.key() + "')");
        requireSameModel(m.model(), ((Price.Metered) q).model(), p.key(), in);
      }
    }
    InvalidRequestException.require(byKey.isEmpty(), "prices",
        "must price only what the plan prices" + in + "; " + byKey.keySet() + " are extra");
  }

  /** Refuses two pricing models that would bill the same quantities differently, amounts aside. */
  private static void requireSameModel(PricingModel a, PricingModel b, String key, String in) {
    InvalidRequestException.require(a.getClass() == b.getClass(), "prices.model",
        "must be the same pricing model" + in + " ('" + key + "')");
    List<Tier> ta = a instanceof PricingModel.Graduated g ? g.tiers() : a instanceof PricingModel.Volume v ? v.tiers() : List.of();
    List<Tier> tb = b instanceof PricingModel.Graduated g ? g.tiers() : b instanceof PricingModel.Volume v ? v.tiers() : List.of();
    InvalidRequestException.require(ta.stream().map(Tier::upTo).toList().equals(tb.stream().map(Tier::upTo).toList()),
        "prices.tiers", "must have the same tier bounds" + in + " ('" + key + "')");
    if (a instanceof PricingModel.Package pa) {
      PricingModel.Package pb = (PricingModel.Package) b;
      InvalidRequestException.require(pa.size().compareTo(pb.size()) == 0 && pa.freeUnits().compareTo(pb.freeUnits()) == 0,
          "prices.model", "must have the same package size and free units" + in + " ('" + key + "')");
    }
  }

  /** Every currency this version is sold in, its first currency first. */
  public Set<Currency> currencies() {
    Set<Currency> all = new LinkedHashSet<>();
    all.add(currency);
    all.addAll(otherPrices.keySet());
    return Collections.unmodifiableSet(all);
  }

  /** Whether this version is sold in {@code currency}. */
  public boolean sells(Currency currency) {
    return this.currency.equals(currency) || otherPrices.containsKey(currency);
  }

  /**
   * This version as sold in {@code currency}: the same plan with that currency first and its
   * prices as {@link #prices()}. What rating, proration and overrides are checked against for
   * an organization in that currency.
   *
   * @throws InvalidRequestException naming {@code currency} when the plan is not sold in it
   */
  public Plan in(Currency currency) {
    Objects.requireNonNull(currency, "currency");
    if (this.currency.equals(currency)) {
      return this;
    }
    InvalidRequestException.require(otherPrices.containsKey(currency), "currency",
        "must be a currency plan " + ref + " is sold in " + currencies().stream().map(Currency::getCurrencyCode).toList()
            + "; it is not sold in " + currency.getCurrencyCode());
    Map<Currency, List<Price>> others = new LinkedHashMap<>(otherPrices);
    others.remove(currency);
    others.put(this.currency, prices);
    return new Plan(ref, name, currency, interval, trialDays, features, limits, seatLimit, otherPrices.get(currency),
        taxBehavior, others);
  }

  public String key() {
    return ref.key();
  }

  public int version() {
    return ref.version();
  }

  /** The price with this key. */
  public Optional<Price> price(String key) {
    return prices.stream().filter(p -> p.key().equals(key)).findFirst();
  }

  /** The per-seat price, if the plan charges by seat. */
  public Optional<Price.PerSeat> seatPrice() {
    return prices.stream().filter(p -> p instanceof Price.PerSeat).map(p -> (Price.PerSeat) p).findFirst();
  }

  /** The meters this plan prices. */
  public Set<String> pricedMeters() {
    Set<String> meters = new LinkedHashSet<>();
    for (Price p : prices) {
      if (p instanceof Price.Metered m) {
        meters.add(m.meter());
      }
    }
    return meters;
  }

  public static Builder builder(String key, int version) {
    return new Builder(new PlanRef(key, version));
  }

  /** Builds a plan; every rule is checked when {@link #build()} creates the record. */
  public static final class Builder {
    private final PlanRef ref;
    private String name;
    private Currency currency;
    private BillingInterval interval;
    private int trialDays;
    private final Set<String> features = new LinkedHashSet<>();
    private final Map<String, Limit> limits = new LinkedHashMap<>();
    private Integer seatLimit;
    private final List<Price> prices = new ArrayList<>();
    private TaxBehavior taxBehavior = TaxBehavior.EXCLUSIVE;
    private final Map<Currency, List<Price>> pricesIn = new LinkedHashMap<>();

    private Builder(PlanRef ref) {
      this.ref = ref;
    }

    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    public Builder currency(String currencyCode) {
      this.currency = Money.currency(currencyCode);
      return this;
    }

    public Builder interval(BillingInterval interval) {
      this.interval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    public Builder monthly() {
      return interval(BillingInterval.monthly());
    }

    public Builder yearly() {
      return interval(BillingInterval.yearly());
    }

    public Builder trialDays(int days) {
      this.trialDays = days;
      return this;
    }

    public Builder feature(String feature) {
      features.add(CatalogKeys.check(feature, "features"));
      return this;
    }

    public Builder limit(String meter, BigDecimal included, Enforcement enforcement) {
      limits.put(CatalogKeys.check(meter, "limits"), new Limit(included, enforcement));
      return this;
    }

    public Builder seatLimit(int seats) {
      this.seatLimit = seats;
      return this;
    }

    public Builder taxBehavior(TaxBehavior behavior) {
      this.taxBehavior = Objects.requireNonNull(behavior, "taxBehavior");
      return this;
    }

    public Builder flatFee(String key, String description, Money amount) {
      prices.add(new Price.FlatFee(key, description, amount, BillingTiming.IN_ADVANCE));
      return this;
    }

    public Builder perSeat(String key, String description, PricingModel model, int includedSeats) {
      prices.add(new Price.PerSeat(key, description, model, includedSeats));
      return this;
    }

    public Builder metered(String key, String description, String meter, PricingModel model) {
      prices.add(new Price.Metered(key, description, meter, model));
      return this;
    }

    public Builder price(Price price) {
      prices.add(Objects.requireNonNull(price, "price"));
      return this;
    }

    /**
     * The plan's prices in {@code currencyCode}, for a plan sold in several currencies. Each
     * currency must price the same things as the first (only amounts differ); without
     * {@link #currency}, the first currency given here is the plan's first currency.
     */
    public Builder pricesIn(String currencyCode, Consumer<PriceList> prices) {
      Currency c = Money.currency(currencyCode);
      Objects.requireNonNull(prices, "prices");
      PriceList list = new PriceList();
      prices.accept(list);
      pricesIn.computeIfAbsent(c, k -> new ArrayList<>()).addAll(list.prices);
      return this;
    }

    public Plan build() {
      if (name == null) {
        throw new InvalidRequestException("name", "must be set");
      }
      Currency first = currency != null ? currency : pricesIn.keySet().stream().findFirst()
          .orElseThrow(() -> new InvalidRequestException("currency", "must be set"));
      if (interval == null) {
        throw new InvalidRequestException("interval", "must be set");
      }
      List<Price> firstPrices = new ArrayList<>(prices);
      firstPrices.addAll(pricesIn.getOrDefault(first, List.of()));
      Map<Currency, List<Price>> others = new LinkedHashMap<>(pricesIn);
      others.remove(first);
      return new Plan(ref, name, first, interval, trialDays, features, limits, Optional.ofNullable(seatLimit),
          firstPrices, taxBehavior, others);
    }
  }

  /** The prices of a plan in one currency; see {@link Builder#pricesIn}. */
  public static final class PriceList {
    private final List<Price> prices = new ArrayList<>();

    private PriceList() {}

    public PriceList flatFee(String key, String description, Money amount) {
      prices.add(new Price.FlatFee(key, description, amount, BillingTiming.IN_ADVANCE));
      return this;
    }

    public PriceList perSeat(String key, String description, PricingModel model, int includedSeats) {
      prices.add(new Price.PerSeat(key, description, model, includedSeats));
      return this;
    }

    public PriceList metered(String key, String description, String meter, PricingModel model) {
      prices.add(new Price.Metered(key, description, meter, model));
      return this;
    }

    public PriceList price(Price price) {
      prices.add(Objects.requireNonNull(price, "price"));
      return this;
    }
  }
}
