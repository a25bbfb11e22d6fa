package io.nobill.core.work;

import io.nobill.core.id.OrgId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One item of background work that failed and has not succeeded since: kept per organization,
 * kind and item, written when the item fails and removed when it next succeeds. It is how a
 * failing item is retried with backoff without holding up the others, and how operators find
 * what is stuck.
 *
 * @param kind           the work: a sweep's name, 1-64 characters of {@code [a-z0-9._-]}
 * @param item           what failed (a subscription, invoice, organization or outbox message
 *                       id), 1-{@value #MAX_ITEM_LENGTH} characters
 * @param firstFailureAt when the first failure of this run of failures happened
 * @param lastFailureAt  when the latest one happened
 * @param failures       failed attempts in a row, at least 1
 * @param lastError      the latest failure: exception class and message, 1-{@value #MAX_ERROR_LENGTH}
 *                       characters, never a stack trace
 * @param nextAttemptAt  before this the sweep passes the item over (its backoff)
 * @param gaveUp         whether automatic retries stopped (a dead-lettered outbox message):
 *                       only an operator's retry brings it back
 */
public record WorkFailure(OrgId org, String kind, String item, Instant firstFailureAt, Instant lastFailureAt,
    int failures, String lastError, Instant nextAttemptAt, boolean gaveUp) {

  /** The longest {@link #item} kept. */
  public static final int MAX_ITEM_LENGTH = 200;
  /** The longest {@link #lastError} kept. */
  public static final int MAX_ERROR_LENGTH = 500;

  public WorkFailure {
    Objects.requireNonNull(org, "org");
    SweepNames.check(kind);
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(firstFailureAt, "firstFailureAt");
    Objects.requireNonNull(lastFailureAt, "lastFailureAt");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    if (item.isEmpty() || item.length() > MAX_ITEM_LENGTH) {
      throw new IllegalArgumentException("item must be 1-" + MAX_ITEM_LENGTH + " characters");
    }
    if (lastError.isEmpty() || lastError.length() > MAX_ERROR_LENGTH) {
      throw new IllegalArgumentException("lastError must be 1-" + MAX_ERROR_LENGTH + " characters");
    }
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1");
    }
  }

  /** How long the item has been failing at {@code now}. */
  public Duration age(Instant now) {
    Objects.requireNonNull(now, "now");
    return Duration.between(firstFailureAt, now);
  }

  /**
   * A failure's description for {@link #lastError}: the exception's class and message on one
   * line, at most {@value #MAX_ERROR_LENGTH} characters, without a stack trace (and so without
   * whatever the frames' arguments held).
   */
  public static String describe(Throwable failure) {
    String message = failure.getMessage();
    String text = failure.getClass().getName() + (message == null || message.isBlank() ? "" : ": " + message);
    // One line of well-formed text every store can hold, whatever the message held.
    return io.nobill.core.text.TextPolicy.sanitize(text, MAX_ERROR_LENGTH);
  }
}
