package io.nobill.testing;

import io.nobill.core.id.OrgId;
import io.nobill.core.id.PaymentId;
import io.nobill.core.spi.PaymentCollector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * A fake {@link PaymentCollector} for tests: it moves no money and answers what the test scripted.
 *
 * <p>Unscripted, every collection succeeds. A test scripts outcomes per organization:
 * <ul>
 *   <li>one attempt at a time — {@link #declineNext(OrgId, String)}, {@link #pendNext(OrgId)},
 *       {@link #succeedAfter(OrgId, int, String)} — queued and used in order, and
 *   <li>a standing rule for every later attempt — {@link #failAlways(OrgId, String)},
 *       {@link #pendAlways(OrgId)}, {@link #succeedAlways(OrgId)},
 *       {@link #respondWith(OrgId, Function)};
 * </ul>
 * and for every organization with {@link #respondWith(Function)}. An attempt takes the first of:
 * the organization's next queued outcome, its standing rule, the rule for every organization,
 * success. A script function may throw, to play a collector that fails outright; the exception
 * reaches billing as it would from a real collector.
 *
 * <p>A success's payment id is derived from the request's idempotency key (as
 * {@code SimulatedCardCollector} does), so the same script gives the same ids on every run, and
 * retrying an attempt yields the same payment.
 *
 * <p>Every request is kept, in the order it arrived, for the test to read back with
 * {@link #requests()}. Thread-safe: billing may call it from several sweep workers while the
 * test scripts it; a script function is called outside the collector's lock, so a slow one
 * holds up only its own attempt.
 */
public final class ScriptedPaymentCollector implements PaymentCollector {
  private final Object lock = new Object();
  private final Map<OrgId, Deque<Queued>> queued = new HashMap<>();
  private final Map<OrgId, Function<CollectionRequest, Result>> standing = new HashMap<>();
  private Function<CollectionRequest, Result> everyone = ScriptedPaymentCollector::succeed;
  private final List<CollectionRequest> requests = new ArrayList<>();

  /** A collector on which every collection succeeds until scripted otherwise. */
  public ScriptedPaymentCollector() {}

  /** The outcome that succeeds with the payment id derived from the request's idempotency key. */
  public static Result succeed(CollectionRequest request) {
    Objects.requireNonNull(request, "request");
    return new Result.Succeeded(PaymentId.of(
        UUID.nameUUIDFromBytes(request.idempotencyKey().getBytes(StandardCharsets.UTF_8))));
  }

  /**
   * The organization's next attempt fails with {@code code} (e.g. {@code card_declined});
   * called again, the attempt after it too.
   *
   * @throws IllegalArgumentException if {@code code} is blank
   */
  public ScriptedPaymentCollector declineNext(OrgId org, String code) {
    Result.Failed failed = failure(code);
    return queue(org, 1, r -> failed);
  }

  /** The organization's next attempt is left pending, as for a bank transfer. */
  public ScriptedPaymentCollector pendNext(OrgId org) {
    return queue(org, 1, r -> new Result.Pending());
  }

  /**
   * The organization's next {@code failures} attempts fail with {@code code}, and every attempt
   * after them succeeds (replacing its standing rule): a card that is declined, then replaced.
   *
   * @throws IllegalArgumentException if {@code failures} is negative or {@code code} is blank
   */
  public ScriptedPaymentCollector succeedAfter(OrgId org, int failures, String code) {
    Objects.requireNonNull(org, "org");
    Result.Failed failed = failure(code);
    if (failures < 0) {
      throw new IllegalArgumentException("failures must not be negative, was " + failures);
    }
    synchronized (lock) {
      queue(org, failures, r -> failed);
      standing.put(org, ScriptedPaymentCollector::succeed);
    }
    return this;
  }

  /**
   * Every attempt for the organization fails with {@code code} once its queued outcomes are
   * used, until another standing rule replaces this one.
   *
   * @throws IllegalArgumentException if {@code code} is blank
   */
  public ScriptedPaymentCollector failAlways(OrgId org, String code) {
    Result.Failed failed = failure(code);
    return stand(org, r -> failed);
  }

  /** Every attempt for the organization is left pending once its queued outcomes are used. */
  public ScriptedPaymentCollector pendAlways(OrgId org) {
    return stand(org, r -> new Result.Pending());
  }

  /** Every attempt for the organization succeeds once its queued outcomes are used. */
  public ScriptedPaymentCollector succeedAlways(OrgId org) {
    return stand(org, ScriptedPaymentCollector::succeed);
  }

  /**
   * The organization's attempts are answered by {@code script} once its queued outcomes are used;
   * {@code script} may throw. It must not return {@code null}.
   */
  public ScriptedPaymentCollector respondWith(OrgId org, Function<CollectionRequest, Result> script) {
    Objects.requireNonNull(script, "script");
    return stand(org, script);
  }

  /**
   * Attempts of organizations with neither a queued outcome nor a standing rule are answered by
   * {@code script} instead of succeeding; {@code script} may throw. It must not return {@code null}.
   */
  public ScriptedPaymentCollector respondWith(Function<CollectionRequest, Result> script) {
    Objects.requireNonNull(script, "script");
    synchronized (lock) {
      everyone = script;
    }
    return this;
  }

  /** Forgets every script (every collection succeeds again); the requests received are kept. */
  public ScriptedPaymentCollector reset() {
    synchronized (lock) {
      queued.clear();
      standing.clear();
      everyone = ScriptedPaymentCollector::succeed;
    }
    return this;
  }

  /** Every request received so far, in the order they arrived. */
  public List<CollectionRequest> requests() {
    synchronized (lock) {
      return List.copyOf(requests);
    }
  }

  /** The requests received so far for {@code org}, in the order they arrived. */
  public List<CollectionRequest> requests(OrgId org) {
    Objects.requireNonNull(org, "org");
    synchronized (lock) {
      return requests.stream().filter(r -> r.org().equals(org)).toList();
    }
  }

  /** How many of the organization's queued outcomes are still to be used. */
  public long queued(OrgId org) {
    Objects.requireNonNull(org, "org");
    synchronized (lock) {
      Deque<Queued> q = queued.get(org);
      return q == null ? 0 : q.stream().mapToLong(Queued::remaining).sum();
    }
  }

  @Override
  public Result collect(CollectionRequest request) {
    Objects.requireNonNull(request, "request");
    Function<CollectionRequest, Result> script;
    synchronized (lock) {
      requests.add(request);
      Deque<Queued> q = queued.get(request.org());
      if (q != null && !q.isEmpty()) {
        Queued next = q.removeFirst();
        if (next.remaining() > 1) {
          q.addFirst(new Queued(next.outcome(), next.remaining() - 1));
        }
        script = next.outcome();
      } else {
        script = Optional.ofNullable(standing.get(request.org())).orElse(everyone);
      }
    }
    Result result = script.apply(request);
    if (result == null) {
      throw new IllegalStateException("the script for " + request.org() + " returned no result for "
          + request.idempotencyKey());
    }
    return result;
  }

  private ScriptedPaymentCollector queue(OrgId org, int times, Function<CollectionRequest, Result> outcome) {
    Objects.requireNonNull(org, "org");
    synchronized (lock) {
      if (times > 0) {
        queued.computeIfAbsent(org, o -> new ArrayDeque<>()).addLast(new Queued(outcome, times));
      }
    }
    return this;
  }

  private ScriptedPaymentCollector stand(OrgId org, Function<CollectionRequest, Result> rule) {
    Objects.requireNonNull(org, "org");
    synchronized (lock) {
      standing.put(org, rule);
    }
    return this;
  }

  /** One scripted outcome for the next {@code remaining} attempts (a count, so a large one costs nothing). */
  private record Queued(Function<CollectionRequest, Result> outcome, int remaining) {}

  private static Result.Failed failure(String code) {
    Objects.requireNonNull(code, "code");
    if (code.isBlank()) {
      throw new IllegalArgumentException("a decline code must not be blank");
    }
    return new Result.Failed(code);
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "ScriptedPaymentCollector[" + requests.size() + " requests received]";
    }
  }
}
