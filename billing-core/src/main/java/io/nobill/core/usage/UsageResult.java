package io.nobill.core.usage;

import io.nobill.core.error.InvalidRequestException;
import java.util.Objects;

/** What ingestion did with one event. */
public sealed interface UsageResult {

  /** The event's idempotency key, as given. */
  String idempotencyKey();

  /** Counted. */
  record Accepted(String idempotencyKey) implements UsageResult {
    public Accepted {
      Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }
  }

  /** An event with this key was counted before; not counted again. */
  record Duplicate(String idempotencyKey) implements UsageResult {
    public Duplicate {
      Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }
  }

  /**
   * Written nowhere: the {@code field} broke the {@code rule}, with the field and rule texts
   * an {@link InvalidRequestException} would carry (text rules are those of
   * {@link io.nobill.core.text.TextPolicy}). The other events of the batch are unaffected.
   */
  record Rejected(String idempotencyKey, String field, String rule) implements UsageResult {
    public Rejected {
      Objects.requireNonNull(idempotencyKey, "idempotencyKey");
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(rule, "rule");
    }

    /** The rejection as the exception a single-item call would have thrown. */
    public InvalidRequestException toException() {
      return new InvalidRequestException(field, rule);
    }
  }
}
