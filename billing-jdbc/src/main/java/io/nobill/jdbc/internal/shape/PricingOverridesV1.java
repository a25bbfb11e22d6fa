package io.nobill.jdbc.internal.shape;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.nobill.core.catalog.BillingTiming;
import io.nobill.core.catalog.Discount;
import io.nobill.core.catalog.DiscountDuration;
import io.nobill.core.catalog.Price;
import io.nobill.core.catalog.PricingModel;
import io.nobill.core.catalog.PricingOverrides;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Version 1 of the {@code pricing} row of {@code nobill_override}. Prices, pricing models and
 * discounts carry their kind under {@code "@type"}, with the tags below: they are stored names,
 * not class names, and stay as they are whatever the core's types are called.
 */
record PricingOverridesV1(
    @JsonProperty("v") Integer v,
    @JsonProperty("customPrices") Map<String, PriceV1> customPrices,
    @JsonProperty("discounts") List<DiscountV1> discounts,
    @JsonProperty("minimumSpend") Common.Money minimumSpend) {
  static final int VERSION = 1;

  @JsonCreator
  PricingOverridesV1 {
  }

  static PricingOverridesV1 from(PricingOverrides o) {
    Map<String, PriceV1> prices = new TreeMap<>();
    o.customPrices().forEach((key, price) -> prices.put(key, PriceV1.of(price)));
    return new PricingOverridesV1(VERSION, prices, o.discounts().stream().map(DiscountV1::of).toList(),
        Common.Money.ofNullable(o.minimumSpend()));
  }

  PricingOverrides toDomain() {
    Map<String, Price> prices = new LinkedHashMap<>();
    customPrices.forEach((key, price) -> prices.put(key, price.toDomain()));
    return new PricingOverrides(prices, discounts.stream().map(DiscountV1::toDomain).toList(),
        Common.Money.optional(minimumSpend));
  }

  /** A price, tagged {@code FlatFee}, {@code PerSeat} or {@code Metered}. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "@type")
  @JsonSubTypes({
      @JsonSubTypes.Type(value = PriceV1.FlatFee.class, name = "FlatFee"),
      @JsonSubTypes.Type(value = PriceV1.PerSeat.class, name = "PerSeat"),
      @JsonSubTypes.Type(value = PriceV1.Metered.class, name = "Metered")})
  sealed interface PriceV1 {
    Price toDomain();

    static PriceV1 of(Price price) {
      if (price instanceof Price.FlatFee f) {
        return new FlatFee(f.key(), f.description(), Common.Money.of(f.amount()), f.timing().name());
      }
      if (price instanceof Price.PerSeat s) {
        return new PerSeat(s.key(), s.description(), ModelV1.of(s.model()), s.includedSeats());
      }
      if (price instanceof Price.Metered m) {
        return new Metered(m.key(), m.description(), m.meter(), ModelV1.of(m.model()));
      }
      throw Common.noShape(price);
    }

    record FlatFee(
        @JsonProperty("key") String key,
        @JsonProperty("description") String description,
        @JsonProperty("amount") Common.Money amount,
        @JsonProperty("timing") String timing) implements PriceV1 {
      @JsonCreator
      public FlatFee {
      }

      @Override
      public Price toDomain() {
        return new Price.FlatFee(key, description, amount.toDomain(), Common.constant(BillingTiming.class, timing));
      }
    }

    record PerSeat(
        @JsonProperty("key") String key,
        @JsonProperty("description") String description,
        @JsonProperty("model") ModelV1 model,
        @JsonProperty("includedSeats") int includedSeats) implements PriceV1 {
      @JsonCreator
      public PerSeat {
      }

      @Override
      public Price toDomain() {
        return new Price.PerSeat(key, description, model.toDomain(), includedSeats);
      }
    }

    record Metered(
        @JsonProperty("key") String key,
        @JsonProperty("description") String description,
        @JsonProperty("meter") String meter,
        @JsonProperty("model") ModelV1 model) implements PriceV1 {
      @JsonCreator
      public Metered {
      }

      @Override
      public Price toDomain() {
        return new Price.Metered(key, description, meter, model.toDomain());
      }
    }
  }

  /** A pricing model, tagged {@code PerUnit}, {@code Graduated}, {@code Volume} or {@code Package}. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "@type")
  @JsonSubTypes({
      @JsonSubTypes.Type(value = ModelV1.PerUnit.class, name = "PerUnit"),
      @JsonSubTypes.Type(value = ModelV1.Graduated.class, name = "Graduated"),
      @JsonSubTypes.Type(value = ModelV1.Volume.class, name = "Volume"),
      @JsonSubTypes.Type(value = ModelV1.Package.class, name = "Package")})
  sealed interface ModelV1 {
    PricingModel toDomain();

    static ModelV1 of(PricingModel model) {
      if (model instanceof PricingModel.PerUnit u) {
        return new PerUnit(u.unitAmount());
      }
      if (model instanceof PricingModel.Graduated g) {
        return new Graduated(g.tiers().stream().map(TierV1::of).toList());
      }
      if (model instanceof PricingModel.Volume v) {
        return new Volume(v.tiers().stream().map(TierV1::of).toList());
      }
      if (model instanceof PricingModel.Package p) {
        return new Package(p.size(), p.packageAmount(), p.freeUnits());
      }
      throw Common.noShape(model);
    }

    record PerUnit(@JsonProperty("unitAmount") BigDecimal unitAmount) implements ModelV1 {
      @JsonCreator
      public PerUnit {
      }

      @Override
      public PricingModel toDomain() {
        return new PricingModel.PerUnit(unitAmount);
      }
    }

    record Graduated(@JsonProperty("tiers") List<TierV1> tiers) implements ModelV1 {
      @JsonCreator
      public Graduated {
      }

      @Override
      public PricingModel toDomain() {
        return new PricingModel.Graduated(tiers.stream().map(TierV1::toDomain).toList());
      }
    }

    record Volume(@JsonProperty("tiers") List<TierV1> tiers) implements ModelV1 {
      @JsonCreator
      public Volume {
      }

      @Override
      public PricingModel toDomain() {
        return new PricingModel.Volume(tiers.stream().map(TierV1::toDomain).toList());
      }
    }

    record Package(
        @JsonProperty("size") BigDecimal size,
        @JsonProperty("packageAmount") BigDecimal packageAmount,
        @JsonProperty("freeUnits") BigDecimal freeUnits) implements ModelV1 {
      @JsonCreator
      public Package {
      }

      @Override
      public PricingModel toDomain() {
        return new PricingModel.Package(size, packageAmount, freeUnits);
      }
    }
  }

  /** One tier of a tiered model; {@code upTo} is null for the last, unbounded one. */
  record TierV1(
      @JsonProperty("upTo") BigDecimal upTo,
      @JsonProperty("unitAmount") BigDecimal unitAmount,
      @JsonProperty("flatAmount") BigDecimal flatAmount) {
    @JsonCreator
    TierV1 {
    }

    static TierV1 of(io.nobill.core.catalog.Tier t) {
      return new TierV1(t.upTo().orElse(null), t.unitAmount(), t.flatAmount());
    }

    io.nobill.core.catalog.Tier toDomain() {
      return new io.nobill.core.catalog.Tier(Optional.ofNullable(upTo), unitAmount, flatAmount);
    }
  }

  /** A discount, tagged {@code Percent} or {@code Amount}. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "@type")
  @JsonSubTypes({
      @JsonSubTypes.Type(value = DiscountV1.Percent.class, name = "Percent"),
      @JsonSubTypes.Type(value = DiscountV1.Amount.class, name = "Amount")})
  sealed interface DiscountV1 {
    Discount toDomain();

    static DiscountV1 of(Discount discount) {
      if (discount instanceof Discount.Percent p) {
        return new Percent(p.key(), p.description(), p.percent(), DurationV1.of(p.duration()));
      }
      if (discount instanceof Discount.Amount a) {
        return new Amount(a.key(), a.description(), Common.Money.of(a.amount()), DurationV1.of(a.duration()));
      }
      throw Common.noShape(discount);
    }

    record Percent(
        @JsonProperty("key") String key,
        @JsonProperty("description") String description,
        @JsonProperty("percent") BigDecimal percent,
        @JsonProperty("duration") DurationV1 duration) implements DiscountV1 {
      @JsonCreator
      public Percent {
      }

      @Override
      public Discount toDomain() {
        return new Discount.Percent(key, description, percent, duration.toDomain());
      }
    }

    record Amount(
        @JsonProperty("key") String key,
        @JsonProperty("description") String description,
        @JsonProperty("amount") Common.Money amount,
        @JsonProperty("duration") DurationV1 duration) implements DiscountV1 {
      @JsonCreator
      public Amount {
      }

      @Override
      public Discount toDomain() {
        return new Discount.Amount(key, description, amount.toDomain(), duration.toDomain());
      }
    }
  }

  /** For how many periods a discount applies: {@code ONCE}, {@code REPEATING} or {@code FOREVER}. */
  record DurationV1(@JsonProperty("kind") String kind, @JsonProperty("periods") int periods) {
    @JsonCreator
    DurationV1 {
    }

    static DurationV1 of(DiscountDuration d) {
      return new DurationV1(d.kind().name(), d.periods());
    }

    DiscountDuration toDomain() {
      return new DiscountDuration(Common.constant(DiscountDuration.Kind.class, kind), periods);
    }
  }
}
