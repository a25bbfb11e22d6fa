package io.nobill.core;

import io.nobill.core.testkit.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TestClockTest {
  @Test
  void standsStillUntilMovedAndZonedViewsShareTheInstant() {
    TestClock clock = TestClock.at("2026-01-31T10:00:00Z");
    Clock berlin = clock.withZone(ZoneId.of("Europe/Berlin"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-31T10:00:00Z"));
    clock.advance(Duration.ofDays(1));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-02-01T10:00:00Z"));
    assertThat(berlin.instant()).isEqualTo(clock.instant());
    assertThat(berlin.getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    clock.set(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(clock.millis()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z").toEpochMilli());
  }
}
