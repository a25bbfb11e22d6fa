package io.nobill.core.work;

import io.nobill.core.internal.work.CoreBackgroundWork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackgroundWorkTest {
  private static final Duration SHORT = Duration.ofMillis(1);
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private final List<String> ran = new CopyOnWriteArrayList<>();

  @AfterEach
  void shutDown() {
    executor.shutdownNow();
  }

  private Sweep recording(String name) {
    return Sweep.of(name, () -> {
      ran.add(name);
      return new SweepResult(1, 0, 0);
    });
  }

  @Test
  void runDueRunsEverySweepOnceInTheirOrder() {
    CoreBackgroundWork work = CoreBackgroundWork.create(List.of(recording("outbox-delivery"), recording("trials"),
        recording("invoicing")));

    WorkSummary first = work.runDue();
    work.runDue();

    assertThat(work.sweeps()).containsExactly("outbox-delivery", "trials", "invoicing");
    assertThat(ran).containsExactly("outbox-delivery", "trials", "invoicing", "outbox-delivery", "trials", "invoicing");
    assertThat(first.outcomes()).extracting(SweepOutcome::sweep).containsExactly("outbox-delivery", "trials", "invoicing");
    assertThat(first.outcome("trials").orElseThrow().result()).contains(new SweepResult(1, 0, 0));
    assertThat(first.allSucceeded()).isTrue();
    assertThat(first.failedSweeps()).isEmpty();
  }

  @Test
  void aFailingSweepIsReportedAndTheNextOnesRunAnyway() {
    IllegalStateException boom = new IllegalStateException("database unavailable");
    AssertionError bug = new AssertionError("a bug in a sweep");
    CoreBackgroundWork work = CoreBackgroundWork.create(List.of(recording("first"), Sweep.of("throws", () -> {
      throw boom;
    }), Sweep.of("errs", () -> {
      throw bug;
    }), recording("last")));

    WorkSummary summary = work.runDue();

    assertThat(ran).containsExactly("first", "last");
    assertThat(summary.failedSweeps()).containsExactly("throws", "errs");
    assertThat(summary.outcome("throws").orElseThrow().failure()).containsSame(boom);
    assertThat(summary.outcome("errs").orElseThrow().failure()).containsSame(bug);
    assertThat(summary.outcome("last").orElseThrow().failed()).isFalse();
    assertThat(summary.allSucceeded()).isFalse();
  }

  @Test
  void startRunsTheSweepsRepeatedlyAndSurvivesAFailingOne() throws Exception {
    CountDownLatch threeRuns = new CountDownLatch(3);
    CoreBackgroundWork work = CoreBackgroundWork.create(List.of(Sweep.of("throws", () -> {
      throw new IllegalStateException("always");
    }), Sweep.of("counts", () -> {
      threeRuns.countDown();
      return SweepResult.NONE;
    })));

    work.start(executor, SHORT);

    assertThat(threeRuns.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(work.isStarted()).isTrue();
    assertThat(work.stop(PATIENCE)).isTrue();
    assertThat(work.isStarted()).isFalse();
  }

  @Test
  void startingTwiceIsAWiringMistakeButStartingAfterStopIsFine() throws Exception {
    CountDownLatch ranAgain = new CountDownLatch(1);
    AtomicBoolean restarted = new AtomicBoolean();
    CoreBackgroundWork work = CoreBackgroundWork.create(List.of(Sweep.of("sweep", () -> {
      if (restarted.get()) {
        ranAgain.countDown();
      }
      return SweepResult.NONE;
    })));
    work.start(executor, SHORT);

    assertThatThrownBy(() -> work.start(executor, SHORT))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");

    assertThat(work.stop(PATIENCE)).isTrue();
    restarted.set(true);
    work.start(executor, SHORT);
    assertThat(ranAgain.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(work.stop(PATIENCE)).isTrue();
  }

  @Test
  void stopWaitsForTheRunInProgressToFinish() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    AtomicInteger runs = new AtomicInteger();
    CoreBackgroundWork work = CoreBackgroundWork.create(List.of(Sweep.of("slow", () -> {
      runs.incrementAndGet();
      entered.countDown();
      try {
        release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      finished.set(true);
      return SweepResult.NONE;
    })));
    work.start(executor, SHORT);
    assertThat(entered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

    // The sweep is held inside its run, so a stop that cannot wait long reports it still running.
    assertThat(work.stop(Duration.ZERO)).isFalse();
    assertThat(work.isStarted()).isFalse();
    CompletableFuture<Boolean> stoppedAfterTheRun =
        CompletableFuture.supplyAsync(() -> work.stop(PATIENCE) && finished.get());
    release.countDown();

    assertThat(stoppedAfterTheRun.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    // Nothing runs after stop: the executor drains without another run.
    int runsAtStop = runs.get();
    executor.shutdown();
    assertThat(executor.awaitTermination(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(runs).hasValue(runsAtStop);
  }

  @Test
  void stopWithoutStartReturnsAtOnce() {
    CoreBackgroundWork work = CoreBackgroundWork.create(List.of(recording("sweep")));
    assertThat(work.stop(Duration.ZERO)).isTrue();
    assertThat(work.isStarted()).isFalse();
  }

  @Test
  void aSweepCannotRunOrStopTheWorkItRunsIn() {
    AtomicReference<BackgroundWork> self = new AtomicReference<>();
    CoreBackgroundWork work = CoreBackgroundWork.create(List.of(
        Sweep.of("runs-again", () -> {
          self.get().runDue();
          return SweepResult.NONE;
        }),
        Sweep.of("stops", () -> {
          self.get().stop(PATIENCE);
          return SweepResult.NONE;
        })));
    self.set(work);

    WorkSummary summary = work.runDue();

    assertThat(summary.failedSweeps()).containsExactly("runs-again", "stops");
    assertThat(summary.outcomes()).allSatisfy(o ->
        assertThat(o.failure().orElseThrow()).isInstanceOf(IllegalStateException.class));
  }

  @Test
  void sweepNamesAreValidAndUnique() {
    assertThatThrownBy(() -> Sweep.of("Has Spaces", () -> SweepResult.NONE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a-z0-9._-]");
    assertThatThrownBy(() -> Sweep.of("x".repeat(65), () -> SweepResult.NONE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CoreBackgroundWork.create(List.of(recording("dunning"), recording("dunning"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dunning");
    assertThatThrownBy(() -> new SweepResult(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badArgumentsAreRejected() {
    CoreBackgroundWork work = CoreBackgroundWork.create(List.of());
    assertThat(work.runDue().outcomes()).isEmpty();
    assertThatThrownBy(() -> work.start(null, SHORT)).isInstanceOf(NullPointerException.class).hasMessage("executor");
    assertThatThrownBy(() -> work.start(executor, null)).isInstanceOf(NullPointerException.class).hasMessage("interval");
    assertThatThrownBy(() -> work.start(executor, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> work.stop(null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
    assertThat(work.isStarted()).isFalse();
  }
}
