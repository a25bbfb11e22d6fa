package io.nobill.core.event;

import io.nobill.core.BillingListener;
import io.nobill.core.ConflictException;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.OutboxMessageId;
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
 *   <li>claim it in its organization's transaction: {@code claimedUntil = now + lease}. A
 *       message another deliverer holds, or finished meanwhile, is skipped — so two
 *       {@code Billing} instances over one store deliver each message once, unless a
 *       listener outlasts the lease;
 *   <li>call the listener outside any transaction, so a slow listener holds no lock;
 *   <li>in a new transaction, mark it delivered — or, if the listener threw, count the
 *       attempt, keep the error (exception class and message, at most
 *       {@value OutboxMessage#MAX_ERROR_LENGTH} characters) and schedule the retry by the
 *       {@link DeliveryPolicy}'s exponential backoff, releasing the claim.
 * </ol>
 *
 * <p>A listener that throws never breaks billing and never holds up other listeners or
 * other messages: it is logged at WARN with the message id and listener name and retried
 * later. A message for a listener no longer registered is abandoned: {@code abandonedAt} is
 * set and it is never delivered. Every application instance sharing a store must therefore
 * register the same listeners under the same names.
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

  private OutboxDelivery(BillingStore store, Clock clock, Map<String, BillingListener> listeners,
      DeliveryPolicy policy) {
    this.store = store;
    this.clock = clock;
    this.listeners = listeners;
    this.policy = policy;
  }

  /**
   * Delivery to {@code listeners} by name.
   *
   * @throws IllegalArgumentException if a name is not 1-64 characters of {@code [a-z0-9._-]}
   */
  public static OutboxDelivery create(BillingStore store, Clock clock, Map<String, BillingListener> listeners,
      DeliveryPolicy policy) {
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
    return new OutboxDelivery(store, clock, Collections.unmodifiableMap(copy), policy);
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
    } catch (RuntimeException storeFailure) {
      log.warn("outbox message {} of organization {} could not be claimed; it stays due", id, org, storeFailure);
      return Outcome.FAILED;
    }
    if (claim.kind() == ClaimKind.SKIPPED) {
      return Outcome.SKIPPED;
    }
    if (claim.kind() == ClaimKind.ABANDONED) {
      log.warn("outbox message {} of organization {} is abandoned: no listener named {} is registered",
          id, org, claim.message().listener());
      return Outcome.ABANDONED;
    }
    OutboxMessage claimed = claim.message();
    Optional<String> error = call(claimed);
    try {
      store.inTenant(org, tx -> {
        record(tx, claimed, error);
        return null;
      });
    } catch (RuntimeException storeFailure) {
      // The claim runs out and the message is delivered again: at least once, never lost.
      log.warn("the delivery of outbox message {} to listener {} could not be recorded; it is redelivered after "
          + "its claim expires", id, claimed.listener(), storeFailure);
      return Outcome.FAILED;
    }
    return error.isEmpty() ? Outcome.DELIVERED : Outcome.FAILED;
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
      return new Claim(ClaimKind.ABANDONED, abandoned);
    }
    OutboxMessage claimed = message.claimed(now.plus(policy.lease()));
    tx.outbox().update(claimed);
    return new Claim(ClaimKind.CLAIMED, claimed);
  }

  /** Calls the listener; the error to record if it threw. */
  private Optional<String> call(OutboxMessage message) {
    try {
      listeners.get(message.listener()).onEvent(message.event());
      return Optional.empty();
    } catch (Exception | Error failure) {
      // Exception, not RuntimeException: a listener may throw a checked exception sneakily.
      // A JVM out of memory is no place to carry on: the claim runs out and the message is
      // retried elsewhere. Anything else is the listener's failure, recorded and retried.
      if (failure instanceof VirtualMachineError fatal && !(failure instanceof StackOverflowError)) {
        throw fatal;
      }
      log.warn("listener {} failed on outbox message {} (event {}, attempt {}); it is retried after backoff",
          message.listener(), message.id(), message.event().key(), message.attempts() + 1, failure);
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
    } else if (current.version() == claimed.version()) {
      OutboxMessage failed = current.failed(error.get(), now.plus(policy.backoff(current.attempts() + 1)));
      tx.outbox().update(failed);
    }
    // Otherwise our claim ran out and another deliverer holds the message: its outcome counts.
  }

  /**
   * The exception's class and message on one line, at most {@value OutboxMessage#MAX_ERROR_LENGTH}
   * characters: enough to tell what went wrong from the stored message, without a stack trace.
   */
  static String describe(Throwable failure) {
    String message = failure.getMessage();
    String text = failure.getClass().getName() + (message == null || message.isBlank() ? "" : ": " + message);
    // A listener's message may hold anything, NUL and lone surrogates included; it is stored.
    return TextPolicy.sanitize(text, OutboxMessage.MAX_ERROR_LENGTH);
  }
}
