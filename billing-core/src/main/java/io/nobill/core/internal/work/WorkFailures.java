package io.nobill.core.internal.work;

import io.nobill.core.access.AccessDeniedException;
import io.nobill.core.access.Actor;
import io.nobill.core.access.Permission;
import io.nobill.core.audit.AuditTarget;
import io.nobill.core.audit.AuditTrail;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.event.BillingEvent;
import io.nobill.core.id.OrgId;
import io.nobill.core.internal.access.Access;
import io.nobill.core.internal.audit.CoreAuditTrail;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.PlatformTransaction;
import io.nobill.core.spi.TenantTransaction;
import io.nobill.core.work.*;
import io.nobill.core.work.FailurePolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What keeps one failing item of background work from stopping the rest, and from going
 * unnoticed. Each item that fails gets a {@link WorkFailure} record in its organization's
 * store — kind of work, item, first failure, failures in a row, last error (class and message
 * only) — written in a transaction of its own after the item's transaction rolled back, and
 * removed when the item next succeeds. A failing item is passed over until its backoff
 * ({@link FailurePolicy#backoff}) has passed, so it neither holds up the items after it nor is
 * retried in a tight loop. When an item has failed {@link FailurePolicy#stuckAfter} times in a row,
 * a WARN is logged and one {@link BillingEvent.WorkStuck} is raised through the outbox;
 * operators list what is stuck with {@link #stuck} and retry it with {@link #retry}.
 *
 * <p>Sweep items are retried for as long as they fail (a renewal must happen eventually);
 * outbox messages are dead-lettered after their {@code DeliveryPolicy}'s maximum attempts and
 * then wait for an operator's retry.
 */
public final class WorkFailures {

  private static final Logger log = LoggerFactory.getLogger(WorkFailures.class);
  /** The most items {@link #stuck} lists at once. */
  public static final int MAX_LIST = 1_000;

  /** What an operator's retry of a given-up item of one kind does, in its organization's transaction. */
  @FunctionalInterface
  public interface Retry {
    void retry(TenantTransaction tx, String item);
  }

  private final BillingStore store;
  private final Clock clock;
  private final FailurePolicy policy;
  private final BiConsumer<TenantTransaction, BillingEvent> outbox;
  private final CoreAuditTrail audit;
  private final Map<String, Retry> retries = new ConcurrentHashMap<>();

  private WorkFailures(BillingStore store, Clock clock, FailurePolicy policy, BiConsumer<TenantTransaction, BillingEvent> outbox) {
    this.store = store;
    this.clock = clock;
    this.policy = policy;
    this.outbox = outbox;
    this.audit = CoreAuditTrail.create(store, clock);
  }

  /** Failure tracking over {@code store}, raising {@link BillingEvent.WorkStuck} through {@code outbox}. */
  public static WorkFailures create(BillingStore store, Clock clock, FailurePolicy policy,
      BiConsumer<TenantTransaction, BillingEvent> outbox) {
    return new WorkFailures(Objects.requireNonNull(store, "store"), Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(outbox, "outbox"));
  }

  public FailurePolicy policy() {
    return policy;
  }

  /** Registers what {@link #retry} does for items of {@code kind} besides clearing their backoff. */
  public void onRetry(String kind, Retry retry) {
    retries.put(SweepNames.check(kind), Objects.requireNonNull(retry, "retry"));
  }

  /**
   * Runs {@code action} for each due item as {@link SweepItems#forEach(List, Function, Predicate,
   * java.util.function.BiConsumer)} does (one organization's items in order), passing over the
   * items whose backoff has not passed (counted as skipped), recording each failure and clearing
   * the record of an item that succeeds.
   */
  public <T> SweepItems.Counts forEach(SweepItems items, String kind, List<T> due, Function<T, OrgId> org,
      Function<T, String> item, Predicate<T> action) {
    Objects.requireNonNull(items, "items");
    SweepNames.check(kind);
    Objects.requireNonNull(due, "due");
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(action, "action");
    Instant now = clock.instant();
    // One platform read per run; only organizations that have failing items of this kind and
    // items due now are read further, each in its own transaction. A healthy run reads nothing more.
    Map<Map.Entry<OrgId, String>, WorkFailure> failing = new HashMap<>();
    if (!due.isEmpty()) {
      java.util.Set<OrgId> dueOrgs = new java.util.HashSet<>();
      due.forEach(t -> dueOrgs.add(org.apply(t)));
      for (OrgId o : store.inPlatform(tx -> tx.organizationsWithWorkFailures(Optional.of(kind), 1,
          PlatformTransaction.MAX_PAGE))) {
        if (dueOrgs.contains(o)) {
          for (WorkFailure f : store.inTenant(o, tx -> tx.workFailures().list(Optional.of(kind), 1,
              PlatformTransaction.MAX_PAGE))) {
            failing.put(Map.entry(o, f.item()), f);
          }
        }
      }
    }
    List<T> runnable = new ArrayList<>(due.size());
    int waiting = 0;
    for (T t : due) {
      WorkFailure f = failing.get(Map.entry(org.apply(t), item.apply(t)));
      if (f != null && f.nextAttemptAt().isAfter(now)) {
        waiting++;
      } else {
        runnable.add(t);
      }
    }
    SweepItems.Counts counts = items.forEach(runnable, org, t -> {
      boolean done = action.test(t);
      if (done && failing.containsKey(Map.entry(org.apply(t), item.apply(t)))) {
        succeeded(org.apply(t), kind, item.apply(t));
      }
      return done;
    }, (t, e) -> failed(org.apply(t), kind, item.apply(t), e));
    return new SweepItems.Counts(counts.done(), counts.failed(), counts.skipped() + waiting);
  }

  /**
   * Records that {@code item} failed with {@code error}, in a transaction of its own, and logs
   * it at WARN. A failure to record is logged too and otherwise ignored: the item is retried
   * either way.
   */
  public void failed(OrgId org, String kind, String item, Throwable error) {
    Objects.requireNonNull(error, "error");
    String described = WorkFailure.describe(error);
    log.warn("{} of {} in organization {} failed; it is retried after backoff", kind, item, org, error);
    try {
      store.inTenant(org, tx -> record(tx, kind, item, described, Optional.empty(), false, true));
    } catch (Throwable recording) {
      if (SweepItems.isFatal(recording)) {
        throw recording;
      }
      log.warn("the failure of {} of {} in organization {} could not be recorded", kind, item, org, recording);
    }
  }

  /** Removes the failure record of an item that succeeded, in a transaction of its own. */
  private void succeeded(OrgId org, String kind, String item) {
    try {
      store.inTenant(org, tx -> {
        tx.workFailures().remove(kind, item);
        return null;
      });
    } catch (RuntimeException e) {
      log.warn("{} of {} in organization {} succeeded, but its failure record could not be removed", kind, item, org, e);
    }
  }

  /**
   * Records one more failure of {@code item} inside a running transaction: its backoff from
   * the policy unless {@code nextAttemptAt} is given; {@code gaveUp} when no automatic retry
   * follows. The failure that makes the item stuck — the {@link FailurePolicy#stuckAfter}-th in a
   * row, or the one it is given up at, whichever comes first — is logged at WARN and, when
   * {@code raise}, raised as one {@link BillingEvent.WorkStuck}.
   */
  public WorkFailure record(TenantTransaction tx, String kind, String item, String error, Optional<Instant> nextAttemptAt,
      boolean gaveUp, boolean raise) {
    Objects.requireNonNull(tx, "tx");
    Instant now = clock.instant();
    Optional<WorkFailure> before = tx.workFailures().find(kind, item);
    int failures = before.map(f -> f.failures() + 1).orElse(1);
    WorkFailure failure = new WorkFailure(tx.org(), kind, item, before.map(WorkFailure::firstFailureAt).orElse(now), now,
        failures, io.nobill.core.text.TextPolicy.truncate(error, WorkFailure.MAX_ERROR_LENGTH), nextAttemptAt.orElse(now.plus(policy.backoff(failures))), gaveUp);
    tx.workFailures().put(failure);
    boolean wasStuck = before.map(f -> f.gaveUp() || f.failures() >= policy.stuckAfter()).orElse(false);
    boolean isStuck = gaveUp || failures >= policy.stuckAfter();
    if (isStuck && !wasStuck) {
      log.warn("{} of {} in organization {} is stuck: {} failures in a row since {}{}; last error: {}", kind, item,
          tx.org(), failures, failure.firstFailureAt(), gaveUp ? ", given up" : "", failure.lastError());
      if (raise) {
        outbox.accept(tx, new BillingEvent.WorkStuck(stuckKey(kind, item, failure.firstFailureAt()), tx.org(), now, kind,
            item, failure.firstFailureAt(), failures, failure.lastError()));
      }
    }
    return failure;
  }

  /** Stable per run of failures, and within the event key's 255 characters whatever the item. */
  private static String stuckKey(String kind, String item, Instant since) {
    return "work-stuck:" + kind + ":" + UUID.nameUUIDFromBytes((item + "|" + since).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The work that is stuck across organizations — items that failed at least
   * {@link FailurePolicy#stuckAfter} times in a row, or were given up — the longest-failing first,
   * with their age and last error. Needs the platform permission {@code work.read} (operators).
   *
   * @throws InvalidRequestException naming {@code limit} if it is not in 1..{@value #MAX_LIST}
   * @throws AccessDeniedException if the actor is not an operator
   */
  public List<StuckWork> stuck(Actor actor, int limit) {
    Access.requirePlatform(actor, Permission.WORK_READ);
    InvalidRequestException.require(limit >= 1 && limit <= MAX_LIST, "limit", "must be in 1.." + MAX_LIST);
    Instant now = clock.instant();
    List<WorkFailure> found = new ArrayList<>();
    for (OrgId o : store.inPlatform(tx -> tx.organizationsWithWorkFailures(Optional.empty(), policy.stuckAfter(), limit))) {
      // Read in its own organization's transaction.
      found.addAll(store.inTenant(o, tx -> tx.workFailures().list(Optional.empty(), policy.stuckAfter(), limit)));
    }
    found.sort(java.util.Comparator.comparing(WorkFailure::firstFailureAt)
        .thenComparing(WorkFailure::org, io.nobill.core.id.TypedId.ORDER)
        .thenComparing(WorkFailure::kind).thenComparing(WorkFailure::item));
    List<StuckWork> stuck = new ArrayList<>();
    for (WorkFailure f : found.subList(0, Math.min(limit, found.size()))) {
      stuck.add(new StuckWork(f, f.age(now)));
    }
    return stuck;
  }

  /**
   * Retries a stuck item at the next run: its failure record is cleared (so its backoff with
   * it, and an item that is no longer due leaves the list) and, for a given-up item (a
   * dead-lettered outbox message), automatic delivery resumes. Should it fail again, it
   * starts a new record. Audited in the organization's trail as {@code work.retried}, with
   * the failures and last error it had. Needs the platform permission {@code work.manage}
   * (operators).
   *
   * @throws NotFoundException if the organization has no failure record of that kind and item
   * @throws AccessDeniedException if the actor is not an operator
   */
  public void retry(Actor actor, OrgId org, String kind, String item) {
    Access.requirePlatform(actor, Permission.WORK_MANAGE);
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(item, "item");
    store.inTenant(org, tx -> {
      WorkFailure f = tx.workFailures().find(kind, item)
          .orElseThrow(() -> new NotFoundException("failing work", kind + " " + item));
      Retry retry = retries.get(kind);
      if (retry != null) {
        retry.retry(tx, item);
      }
      tx.workFailures().remove(kind, item);
      audit.record(tx, actor, "work.retried", new AuditTarget(kind, item),
          Map.of("failures", Integer.toString(f.failures()), "gaveUp", Boolean.toString(f.gaveUp()),
              "since", f.firstFailureAt().toString(), "lastError", f.lastError()), Map.of());
      return null;
    });
  }

}
