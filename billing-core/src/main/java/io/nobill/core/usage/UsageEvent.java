package io.nobill.core.usage;

import io.nobill.core.error.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One usage event as a host reports it. Nothing but nulls is checked here on purpose: ingestion
 * validates each event of a batch — its text by {@link io.nobill.core.text.TextPolicy} too — and
 * answers per event — accepted, duplicate, or rejected naming the field and the rule — instead
 * of failing the whole batch on the first bad one.
 *
 * @param meter          the meter's key
 * @param idempotencyKey the client's key, 1–255 characters (code points) without control
 *                       characters or whitespace at either end, unique per organization and
 *                       compared exactly (case and Unicode form count): a repeat is
 *                       acknowledged as a duplicate and not counted again
 * @param quantity       ≥ 0, at most 18 integer and 12 fraction digits (COUNT meters ignore it)
 * @param value          the value counted by UNIQUE_COUNT meters (e.g. a user id), following the
 *                       key's rules
 * @param properties     up to 16 entries, keys ≤ 64 characters following the key's rules,
 *                       values ≤ 256 characters on one line, possibly empty
 */
public record UsageEvent(String meter, String idempotencyKey, Instant occurredAt, BigDecimal quantity,
    Optional<String> value, Map<String, String> properties) {

  public UsageEvent {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(value, "value");
    properties = Map.copyOf(Objects.requireNonNull(properties, "properties"));
  }

  /** An event of {@code quantity} with no value and no properties. */
  public static UsageEvent of(String meter, String idempotencyKey, Instant occurredAt, BigDecimal quantity) {
    return new UsageEvent(meter, idempotencyKey, occurredAt, quantity, Optional.empty(), Map.of());
  }

  private static final Pattern PLAIN_DECIMAL = Pattern.compile("[0-9]{1,40}(\\.[0-9]{1,40})?");

  /**
   * Parses a quantity as a client sends it: a plain non-negative decimal of at most 40 digits
   * before and after the point.
   *
   * @throws InvalidRequestException naming {@code quantity} for "NaN", "1e400", "-1", "", …
   */
  public static BigDecimal parseQuantity(String text) {
    Objects.requireNonNull(text, "quantity");
    InvalidRequestException.require(PLAIN_DECIMAL.matcher(text).matches(), "quantity",
        "must be a plain non-negative decimal number such as 12.5");
    return new BigDecimal(text);
  }
}
