package io.nobill.core.work;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Processes the items one sweep found due, each in the caller's action (which opens its own
 * tenant transaction), on up to {@code workers} threads at once. A sweep's items are
 * independent — different organizations, or the same one serialized by its transaction lock —
 * so a durable store, whose every commit waits on the disk, gets through them faster on
 * several connections than on one. With one worker the items run in order on the caller's
 * thread. NOBill's own sweeps use it; a host's own {@link Sweep} may too.
 */
public final class SweepItems {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private final int workers;

  private SweepItems(int workers) {
    this.workers = workers;
  }

  /** In order, on the caller's thread. */
  public static final SweepItems SEQUENTIAL = new SweepItems(1);

  /**
   * Up to {@code workers} items at once.
   *
   * @throws IllegalArgumentException if {@code workers} is not in 1..64
   */
  public static SweepItems of(int workers) {
    if (workers < 1 || workers > 64) {
      throw new IllegalArgumentException("sweepWorkers must be in 1..64, was " + workers);
    }
    return workers == 1 ? SEQUENTIAL : new SweepItems(workers);
  }

  public int workers() {
    return workers;
  }

  /** How many items were done, how many failed and how many were left for another run. */
  public record Counts(int done, int failed, int skipped) {}

  /**
   * Runs {@code action} for every item; it returns whether it did the item (false: skipped,
   * left for another run). A {@link RuntimeException} counts the item as failed and goes to
   * {@code onFailure} (which logs it); the other items go on. An {@link Error} is rethrown once
   * the items under way have finished.
   */
  public <T> Counts forEach(List<T> items, Predicate<T> action, BiConsumer<T, RuntimeException> onFailure) {
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(onFailure, "onFailure");
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger skipped = new AtomicInteger();
    Consumer<T> one = item -> {
      try {
        (action.test(item) ? done : skipped).incrementAndGet();
      } catch (RuntimeException e) {
        failed.incrementAndGet();
        onFailure.accept(item, e);
      }
    };
    if (workers == 1 || items.size() <= 1) {
      items.forEach(one);
      return new Counts(done.get(), failed.get(), skipped.get());
    }
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "nobill-sweep-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, items.size()), factory);
    try {
      List<Future<?>> futures = items.stream().<Future<?>>map(item -> pool.submit(() -> one.accept(item))).toList();
      Error error = null;
      boolean interrupted = false;
      for (Future<?> f : futures) {
        while (true) {
          try {
            f.get();
            break;
          } catch (InterruptedException e) {
            // Items under way hold transactions: let them finish, then restore the flag.
            interrupted = true;
          } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err && error == null) {
              error = err;
            }
            break;
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (error != null) {
        throw error;
      }
      return new Counts(done.get(), failed.get(), skipped.get());
    } finally {
      pool.shutdown();
    }
  }
}
