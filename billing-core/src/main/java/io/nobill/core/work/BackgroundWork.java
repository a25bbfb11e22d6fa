package io.nobill.core.work;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

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
public interface BackgroundWork {

  /**
   * The work that is stuck across organizations, the longest-failing first, with its age and
   * last error: see {@link #stuck}. Operators only.
   *
   * @throws IllegalStateException if this work was created without failure tracking
   */
  List<StuckWork> stuck(io.nobill.core.access.Actor actor, int limit);

  /**
   * Retries a stuck item, or a dead-lettered outbox message, at the next run: see
   * {@link #retry}. Operators only.
   *
   * @throws IllegalStateException if this work was created without failure tracking
   */
  void retry(io.nobill.core.access.Actor actor, io.nobill.core.id.OrgId org, String kind, String item);

  /** The names of the sweeps, in the order they run. */
  List<String> sweeps();

  /**
   * Runs every sweep once, in order. A sweep that throws — anything but a fatal error (a
   * {@link VirtualMachineError} such as running out of memory) — is logged at WARN and reported
   * in the summary; the sweeps after it run anyway. A fatal error propagates, and the next run still
   * gets past what caused it: outbox messages count an attempt before their listener is
   * called.
   *
   * @throws IllegalStateException if called from inside a sweep
   */
  WorkSummary runDue();

  /**
   * Runs {@link #runDue()} on {@code executor} now and then again {@code interval} after each
   * run ends. The executor stays the host's: {@link #stop} does not shut it down.
   *
   * @throws IllegalStateException if already started and not stopped since
   * @throws IllegalArgumentException if {@code interval} is not positive
   */
  void start(ScheduledExecutorService executor, Duration interval);

  /** Whether runs are scheduled: started and not stopped since. */
  boolean isStarted();

  /**
   * Stops scheduling runs and waits up to {@code timeout} for a run in progress to finish; it
   * is not interrupted. May be called when not started, and again after a timeout.
   *
   * @return whether no run was in progress by the timeout
   * @throws IllegalStateException if called from inside a sweep, which would wait for itself
   */
  boolean stop(Duration timeout);
}
