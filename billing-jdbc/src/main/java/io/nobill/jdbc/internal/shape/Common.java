package io.nobill.jdbc.internal.shape;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nobill.core.catalog.PlanRef;
import io.nobill.core.id.TypedId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The pieces many stored bodies share. They are part of version 1 of every body that holds them:
 * a change to one of them is a new version of each of those bodies, not an edit here.
 */
final class Common {
  private Common() {}

  /** An id, stored as {@code {"value": "<uuid>"}}. */
  record Id(@JsonProperty("value") UUID value) {
    @JsonCreator
    Id {
    }

    static Id of(TypedId id) {
      return new Id(id.value());
    }

    static Id ofNullable(Optional<? extends TypedId> id) {
      return id.map(Id::of).orElse(null);
    }

    <T> T to(Function<UUID, T> type) {
      return type.apply(value);
    }

    static <T> Optional<T> to(Id id, Function<UUID, T> type) {
      return Optional.ofNullable(id).map(i -> i.to(type));
    }
  }

  /** Money, stored as {@code {"minor": 1234, "currency": "EUR"}}. */
  record Money(@JsonProperty("minor") long minor, @JsonProperty("currency") String currency) {
    @JsonCreator
    Money {
    }

    static Money of(io.nobill.core.money.Money money) {
      return new Money(money.minorUnits(), money.currency().getCurrencyCode());
    }

    static Money ofNullable(Optional<io.nobill.core.money.Money> money) {
      return money.map(Money::of).orElse(null);
    }

    io.nobill.core.money.Money toDomain() {
      return io.nobill.core.money.Money.of(minor, currency);
    }

    static Optional<io.nobill.core.money.Money> optional(Money money) {
      return Optional.ofNullable(money).map(Money::toDomain);
    }
  }

  /** A half-open period, stored as {@code {"start": "<instant>", "end": "<instant>"}}. */
  record Period(@JsonProperty("start") Instant start, @JsonProperty("end") Instant end) {
    @JsonCreator
    Period {
    }

    static Period of(io.nobill.core.catalog.Period period) {
      return new Period(period.start(), period.end());
    }

    io.nobill.core.catalog.Period toDomain() {
      return new io.nobill.core.catalog.Period(start, end);
    }
  }

  /** A plan version, stored as {@code {"key": "pro", "version": 2}}. */
  record Plan(@JsonProperty("key") String key, @JsonProperty("version") int version) {
    @JsonCreator
    Plan {
    }

    static Plan of(PlanRef plan) {
      return new Plan(plan.key(), plan.version());
    }

    static Plan ofNullable(Optional<PlanRef> plan) {
      return plan.map(Plan::of).orElse(null);
    }

    PlanRef toDomain() {
      return new PlanRef(key, version);
    }

    static Optional<PlanRef> optional(Plan plan) {
      return Optional.ofNullable(plan).map(Plan::toDomain);
    }
  }

  /** The failure for a domain value of a kind no persisted shape knows: a new kind needs its own tag. */
  static IllegalStateException noShape(Object value) {
    return new IllegalStateException("no persisted shape for " + value.getClass().getName() + "; a new kind needs a shape "
        + "with a type tag of its own");
  }

  /**
   * The constant of {@code type} stored under {@code name}. Constants are stored by name; a
   * renamed constant must keep reading its old name here (see the enum test beside the golden
   * files).
   */
  static <E extends Enum<E>> E constant(Class<E> type, String name) {
    if (name == null) {
      throw new IllegalArgumentException("a stored " + type.getSimpleName() + " is missing");
    }
    return Enum.valueOf(type, name);
  }
}
