package io.nobill.core.internal.event;

import io.nobill.core.error.ConflictException;
import io.nobill.core.event.*;
import io.nobill.core.event.BillingEvent;
import io.nobill.core.event.BillingListener;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.OutboxMessageId;
import io.nobill.core.internal.work.WorkFailures;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.PlatformTransaction;
import io.nobill.core.spi.TenantTransaction;
import io.nobill.core.text.TextPolicy;
import io.nobill.core.work.Sweep;
import io.nobill.core.work.SweepResult;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands outbox messages to their listeners, at least once. For each due message:
 *
 * <ol>
 *   <li>claim it in its organization's transaction: {@code claimedUntil = now + lease}, and
 *       count the attempt there and then, with its retry time set by the
 *       {@link DeliveryPolicy}'s exponential backoff (and jitter). A message another
 *       deliverer holds, or finished meanwhile, is skipped — so two {@code Billing} instances
 *       over one store deliver each message once, unless a listener outlasts the lease;
 *   <li>call the listener outside any transaction, so a slow listener holds no lock;
 *   <li>in a new transaction, mark it delivered — or, if the listener threw, keep the error
 *       (exception class and message, at most {@value OutboxMessage#MAX_ERROR_LENGTH}
 *       characters) and release the claim; it is due again at its retry time.
 * </ol>
 *
 * <p>A listener that throws anything — an exception, a checked one thrown sneakily, an
 * {@link Error} such as {@link InternalError}, {@link StackOverflowError} or
 * {@link AssertionError} — never breaks billing and never holds up other listeners or other
 * messages: it is logged at WARN with the message id and listener name and retried later.
 * Only a {@linkplain io.nobill.core.internal.work.SweepItems#isFatal fatal} error (out of memory)
 * propagates, and because the attempt was counted and the retry time pushed back before the
 * listener was called, the next run delivers the messages behind it rather than meeting the
 * same message first again. After {@link DeliveryPolicy#maxAttempts} attempts a message is
 * dead-lettered: abandoned with its last error, recorded as stuck work, and delivered again
 * only after an operator's {@code billing.work().retry(...)}. Each failed attempt is also
 * recorded as failing work (in the same transaction); at
 * {@link io.nobill.core.work.FailurePolicy#stuckAfter} failures in a row the message
 * is stuck and raises one {@code WorkStuck} event — except a {@code WorkStuck} event itself,
 * which would only feed the failing listener another.
 *
 * <p>A message for a listener no longer registered is abandoned: {@code abandonedAt} is
 * set and it is never delivered unless retried. Every application instance sharing a store
 * must therefore register the same listeners under the same names.
 *
 * <p>If the process dies between the listener's return and the recording, the claim runs
 * out and the message is delivered again; listeners deduplicate by {@code BillingEvent.key()}.
 */
public final class OutboxDelivery implements Sweep {
  private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);

  /** How many messages {@link #run()} delivers at most; the rest wait for the next run. */
  public static final int BATCH = 1000;

  private final BillingStore store;
  private final Clock clock;
  private final Map<String, BillingListener> listeners;
  private final DeliveryPolicy policy;
  private final Optional<WorkFailures> failures;

  private OutboxDelivery(BillingStore store, Clock clock, Map<String, BillingListener> listeners,
      DeliveryPolicy policy, Optional<WorkFailures> failures) {
    this.store = store;
    this.clock = clock;
    this.listeners = listeners;
    this.policy = policy;
    this.failures = failures;
    // An operator's retry of a dead letter gives the message back to delivery.
    failures.ifPresent(f -> f.onRetry(NAME, (tx, item) -> {
      OutboxMessageId id;
      try {
        id = OutboxMessageId.of(java.util.UUID.fromString(item));
      } catch (IllegalArgumentException notAnId) {
        return;
      }
      tx.outbox().find(id).filter(m -> m.state() == OutboxMessage.State.ABANDONED)
          .ifPresent(m -> tx.outbox().update(m.retried(clock.instant())));
    }));
  }

  /**
   * Delivery to {@code listeners} by name.
   *
   * @throws IllegalArgumentException if a name is not 1-64 characters of {@code [a-z0-9._-]}
   */
  public static OutboxDelivery create(BillingStore store, Clock clock, Map<String, BillingListener> listeners,
      DeliveryPolicy policy) {
    return create(store, clock, listeners, policy, Optional.empty());
  }

  /**
   * Delivery to {@code listeners} by name, recording messages that keep failing, and dead
   * letters, with {@code failures}.
   *
   * @throws IllegalArgumentException if a name is not 1-64 characters of {@code [a-z0-9._-]}
   */
  public static OutboxDelivery create(BillingStore store, Clock clock, Map<String, BillingListener> listeners,
      DeliveryPolicy policy, Optional<WorkFailures> failures) {
    Objects.requireNonNull(failures, "failures");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(listeners, "listeners");
    Objects.requireNonNull(policy, "policy");
    Map<String, BillingListener> copy = new LinkedHashMap<>();
    listeners.forEach((name, listener) -> {
      if (!OutboxMessage.isListenerName(name)) {
        throw new IllegalArgumentException("listener name must be 1-64 characters of [a-z0-9._-], was \"" + name + "\"");
      }
      copy.put(name, Objects.requireNonNull(listener, "listener " + name));
    });
    return new OutboxDelivery(store, clock, Collections.unmodifiableMap(copy), policy, failures);
  }

  /** {@value #NAME}, the first sweep of {@code billing.work()}. */
  @Override
  public String name() {
    return NAME;
  }

  /** The sweep's name. */
  public static final String NAME = "outbox-delivery";

  /** Delivers up to {@value #BATCH} due messages; abandoned messages count as failed. */
  @Override
  public SweepResult run() {
    DeliveryResult result = deliverDue(BATCH);
    return new SweepResult(result.delivered(), result.failed() + result.abandoned(), result.skipped());
  }

  /**
   * Delivers the messages due now, the longest-waiting first, at most {@code limit} of them.
   * Must not be called inside a store transaction.
   *
   * @throws IllegalArgumentException if {@code limit} is not in 1..{@value PlatformTransaction#MAX_PAGE}
   */
  public DeliveryResult deliverDue(int limit) {
    if (limit < 1 || limit > PlatformTransaction.MAX_PAGE) {
      throw new IllegalArgumentException("limit must be in 1.." + PlatformTransaction.MAX_PAGE + ", was " + limit);
    }
    Instant now = clock.instant();
    List<Map.Entry<OrgId, OutboxMessageId>> due = store.inPlatform(tx -> tx.dueOutbox(now, limit));
    int delivered = 0;
    int failed = 0;
    int skipped = 0;
    int abandoned = 0;
    for (Map.Entry<OrgId, OutboxMessageId> entry : due) {
      switch (deliverOne(entry.getKey(), entry.getValue())) {
        case DELIVERED -> delivered++;
        case FAILED -> failed++;
        case SKIPPED -> skipped++;
        case ABANDONED -> abandoned++;
      }
    }
    return new DeliveryResult(delivered, failed, skipped, abandoned);
  }

  private enum Outcome { DELIVERED, FAILED, SKIPPED, ABANDONED }

  private enum ClaimKind { CLAIMED, SKIPPED, ABANDONED }

  /** What the claiming transaction did: the message as claimed or abandoned, none when skipped. */
  private record Claim(ClaimKind kind, OutboxMessage message) {}

  private Outcome deliverOne(OrgId org, OutboxMessageId id) {
    Claim claim;
    try {
      claim = store.inTenant(org, tx -> claim(tx, id));
    } catch (ConflictException raced) {
      // Another deliverer changed the message between our read and our write, so it is theirs.
      return Outcome.SKIPPED;
    } catch (Throwable storeFailure) {
      rethrowIfFatal(storeFailure);
      log.warn("outbox message {} of organization {} could not be claimed; it stays due", id, org, storeFailure);
      return Outcome.FAILED;
    }
    if (claim.kind() == ClaimKind.SKIPPED) {
      return Outcome.SKIPPED;
    }
    if (claim.kind() == ClaimKind.ABANDONED) {
      log.warn("outbox message {} of organization {} is abandoned: {}", id, org, claim.message().lastError().orElse(""));
      return Outcome.ABANDONED;
    }
    OutboxMessage claimed = claim.message();
    Optional<String> error = call(claimed);
    try {
      store.inTenant(org, tx -> {
        record(tx, claimed, error);
        return null;
      });
    } catch (Throwable storeFailure) {
      rethrowIfFatal(storeFailure);
      // The claim runs out and the message is delivered again: at least once, never lost.
      log.warn("the delivery of outbox message {} to listener {} could not be recorded; it is redelivered after "
          + "its claim expires", id, claimed.listener(), storeFailure);
      return Outcome.FAILED;
    }
    if (error.isEmpty()) {
      return Outcome.DELIVERED;
    }
    return claimed.attempts() >= policy.maxAttempts() ? Outcome.ABANDONED : Outcome.FAILED;
  }

  private static void rethrowIfFatal(Throwable failure) {
    if (io.nobill.core.internal.work.SweepItems.isFatal(failure)) {
      throw (VirtualMachineError) failure;
    }
  }

  /** Takes the message for this deliverer, or says why not. */
  private Claim claim(TenantTransaction tx, OutboxMessageId id) {
    Instant now = clock.instant();
    Optional<OutboxMessage> found = tx.outbox().find(id);
    if (found.isEmpty() || !found.get().isDue(now)) {
      return new Claim(ClaimKind.SKIPPED, null);
    }
    OutboxMessage message = found.get();
    if (!listeners.containsKey(message.listener())) {
      OutboxMessage abandoned = message.abandoned(now, "no listener named " + message.listener() + " is registered");
      tx.outbox().update(abandoned);
      failures.ifPresent(f -> f.record(tx, NAME, message.id().value().toString(), abandoned.lastError().orElseThrow(),
          Optional.of(now), true, !(message.event() instanceof BillingEvent.WorkStuck)));
      return new Claim(ClaimKind.ABANDONED, abandoned);
    }
    if (message.attempts() >= policy.maxAttempts()) {
      // Its last attempt never reported back (the process died, or ran out of memory).
      OutboxMessage dead = deadLetter(tx, message, message.lastError().orElse("the last attempt did not report back"),
          now);
      return new Claim(ClaimKind.ABANDONED, dead);
    }
    int attempt = message.attempts() + 1;
    OutboxMessage claimed = message.attempting(now.plus(policy.lease()),
        now.plus(policy.backoff(attempt, seed(message.id()))));
    tx.outbox().update(claimed);
    return new Claim(ClaimKind.CLAIMED, claimed);
  }

  /** Calls the listener; the error to record if it threw. */
  private Optional<String> call(OutboxMessage message) {
    try {
      listeners.get(message.listener()).onEvent(message.event());
      return Optional.empty();
    } catch (Throwable failure) {
      // Throwable: a listener may throw a checked exception sneakily, or an Error of its own.
      // A JVM out of memory is no place to carry on: the attempt is counted already, so the
      // message waits for its retry time and the next run delivers the others first.
      // Anything else is the listener's failure, recorded and retried.
      rethrowIfFatal(failure);
      log.warn("listener {} failed on outbox message {} (event {}, attempt {} of {}); it is retried after backoff",
          message.listener(), message.id(), message.event().key(), message.attempts(), policy.maxAttempts(), failure);
      return Optional.of(describe(failure));
    }
  }

  private void record(TenantTransaction tx, OutboxMessage claimed, Optional<String> error) {
    Instant now = clock.instant();
    OutboxMessage current = tx.outbox().find(claimed.id()).orElseThrow(() ->
        new IllegalStateException("outbox message " + claimed.id() + " disappeared while it was delivered"));
    if (current.state() != OutboxMessage.State.PENDING) {
      // Our claim ran out and another deliverer finished it first.
      return;
    }
    if (error.isEmpty()) {
      // Delivered is final and true whoever holds the claim now; the other holder will find it done.
      tx.outbox().update(current.delivered(now));
      if (current.attempts() > 1 && failures.isPresent()) {
        tx.workFailures().remove(NAME, current.id().value().toString());
      }
    } else if (current.version() == claimed.version()) {
      if (current.attempts() >= policy.maxAttempts()) {
        deadLetter(tx, current, error.get(), now);
        return;
      }
      OutboxMessage failed = current.attemptFailed(error.get());
      tx.outbox().update(failed);
      if (failures.isPresent()) {
        failures.get().record(tx, NAME, current.id().value().toString(), error.get(), Optional.of(failed.nextAttemptAt()),
            false, !(current.event() instanceof BillingEvent.WorkStuck));
      }
    }
    // Otherwise our claim ran out and another deliverer holds the message: its outcome counts.
  }

  /** Gives up on {@code message} after its last attempt failed with {@code error}. */
  private OutboxMessage deadLetter(TenantTransaction tx, OutboxMessage message, String error, Instant now) {
    String reason = TextPolicy.truncate("dead-lettered after " + message.attempts()
        + " attempts: " + error, OutboxMessage.MAX_ERROR_LENGTH);
    OutboxMessage dead = message.abandoned(now, reason);
    tx.outbox().update(dead);
    log.warn("outbox message {} of organization {} for listener {} is dead-lettered after {} attempts; last error: {}",
        message.id(), message.org(), message.listener(), message.attempts(), error);
    failures.ifPresent(f -> f.record(tx, NAME, message.id().value().toString(), error, Optional.of(now), true,
        !(message.event() instanceof BillingEvent.WorkStuck)));
    return dead;
  }

  private static long seed(OutboxMessageId id) {
    return id.value().getMostSignificantBits() * 31 + id.value().getLeastSignificantBits();
  }

  /**
   * The exception's class and message on one line, at most {@value OutboxMessage#MAX_ERROR_LENGTH}
   * characters: enough to tell what went wrong from the stored message, without a stack trace.
   */
  public static String describe(Throwable failure) {
    // A listener's message may hold anything, NUL and lone surrogates included; it is stored.
    return TextPolicy.sanitize(io.nobill.core.work.WorkFailure.describe(failure), OutboxMessage.MAX_ERROR_LENGTH);
  }

}
