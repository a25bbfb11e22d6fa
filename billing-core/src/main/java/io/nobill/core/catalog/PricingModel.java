package io.nobill.core.catalog;

import io.nobill.core.error.InvalidRequestException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a quantity becomes an amount. Amounts are in minor units of the plan's currency and may
 * be fractional; {@link #charge} returns the exact amount, never rounded.
 *
 * <ul>
 *   <li>{@link PerUnit}: quantity × unit amount.
 *   <li>{@link Graduated}: each tier prices the units that fall in it; a tier's flat fee is
 *       charged once the quantity enters the tier (the first tier's even at zero).
 *   <li>{@link Volume}: the tier the whole quantity falls in prices every unit; a fractional
 *       quantity picks its tier by rounding up (100.5 falls in the tier of 101).
 *   <li>{@link Package}: units beyond the free ones, in packages of {@code size}, each
 *       started package charged in full.
 * </ul>
 */
public sealed interface PricingModel {

  /** The exact amount for a quantity (≥ 0), with its tier breakdown. */
  Charge charge(BigDecimal quantity);

  static PerUnit perUnit(String unitAmount) {
    return new PerUnit(new BigDecimal(unitAmount));
  }

  static Graduated graduated(Tier... tiers) {
    return new Graduated(List.of(tiers));
  }

  static Volume volume(Tier... tiers) {
    return new Volume(List.of(tiers));
  }

  static Package packaged(long size, String packageAmount, long freeUnits) {
    return new Package(BigDecimal.valueOf(size), new BigDecimal(packageAmount), BigDecimal.valueOf(freeUnits));
  }

  /** A fixed price per unit. */
  record PerUnit(BigDecimal unitAmount) implements PricingModel {
    public PerUnit {
      Objects.requireNonNull(unitAmount, "unitAmount");
      InvalidRequestException.require(unitAmount.signum() >= 0, "unitAmount", "must not be negative");
    }

    @Override
    public Charge charge(BigDecimal quantity) {
      checkQuantity(quantity);
      BigDecimal amount = quantity.multiply(unitAmount);
      return new Charge(amount, List.of(new TierCharge(1, quantity, unitAmount, BigDecimal.ZERO, amount)));
    }
  }

  /** Each tier prices the units that fall within it. */
  record Graduated(List<Tier> tiers) implements PricingModel {
    public Graduated {
      tiers = checkTiers(tiers);
    }

    @Override
    public Charge charge(BigDecimal quantity) {
      checkQuantity(quantity);
      BigDecimal total = BigDecimal.ZERO;
      BigDecimal lower = BigDecimal.ZERO;
      List<TierCharge> parts = new ArrayList<>();
      for (int i = 0; i < tiers.size(); i++) {
        Tier tier = tiers.get(i);
        boolean entered = i == 0 || quantity.compareTo(lower) > 0;
        if (!entered) {
          break;
        }
        BigDecimal top = tier.upTo().map(u -> u.min(quantity)).orElse(quantity);
        BigDecimal units = top.subtract(lower).max(BigDecimal.ZERO);
        BigDecimal amount = units.multiply(tier.unitAmount()).add(tier.flatAmount());
        parts.add(new TierCharge(i + 1, units, tier.unitAmount(), tier.flatAmount(), amount));
        total = total.add(amount);
        if (tier.upTo().isEmpty()) {
          break;
        }
        lower = tier.upTo().get();
      }
      return new Charge(total, parts);
    }
  }

  /** The tier the whole quantity falls in prices every unit. */
  record Volume(List<Tier> tiers) implements PricingModel {
    public Volume {
      tiers = checkTiers(tiers);
    }

    @Override
    public Charge charge(BigDecimal quantity) {
      checkQuantity(quantity);
      BigDecimal picker = quantity.setScale(0, RoundingMode.CEILING);
      for (int i = 0; i < tiers.size(); i++) {
        Tier tier = tiers.get(i);
        if (tier.upTo().isEmpty() || picker.compareTo(tier.upTo().get()) <= 0) {
          BigDecimal amount = quantity.multiply(tier.unitAmount()).add(tier.flatAmount());
          return new Charge(amount, List.of(new TierCharge(i + 1, quantity, tier.unitAmount(), tier.flatAmount(), amount)));
        }
      }
      throw new IllegalStateException("tiers end unbounded; unreachable");
    }
  }

  /**
   * Units in packages: {@code ceil((quantity − freeUnits) / size)} packages at
   * {@code packageAmount} each.
   */
  record Package(BigDecimal size, BigDecimal packageAmount, BigDecimal freeUnits) implements PricingModel {
    public Package {
      Objects.requireNonNull(size, "size");
      Objects.requireNonNull(packageAmount, "packageAmount");
      Objects.requireNonNull(freeUnits, "freeUnits");
      InvalidRequestException.require(size.signum() > 0, "package.size", "must be positive");
      InvalidRequestException.require(packageAmount.signum() >= 0, "package.amount", "must not be negative");
      InvalidRequestException.require(freeUnits.signum() >= 0, "package.freeUnits", "must not be negative");
    }

    @Override
    public Charge charge(BigDecimal quantity) {
      checkQuantity(quantity);
      BigDecimal billable = quantity.subtract(freeUnits).max(BigDecimal.ZERO);
      BigDecimal packages = billable.divide(size, 0, RoundingMode.CEILING);
      BigDecimal amount = packages.multiply(packageAmount);
      return new Charge(amount, List.of(new TierCharge(1, packages, packageAmount, BigDecimal.ZERO, amount)));
    }
  }

  private static void checkQuantity(BigDecimal quantity) {
    Objects.requireNonNull(quantity, "quantity");
    InvalidRequestException.require(quantity.signum() >= 0, "quantity", "must not be negative");
  }

  private static List<Tier> checkTiers(List<Tier> tiers) {
    Objects.requireNonNull(tiers, "tiers");
    List<Tier> copy = List.copyOf(tiers);
    InvalidRequestException.require(!copy.isEmpty(), "tiers", "must not be empty");
    Optional<BigDecimal> previous = Optional.empty();
    for (int i = 0; i < copy.size(); i++) {
      Tier t = copy.get(i);
      boolean last = i == copy.size() - 1;
      if (last) {
        InvalidRequestException.require(t.upTo().isEmpty(), "tiers", "must end with an unbounded tier");
      } else {
        InvalidRequestException.require(t.upTo().isPresent(), "tiers", "must have only the last tier unbounded");
      }
      if (previous.isPresent() && t.upTo().isPresent()) {
        InvalidRequestException.require(t.upTo().get().compareTo(previous.get()) > 0, "tiers",
            "must be in ascending order of upTo");
      }
      previous = t.upTo().isPresent() ? t.upTo() : previous;
    }
    return copy;
  }
}
