package io.nobill.core.internal.work;

import io.nobill.core.work.*;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes the items one sweep found due, each in the caller's action (which opens its own
 * tenant transaction), up to {@code workers} at once. Items of different organizations are
 * independent, and a group's items (one organization's) run in order on one worker, so a
 * durable store, whose every commit waits on the disk, gets through them faster on several
 * connections than on one. With one worker the items run in order on the caller's thread.
 * NOBill's own sweeps use it; a host's own {@link Sweep} may too.
 *
 * <p>With more than one worker the calling thread is one of them and the others run on an
 * executor: the host's ({@link #of(int, Executor)}), or one this instance keeps for its life
 * ({@link #of(int)}), whose threads start when first needed and end after a minute idle. No
 * run creates threads of its own, so a {@code SweepItems} is made once and used for every run.
 */
public final class SweepItems {
  private static final Logger LOG = LoggerFactory.getLogger(SweepItems.class);
  private static final AtomicInteger THREADS = new AtomicInteger();
  private final int workers;
  private final Executor executor;

  private SweepItems(int workers, Executor executor) {
    this.workers = workers;
    this.executor = executor;
  }

  /** In order, on the caller's thread. */
  public static final SweepItems SEQUENTIAL = new SweepItems(1, null);

  /**
   * Up to {@code workers} items at once: the calling thread and up to {@code workers - 1}
   * threads of a pool this instance keeps, started when a run first needs them and ended after
   * a minute idle (daemon threads named {@code nobill-sweep-N}).
   *
   * @throws IllegalArgumentException if {@code workers} is not in 1..64
   */
  public static SweepItems of(int workers) {
    checkWorkers(workers);
    if (workers == 1) {
      return SEQUENTIAL;
    }
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "nobill-sweep-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    ThreadPoolExecutor pool = new ThreadPoolExecutor(workers - 1, workers - 1, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), factory);
    // Idle threads end, so an instance that is dropped leaves nothing running.
    pool.allowCoreThreadTimeOut(true);
    return new SweepItems(workers, pool);
  }

  /**
   * Up to {@code workers} items at once: the calling thread and up to {@code workers - 1} tasks
   * on the host's {@code executor}, which stays the host's (never shut down here). An executor
   * with fewer threads only means fewer items at once; one that refuses a task (shut down,
   * saturated) leaves its items to the calling thread. With one worker the executor is not used.
   *
   * @throws IllegalArgumentException if {@code workers} is not in 1..64
   */
  public static SweepItems of(int workers, Executor executor) {
    Objects.requireNonNull(executor, "executor");
    checkWorkers(workers);
    return workers == 1 ? SEQUENTIAL : new SweepItems(workers, executor);
  }

  private static void checkWorkers(int workers) {
    if (workers < 1 || workers > 64) {
      throw new IllegalArgumentException("sweepWorkers must be in 1..64, was " + workers);
    }
  }

  public int workers() {
    return workers;
  }

  /** How many items were done, how many failed and how many were left for another run. */
  public record Counts(int done, int failed, int skipped) {}

  /**
   * Whether {@code failure} is one that no item can be blamed for and no run should go on
   * after: the JVM out of memory or broken ({@link VirtualMachineError}). A
   * {@link StackOverflowError} is the one item's deep recursion, and an {@link InternalError}
   * is what libraries throw for "cannot happen" states: both are that item's failure like any
   * exception, and so is every other {@link Error} ({@link AssertionError}, a linkage error of
   * one code path) and a checked exception thrown sneakily.
   */
  public static boolean isFatal(Throwable failure) {
    return failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError)
        && !(failure instanceof InternalError);
  }

  /**
   * Runs {@code action} for every item; it returns whether it did the item (false: skipped,
   * left for another run). Whatever the action throws — a {@link RuntimeException}, an
   * {@link Error}, a checked exception thrown sneakily — counts the item as failed and goes to
   * {@code onFailure} (which logs and records it); the other items go on. Only a
   * {@linkplain #isFatal fatal} error stops the sweep.
   */
  public <T> Counts forEach(List<T> items, Predicate<T> action, BiConsumer<T, Throwable> onFailure) {
    return forEach(items, item -> item, action, onFailure);
  }

  /**
   * As {@link #forEach(List, Predicate, BiConsumer)}, with the items of one {@code group} (one
   * organization, say) run in their order by one worker, so that they never contend with each
   * other. Different groups run at once.
   *
   * <p>A {@linkplain #isFatal fatal} error (out of memory), an exception from
   * {@code onFailure} or an interrupt of the calling thread stops the sweep: items not yet
   * started are counted as skipped and not run, the ones under way finish, and then the error
   * is rethrown (or the interrupt flag restored). This method never returns while an item is
   * still running.
   */
  public <T> Counts forEach(List<T> items, Function<T, ?> group, Predicate<T> action,
      BiConsumer<T, Throwable> onFailure) {
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(onFailure, "onFailure");
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger skipped = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> fatal = new AtomicReference<>();
    Consumer<List<T>> run = batch -> {
      for (T item : batch) {
        // The caller's interrupt stops the items in order on its own thread; the workers see
        // it through stop.
        if (stop.get() || Thread.currentThread().isInterrupted()) {
          stop.set(true);
          skipped.incrementAndGet();
          continue;
        }
        try {
          (action.test(item) ? done : skipped).incrementAndGet();
        } catch (Throwable e) {
          if (isFatal(e)) {
            // Out of memory: nothing to go on with, and no item to blame.
            stop.set(true);
            keepWorst(fatal, e);
            continue;
          }
          // An exception, an Error of the item's own (a stack overflow, an assertion) or a
          // checked exception thrown sneakily: that item failed, the others go on.
          failed.incrementAndGet();
          try {
            onFailure.accept(item, e);
          } catch (Throwable reporting) {
            stop.set(true);
            keepWorst(fatal, reporting);
          }
        }
      }
    };
    Map<Object, List<T>> groups = new LinkedHashMap<>();
    if (workers > 1) {
      for (T item : items) {
        groups.computeIfAbsent(group.apply(item), k -> new ArrayList<>()).add(item);
      }
    }
    if (groups.size() <= 1) {
      // In order on the caller's thread: items of one group are in their order, groups too.
      run.accept(items);
    } else {
      runOnWorkers(groups.values(), run, stop);
    }
    Throwable t = fatal.get();
    if (t instanceof Error e) {
      throw e;
    }
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t != null) {
      throw new UndeclaredThrowableException(t, "a sweep item threw " + t);
    }
    return new Counts(done.get(), failed.get(), skipped.get());
  }

  /** Keeps the first failure, unless a later one is an Error and it is not: the other is suppressed. */
  private static void keepWorst(AtomicReference<Throwable> fatal, Throwable next) {
    // Rare and never hot: a lock keeps addSuppressed from running twice under contention.
    synchronized (fatal) {
      Throwable kept = fatal.get();
      if (kept == null) {
        fatal.set(next);
        return;
      }
      Throwable worse = !(kept instanceof Error) && next instanceof Error ? next : kept;
      Throwable other = worse == kept ? next : kept;
      if (other != worse) {
        worse.addSuppressed(other);
      }
      fatal.set(worse);
    }
  }

  /**
   * Runs the groups on the calling thread and up to {@code workers - 1} tasks of the executor,
   * each taking the next group until none is left. Returns once every task that started has
   * finished; a task the executor has not started by the time the groups are all taken is
   * dropped, so an executor busy with the caller itself (the one running the sweeps) never
   * deadlocks a run.
   */
  private <T> void runOnWorkers(Collection<List<T>> groups, Consumer<List<T>> run, AtomicBoolean stop) {
    Queue<List<T>> queue = new ConcurrentLinkedQueue<>(groups);
    Runnable drain = () -> {
      for (List<T> g = queue.poll(); g != null; g = queue.poll()) {
        run.accept(g);
      }
    };
    int helpers = Math.min(workers, groups.size()) - 1;
    List<Helper> handedOut = new ArrayList<>(helpers);
    try {
      for (int i = 0; i < helpers; i++) {
        Helper h = new Helper(drain);
        executor.execute(h);
        handedOut.add(h);
      }
    } catch (RejectedExecutionException refused) {
      LOG.warn("the sweep executor refused a worker ({}); its items run on the calling thread", refused.toString());
    } catch (RuntimeException | Error broken) {
      // Could not hand out the work at all (no thread could be made): stop the tasks handed
      // out, wait for them, and report it.
      stop.set(true);
      awaitAll(handedOut, stop);
      throw broken;
    }
    drain.run();
    awaitAll(handedOut, stop);
  }

  private static void awaitAll(List<Helper> handedOut, AtomicBoolean stop) {
    boolean interrupted = false;
    for (Helper h : handedOut) {
      if (h.dropIfNotStarted()) {
        continue;
      }
      while (true) {
        try {
          h.done.await();
          break;
        } catch (InterruptedException e) {
          // Items under way hold transactions and payment attempts: let them finish, start
          // no more, and restore the flag once they have.
          interrupted = true;
          stop.set(true);
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** One worker task: runs unless the caller dropped it first, and says when it is done. */
  private static final class Helper implements Runnable {
    private final AtomicBoolean taken = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Runnable body;

    Helper(Runnable body) {
      this.body = body;
    }

    @Override
    public void run() {
      if (!taken.compareAndSet(false, true)) {
        return;
      }
      try {
        body.run();
      } finally {
        done.countDown();
      }
    }

    /** True if the task had not started: it never will now. */
    boolean dropIfNotStarted() {
      return taken.compareAndSet(false, true);
    }
  }
}
