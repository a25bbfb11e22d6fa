package io.nobill.core.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.internal.work.SweepItems;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SweepItemsTest {

  @Test
  void everyItemRunsOnceAndFailuresAndSkipsAreCountedWithoutStoppingTheOthers() {
    List<Integer> items = IntStream.range(0, 500).boxed().toList();
    Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
    Set<Integer> reported = ConcurrentHashMap.newKeySet();
    SweepItems.Counts counts = SweepItems.of(4).forEach(items, i -> {
      runs.computeIfAbsent(i, k -> new AtomicInteger()).incrementAndGet();
      if (i % 50 == 7) {
        throw new IllegalStateException("item " + i);
      }
      return i % 50 != 9;   // a busy item, left for another run
    }, (i, e) -> {
      assertThat(e).hasMessage("item " + i);
      reported.add(i);
    });
    assertThat(counts).isEqualTo(new SweepItems.Counts(480, 10, 10));
    assertThat(runs).hasSize(500);
    assertThat(runs.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(reported).containsExactlyInAnyOrder(7, 57, 107, 157, 207, 257, 307, 357, 407, 457);
  }

  @Test
  void severalWorkersReallyRunAtOnce() {
    // Two items that each wait for the other can only finish if they run at the same time.
    CountDownLatch both = new CountDownLatch(2);
    SweepItems.Counts counts = SweepItems.of(2).forEach(List.of(1, 2), i -> {
      both.countDown();
      try {
        if (!both.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the other item never started");
        }
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return true;
    }, (i, e) -> { });
    assertThat(counts).isEqualTo(new SweepItems.Counts(2, 0, 0));
  }

  @Test
  void oneWorkerRunsInOrderOnTheCallingThread() {
    Thread caller = Thread.currentThread();
    List<Integer> seen = new java.util.ArrayList<>();
    SweepItems.SEQUENTIAL.forEach(List.of(3, 1, 2), i -> {
      assertThat(Thread.currentThread()).isSameAs(caller);
      return seen.add(i);
    }, (i, e) -> { });
    assertThat(seen).containsExactly(3, 1, 2);
  }

  @Test
  void anErrorStopsTheSweepAndIsRethrownOnceTheItemsUnderWayFinish() {
    List<Integer> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
    // Two groups; the first one's second item fails hard: its third item must not run.
    assertThatThrownBy(() -> SweepItems.of(2).forEach(List.of(1, 2, 3, 10), i -> i < 10 ? "a" : "b", i -> {
      if (i == 2) {
        throw new OutOfMemoryError("simulated");
      }
      return ran.add(i);
    }, (i, e) -> { })).isInstanceOf(OutOfMemoryError.class).hasMessage("simulated");
    assertThat(ran).contains(1).doesNotContain(3);
  }

  @Test
  void anItemsGroupRunsInOrderOnOneWorkerAndNeverAlongsideItself() {
    List<Integer> items = IntStream.range(0, 300).boxed().toList();
    Map<Integer, List<Integer>> order = new ConcurrentHashMap<>();
    Map<Integer, AtomicInteger> running = new ConcurrentHashMap<>();
    AtomicInteger overlaps = new AtomicInteger();
    SweepItems.Counts counts = SweepItems.of(4).forEach(items, i -> i % 3, i -> {
      AtomicInteger r = running.computeIfAbsent(i % 3, k -> new AtomicInteger());
      if (r.incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
      order.computeIfAbsent(i % 3, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(i);
      Thread.onSpinWait();
      r.decrementAndGet();
      return true;
    }, (i, e) -> { });
    assertThat(counts).isEqualTo(new SweepItems.Counts(300, 0, 0));
    assertThat(overlaps).hasValue(0);
    for (int g = 0; g < 3; g++) {
      int group = g;
      assertThat(order.get(g)).isEqualTo(items.stream().filter(i -> i % 3 == group).toList());
    }
  }

  @Test
  void anInterruptStartsNoMoreItemsLetsTheRunningOnesFinishAndKeepsTheFlag() throws Exception {
    CountDownLatch started = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
    SweepItems.Counts[] counts = new SweepItems.Counts[1];
    boolean[] flag = new boolean[1];
    Thread caller = new Thread(() -> {
      counts[0] = SweepItems.of(2).forEach(List.of("a1", "a2", "b1", "b2"), s -> s.charAt(0), s -> {
        if (s.endsWith("1")) {
          started.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return ran.add(s);
      }, (s, e) -> { });
      flag[0] = Thread.currentThread().isInterrupted();
    });
    caller.start();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    caller.interrupt();
    Thread.sleep(100);
    release.countDown();
    caller.join(10_000);
    assertThat(ran).containsExactlyInAnyOrder("a1", "b1");
    assertThat(counts[0]).isEqualTo(new SweepItems.Counts(2, 0, 2));
    assertThat(flag[0]).isTrue();
  }

  @Test
  void workersOutsideOneToSixtyFourAreRefused() {
    assertThatThrownBy(() -> SweepItems.of(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sweepWorkers must be in 1..64, was 0");
    assertThatThrownBy(() -> SweepItems.of(65)).isInstanceOf(IllegalArgumentException.class);
    assertThat(SweepItems.of(1)).isSameAs(SweepItems.SEQUENTIAL);
  }
  @Test
  void anInterruptedCallerRunsNoMoreItemsInOrderEither() {
    List<Integer> ran = new java.util.ArrayList<>();
    SweepItems.Counts counts = SweepItems.SEQUENTIAL.forEach(List.of(1, 2, 3), i -> {
      ran.add(i);
      if (i == 1) {
        Thread.currentThread().interrupt();
      }
      return true;
    }, (i, e) -> { });
    boolean interrupted = Thread.interrupted();   // reads and clears the flag for the next test
    assertThat(interrupted).isTrue();
    assertThat(ran).containsExactly(1);
    assertThat(counts).isEqualTo(new SweepItems.Counts(1, 0, 2));
  }

  @Test
  void anyFailureOfOneItemButAFatalOneIsCountedAndTheOthersGoOnOnWorkersAndInOrder() {
    for (SweepItems items : List.of(SweepItems.SEQUENTIAL, SweepItems.of(2))) {
      List<Integer> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
      Map<Integer, Throwable> reported = new ConcurrentHashMap<>();
      SweepItems.Counts counts = items.forEach(List.of(1, 2, 3, 4, 5, 6, 10), i -> i < 10 ? "a" : "b", i -> {
        switch (i) {
          case 1 -> SweepItemsTest.<RuntimeException>sneaky(new java.io.IOException("disk"));
          case 2 -> throw new InternalError("listener bug");
          case 3 -> throw new StackOverflowError();
          case 4 -> throw new AssertionError("invariant");
          case 5 -> throw new IllegalStateException("state");
          default -> { }
        }
        return ran.add(i);
      }, reported::put);
      assertThat(counts).isEqualTo(new SweepItems.Counts(2, 5, 0));
      assertThat(ran).containsExactlyInAnyOrder(6, 10);
      assertThat(reported.get(1)).isInstanceOf(java.io.IOException.class);
      assertThat(reported.get(2)).isInstanceOf(InternalError.class);
      assertThat(reported.get(3)).isInstanceOf(StackOverflowError.class);
      assertThat(reported.get(4)).isInstanceOf(AssertionError.class);
      assertThat(reported.get(5)).isInstanceOf(IllegalStateException.class);
    }
    assertThat(SweepItems.isFatal(new OutOfMemoryError())).isTrue();
    assertThat(SweepItems.isFatal(new InternalError())).isFalse();
    assertThat(SweepItems.isFatal(new StackOverflowError())).isFalse();
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> void sneaky(Throwable t) throws E {
    throw (E) t;
  }
}
