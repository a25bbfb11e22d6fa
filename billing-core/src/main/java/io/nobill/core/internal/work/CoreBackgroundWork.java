package io.nobill.core.internal.work;

import io.nobill.core.work.*;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs NOBill's sweeps — outbox delivery first, then the others in a fixed order. Either the
 * host's scheduler (a cron job, Quartz, a Kubernetes CronJob) calls {@link #runDue()}, or the
 * host hands an executor to {@link #start} and NOBill schedules the runs itself. Several
 * application instances may run their sweeps over one store at the same time: each sweep
 * claims what it processes.
 *
 * <p>Runs of one {@code BackgroundWork} never overlap: a {@code runDue()} called while
 * another run is in progress waits for it to finish. Thread-safe.
 */
public final class CoreBackgroundWork implements BackgroundWork {
  private static final Logger log = LoggerFactory.getLogger(BackgroundWork.class);

  private final List<Sweep> sweeps;
  // Held for the whole of a run: it keeps runs from overlapping and lets stop() wait for one.
  private final ReentrantLock running = new ReentrantLock();
  private final Object scheduling = new Object();
  private ScheduledFuture<?> scheduled;
  // Bumped by every start and stop, so that a scheduled run which was already on its way
  // when stop() was called sees it is stale and does nothing.
  private long generation;

  private final java.util.Optional<WorkFailures> failures;

  private CoreBackgroundWork(List<Sweep> sweeps, java.util.Optional<WorkFailures> failures) {
    this.sweeps = sweeps;
    this.failures = failures;
  }

  /**
   * Background work running {@code sweeps} in the given order.
   *
   * @throws IllegalArgumentException if a sweep's name is invalid or used twice
   */
  public static CoreBackgroundWork create(List<Sweep> sweeps) {
    return create(sweeps, java.util.Optional.empty());
  }

  /**
   * Background work running {@code sweeps} in the given order, whose failing items are
   * recorded by {@code failures}, which {@link #stuck} and {@link #retry} read and reset.
   *
   * @throws IllegalArgumentException if a sweep's name is invalid or used twice
   */
  public static CoreBackgroundWork create(List<Sweep> sweeps, java.util.Optional<WorkFailures> failures) {
    Objects.requireNonNull(failures, "failures");
    List<Sweep> copy = List.copyOf(Objects.requireNonNull(sweeps, "sweeps"));
    Set<String> names = new HashSet<>();
    for (Sweep sweep : copy) {
      if (!names.add(SweepNames.check(sweep.name()))) {
        throw new IllegalArgumentException("sweep " + sweep.name() + " is registered twice");
      }
    }
    return new CoreBackgroundWork(copy, failures);
  }

  /**
   * The work that is stuck across organizations, the longest-failing first, with its age and
   * last error: see {@link WorkFailures#stuck}. Operators only.
   *
   * @throws IllegalStateException if this work was created without failure tracking
   */
  @Override
  public List<StuckWork> stuck(io.nobill.core.access.Actor actor, int limit) {
    return tracking().stuck(actor, limit);
  }

  /**
   * Retries a stuck item, or a dead-lettered outbox message, at the next run: see
   * {@link WorkFailures#retry}. Operators only.
   *
   * @throws IllegalStateException if this work was created without failure tracking
   */
  @Override
  public void retry(io.nobill.core.access.Actor actor, io.nobill.core.id.OrgId org, String kind, String item) {
    tracking().retry(actor, org, kind, item);
  }

  private WorkFailures tracking() {
    return failures.orElseThrow(() -> new IllegalStateException("this background work does not track failures"));
  }

  /** The names of the sweeps, in the order they run. */
  @Override
  public List<String> sweeps() {
    return sweeps.stream().map(Sweep::name).toList();
  }

  /**
   * Runs every sweep once, in order. A sweep that throws — anything but a
   * {@linkplain SweepItems#isFatal fatal} error — is logged at WARN and reported in the
   * summary; the sweeps after it run anyway. A fatal error propagates, and the next run still
   * gets past what caused it: outbox messages count an attempt before their listener is
   * called.
   *
   * @throws IllegalStateException if called from inside a sweep
   */
  @Override
  public WorkSummary runDue() {
    if (running.isHeldByCurrentThread()) {
      throw new IllegalStateException("runDue cannot be called from inside a sweep");
    }
    running.lock();
    try {
      return runSweeps();
    } finally {
      running.unlock();
    }
  }

  /**
   * Runs {@link #runDue()} on {@code executor} now and then again {@code interval} after each
   * run ends. The executor stays the host's: {@link #stop} does not shut it down.
   *
   * @throws IllegalStateException if already started and not stopped since
   * @throws IllegalArgumentException if {@code interval} is not positive
   */
  @Override
  public void start(ScheduledExecutorService executor, Duration interval) {
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive");
    }
    synchronized (scheduling) {
      if (scheduled != null) {
        throw new IllegalStateException("background work is already started; stop it before starting it again");
      }
      long mine = ++generation;
      scheduled = executor.scheduleWithFixedDelay(() -> runScheduled(mine), 0, nanos(interval), TimeUnit.NANOSECONDS);
    }
    log.info("background work started: {} every {}", sweeps(), interval);
  }

  /** Whether runs are scheduled: started and not stopped since. */
  @Override
  public boolean isStarted() {
    synchronized (scheduling) {
      return scheduled != null;
    }
  }

  /**
   * Stops scheduling runs and waits up to {@code timeout} for a run in progress to finish; it
   * is not interrupted. May be called when not started, and again after a timeout.
   *
   * @return whether no run was in progress by the timeout
   * @throws IllegalStateException if called from inside a sweep, which would wait for itself
   */
  @Override
  public boolean stop(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (running.isHeldByCurrentThread()) {
      throw new IllegalStateException("stop cannot be called from inside a sweep");
    }
    synchronized (scheduling) {
      if (scheduled != null) {
        // Not interrupted: a sweep cut off halfway would leave claims to expire and work to redo.
        scheduled.cancel(false);
        scheduled = null;
        generation++;
        log.info("background work stopped");
      }
    }
    try {
      if (!running.tryLock(nanos(timeout), TimeUnit.NANOSECONDS)) {
        return false;
      }
      running.unlock();
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void runScheduled(long mine) {
    running.lock();
    try {
      synchronized (scheduling) {
        if (generation != mine) {
          return;
        }
      }
      runSweeps();
    } catch (Throwable e) {
      // An executor silently drops a periodic task that throws, and never runs it again. Even
      // a fatal error (out of memory) must not end the schedule: the item that was under way
      // counted its attempt before it started, so the next run gets past it.
      log.error("background work run failed; the next run is scheduled as usual", e);
    } finally {
      running.unlock();
    }
  }

  private WorkSummary runSweeps() {
    List<SweepOutcome> outcomes = new ArrayList<>(sweeps.size());
    for (Sweep sweep : sweeps) {
      try {
        SweepResult result = Objects.requireNonNull(sweep.run(), "the result of sweep " + sweep.name());
        outcomes.add(SweepOutcome.completed(sweep.name(), result));
        log.debug("sweep {}: {}", sweep.name(), result);
      } catch (Throwable failure) {
        rethrowIfFatal(failure);
        log.warn("sweep {} failed; the sweeps after it run anyway", sweep.name(), failure);
        outcomes.add(SweepOutcome.failed(sweep.name(), failure));
      }
    }
    return new WorkSummary(outcomes);
  }

  // A JVM out of memory or broken is no place to carry on; a stack overflow or an internal
  // error is only the sweep's own problem.
  private static void rethrowIfFatal(Throwable failure) {
    if (SweepItems.isFatal(failure)) {
      throw (VirtualMachineError) failure;
    }
  }

  private static long nanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}
