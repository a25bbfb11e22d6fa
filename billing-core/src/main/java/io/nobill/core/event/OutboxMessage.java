package io.nobill.core.event;

import io.nobill.core.id.OrgId;
import io.nobill.core.id.OutboxMessageId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One event waiting for, or delivered to, one listener. An event written for three
 * listeners is three messages, so each listener's delivery succeeds, fails and is retried
 * on its own.
 *
 * <p>A message is {@link State#PENDING} until it is either delivered ({@code deliveredAt}
 * set) or abandoned ({@code abandonedAt} set): because no listener of its name is registered
 * any more, or dead-lettered because its listener failed the {@code DeliveryPolicy}'s maximum
 * of attempts. Delivered is final; an abandoned message waits for an operator's retry. While pending, it is due when {@code nextAttemptAt} has come
 * and no deliverer holds a claim on it ({@code claimedUntil} empty or past).
 *
 * @param listener the name of the listener it is for, as registered with {@code Billing.Builder}
 * @param attempts how many deliveries were attempted: counted when a deliverer claims the
 *     message, before its listener is called, so an attempt that never reported back (the
 *     process died, the JVM ran out of memory) counts too
 * @param nextAttemptAt when it may be delivered (again)
 * @param claimedUntil until when a deliverer holds it; others skip it until then
 * @param deliveredAt when the listener accepted it
 * @param abandonedAt when it was given up as undeliverable
 * @param lastError what the last failed attempt reported: exception class and message, at
 *     most {@value #MAX_ERROR_LENGTH} characters, never a stack trace
 * @param version incremented by every change, for optimistic concurrency
 */
public record OutboxMessage(OutboxMessageId id, BillingEvent event, String listener, int attempts,
    Instant nextAttemptAt, Optional<Instant> claimedUntil, Optional<Instant> deliveredAt,
    Optional<Instant> abandonedAt, Optional<String> lastError, long version) {

  /** The longest {@link #lastError} kept. */
  public static final int MAX_ERROR_LENGTH = 500;

  private static final Pattern LISTENER_NAME = Pattern.compile("[a-z0-9._-]{1,64}");

  /** Where a message is in its life. */
  public enum State {
    /** Waiting for delivery, or for a retry. */
    PENDING,
    /** The listener accepted it. Final. */
    DELIVERED,
    /** No listener of its name is registered; it will never be delivered. Final. */
    ABANDONED
  }

  public OutboxMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(claimedUntil, "claimedUntil");
    Objects.requireNonNull(deliveredAt, "deliveredAt");
    Objects.requireNonNull(abandonedAt, "abandonedAt");
    Objects.requireNonNull(lastError, "lastError");
    if (!isListenerName(listener)) {
      throw new IllegalArgumentException("listener name must be 1-64 characters of [a-z0-9._-], was \"" + listener + "\"");
    }
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative");
    }
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1");
    }
    if (deliveredAt.isPresent() && abandonedAt.isPresent()) {
      throw new IllegalArgumentException("message " + id + " cannot be both delivered and abandoned");
    }
    if (claimedUntil.isPresent() && (deliveredAt.isPresent() || abandonedAt.isPresent())) {
      throw new IllegalArgumentException("message " + id + " is final and cannot be claimed");
    }
    if (lastError.isPresent() && (lastError.get().isEmpty() || io.nobill.core.text.TextPolicy.length(lastError.get()) > MAX_ERROR_LENGTH)) {
      throw new IllegalArgumentException("lastError must be 1-" + MAX_ERROR_LENGTH + " characters");
    }
  }

  /** Whether {@code name} is a valid listener name: 1-64 characters of {@code [a-z0-9._-]}. */
  public static boolean isListenerName(String name) {
    return name != null && LISTENER_NAME.matcher(name).matches();
  }

  /** A new message, due at once. */
  public static OutboxMessage pending(OutboxMessageId id, BillingEvent event, String listener, Instant now) {
    return new OutboxMessage(id, event, listener, 0, now, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), 1);
  }

  /** The organization the event is about, whose transaction the message lives in. */
  public OrgId org() {
    return event.org();
  }

  /** Where the message is in its life. */
  public State state() {
    if (deliveredAt.isPresent()) {
      return State.DELIVERED;
    }
    return abandonedAt.isPresent() ? State.ABANDONED : State.PENDING;
  }

  /** Whether a deliverer may claim it at {@code now}: pending, its attempt time come, nobody's claim current. */
  public boolean isDue(Instant now) {
    Objects.requireNonNull(now, "now");
    return state() == State.PENDING && !nextAttemptAt.isAfter(now)
        && (claimedUntil.isEmpty() || !claimedUntil.get().isAfter(now));
  }

  /** The message claimed by a deliverer until {@code until}. */
  public OutboxMessage claimed(Instant until) {
    Objects.requireNonNull(until, "until");
    return new OutboxMessage(id, event, listener, attempts, nextAttemptAt, Optional.of(until), deliveredAt,
        abandonedAt, lastError, version + 1);
  }

  /**
   * The message claimed for one more attempt: counted now, before the listener is called, and
   * due again at {@code retryAt} should the attempt never report back.
   */
  public OutboxMessage attempting(Instant claimedUntil, Instant retryAt) {
    Objects.requireNonNull(claimedUntil, "claimedUntil");
    Objects.requireNonNull(retryAt, "retryAt");
    return new OutboxMessage(id, event, listener, attempts + 1, retryAt, Optional.of(claimedUntil), deliveredAt,
        abandonedAt, lastError, version + 1);
  }

  /** The claimed attempt failed with {@code error}: the claim is released, the retry time stays. */
  public OutboxMessage attemptFailed(String error) {
    Objects.requireNonNull(error, "error");
    return new OutboxMessage(id, event, listener, attempts, nextAttemptAt, Optional.empty(), deliveredAt, abandonedAt,
        Optional.of(error), version + 1);
  }

  /**
   * An abandoned (dead-lettered) message given back to delivery by an operator at {@code now}:
   * due at once, with a fresh count of attempts; its last error is kept until it is delivered.
   *
   * @throws IllegalStateException if it is not abandoned
   */
  public OutboxMessage retried(Instant now) {
    Objects.requireNonNull(now, "now");
    if (state() != State.ABANDONED) {
      throw new IllegalStateException("message " + id + " is " + state() + ", not abandoned");
    }
    return new OutboxMessage(id, event, listener, 0, now, Optional.empty(), Optional.empty(), Optional.empty(),
        lastError, version + 1);
  }

  /** The message accepted by its listener at {@code at}; its claim is released. */
  public OutboxMessage delivered(Instant at) {
    Objects.requireNonNull(at, "at");
    return new OutboxMessage(id, event, listener, attempts, nextAttemptAt, Optional.empty(), Optional.of(at),
        abandonedAt, lastError, version + 1);
  }

  /** The message after one more failed attempt, due again at {@code retryAt}; its claim is released. */
  public OutboxMessage failed(String error, Instant retryAt) {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(retryAt, "retryAt");
    return new OutboxMessage(id, event, listener, attempts + 1, retryAt, Optional.empty(), deliveredAt, abandonedAt,
        Optional.of(error), version + 1);
  }

  /** The message given up at {@code at} for {@code reason}; it is never delivered. */
  public OutboxMessage abandoned(Instant at, String reason) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(reason, "reason");
    return new OutboxMessage(id, event, listener, attempts, nextAttemptAt, Optional.empty(), deliveredAt,
        Optional.of(at), Optional.of(reason), version + 1);
  }
}
