package io.nobill.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TestClockTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void standsStillUntilMovedAndIsUtc() throws InterruptedException {
    TestClock clock = TestClock.at(START);
    Thread.sleep(5);
    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(TestClock.at("2026-01-01T00:00:00Z").instant()).isEqualTo(START);
  }

  @Test
  void setAndAdvanceMoveItForwardAndBack() {
    TestClock clock = TestClock.at(START);
    assertThat(clock.advance(Duration.ofDays(14)).instant()).isEqualTo(Instant.parse("2026-01-15T00:00:00Z"));
    assertThat(clock.advance(Duration.ofMinutes(-3)).instant()).isEqualTo(Instant.parse("2026-01-14T23:57:00Z"));
    assertThat(clock.set(Instant.parse("2025-12-31T23:59:59.999999999Z")).instant())
        .isEqualTo(Instant.parse("2025-12-31T23:59:59.999999999Z"));
    assertThat(clock.set("2026-03-01T00:00:00Z").instant())
        .isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    assertThat(clock.advance(Duration.ofNanos(1)).instant()).isEqualTo(Instant.parse("2026-03-01T00:00:00.000000001Z"));
  }

  @Test
  void refusesNullAndBadTextAndLeavesTheInstantAlone() {
    TestClock clock = TestClock.at(START);
    assertThatThrownBy(() -> clock.set((Instant) null)).isInstanceOf(NullPointerException.class).hasMessage("instant");
    assertThatThrownBy(() -> clock.set((String) null)).isInstanceOf(NullPointerException.class).hasMessage("instant");
    assertThatThrownBy(() -> clock.advance(null)).isInstanceOf(NullPointerException.class).hasMessage("duration");
    assertThatThrownBy(() -> TestClock.at((Instant) null)).isInstanceOf(NullPointerException.class).hasMessage("instant");
    assertThatThrownBy(() -> clock.set("2026-01-01")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ISO-8601");
    assertThatThrownBy(() -> TestClock.at("tomorrow")).isInstanceOf(IllegalArgumentException.class);
    assertThat(clock.instant()).isEqualTo(START);
  }

  @Test
  void movingPastTheEndOfTimeThrowsAndLeavesTheClockWhereItWas() {
    TestClock clock = TestClock.at(Instant.MAX.minusSeconds(10));
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(11))).isInstanceOf(DateTimeException.class);
    assertThat(clock.instant()).isEqualTo(Instant.MAX.minusSeconds(10));
    TestClock early = TestClock.at(Instant.MIN);
    assertThatThrownBy(() -> early.advance(Duration.ofNanos(-1))).isInstanceOf(DateTimeException.class);
    assertThat(early.instant()).isEqualTo(Instant.MIN);
  }

  @Test
  void aClockInAnotherZoneSharesTheInstant() {
    TestClock clock = TestClock.at(START);
    TestClock berlin = clock.withZone(ZoneId.of("Europe/Berlin"));
    assertThat(berlin.getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
    clock.advance(Duration.ofHours(1));
    assertThat(berlin.instant()).isEqualTo(START.plusSeconds(3600));
    berlin.set(START);
    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void concurrentAdvancesAllCountAndReadersNeverSeeTimeGoBack() throws Exception {
    TestClock clock = TestClock.at(START);
    int writers = 8;
    int steps = 20_000;
    ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        futures.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < steps; i++) {
            clock.advance(Duration.ofMillis(1));
          }
          return null;
        }));
      }
      List<Future<Boolean>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(pool.submit(() -> {
          go.await();
          Instant last = clock.instant();
          for (int i = 0; i < 50_000; i++) {
            Instant now = clock.instant();
            if (now.isBefore(last)) {
              return false;
            }
            last = now;
          }
          return true;
        }));
      }
      go.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
      for (Future<Boolean> r : readers) {
        assertThat(r.get(60, TimeUnit.SECONDS)).as("a reader saw time go back").isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(clock.instant()).isEqualTo(START.plusMillis((long) writers * steps));
  }
}
