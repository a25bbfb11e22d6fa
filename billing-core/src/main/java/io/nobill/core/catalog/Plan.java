package io.nobill.core.catalog;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.money.Money;
import io.nobill.core.tax.TaxBehavior;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One immutable version of a plan. A price change is a new version with the same key;
 * subscriptions keep the version they were on until they are migrated.
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
 * }</pre>
 */
public record Plan(PlanRef ref, String name, Currency currency, BillingInterval interval, int trialDays,
    Set<String> features, Map<String, Limit> limits, Optional<Integer> seatLimit, List<Price> prices,
    TaxBehavior taxBehavior) {

  public static final int MAX_TRIAL_DAYS = 730;

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
    prices = List.copyOf(Objects.requireNonNull(prices, "prices"));
    Set<String> keys = new HashSet<>();
    int seatPrices = 0;
    for (Price p : prices) {
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

    public Plan build() {
      if (name == null) {
        throw new InvalidRequestException("name", "must be set");
      }
      if (currency == null) {
        throw new InvalidRequestException("currency", "must be set");
      }
      if (interval == null) {
        throw new InvalidRequestException("interval", "must be set");
      }
      return new Plan(ref, name, currency, interval, trialDays, features, limits, Optional.ofNullable(seatLimit),
          prices, taxBehavior);
    }
  }
}
