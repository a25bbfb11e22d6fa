package io.nobill.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.testkit.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

  @Test
  void sequentialIdsAreDeterministicAndIncreasing() {
    IdGenerator a = IdGenerator.sequential();
    IdGenerator b = IdGenerator.sequential();
    OrgId first = a.next(OrgId::of);
    assertThat(first).hasToString("00000000-0000-7000-8000-000000000001");
    assertThat(b.next(OrgId::of)).isEqualTo(first);
    assertThat(a.next(OrgId::of)).isGreaterThan(first);
  }

  @Test
  void timeOrderedIdsAreVersion7CarryTheClocksMillisecondsAndIncreaseStrictly() {
    TestClock clock = TestClock.at("2026-03-01T12:00:00Z");
    IdGenerator ids = IdGenerator.timeOrdered(clock);
    List<OrgId> generated = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      generated.add(ids.next(OrgId::of));
      if (i % 1000 == 0) {
        clock.advance(Duration.ofMillis(1));
      }
    }
    // The clock steps back: ids keep increasing.
    clock.advance(Duration.ofSeconds(-10));
    generated.add(ids.next(OrgId::of));

    for (int i = 0; i < generated.size(); i++) {
      UUID u = generated.get(i).value();
      assertThat(u.version()).isEqualTo(7);
      assertThat(u.variant()).isEqualTo(2);
      if (i > 0) {
        assertThat(TypedId.ORDER.compare(generated.get(i - 1), generated.get(i))).isNegative();
      }
    }
    long millis = generated.get(0).value().getMostSignificantBits() >>> 16;
    assertThat(millis).isEqualTo(java.time.Instant.parse("2026-03-01T12:00:00Z").toEpochMilli());
  }

  @Test
  void timeOrderedIdsAreUniqueAcrossThreads() throws Exception {
    IdGenerator ids = IdGenerator.timeOrdered(TestClock.at("2026-03-01T12:00:00Z"));
    Set<UUID> seen = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      pool.submit(() -> {
        for (int i = 0; i < 20_000; i++) {
          seen.add(ids.next());
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).hasSize(80_000);
  }

  @Test
  void idsOrderAsUnsignedNumbersLikePostgres() {
    OrgId low = OrgId.of(new UUID(0x7FFF_FFFF_FFFF_FFFFL, 0));
    OrgId high = OrgId.of(new UUID(0x8000_0000_0000_0000L, 0));
    assertThat(low.value().compareTo(high.value())).isPositive(); // java.util.UUID's signed order
    assertThat(low).isLessThan(high);
  }

  @Test
  void idsOfDifferentTypesNeverEqual() {
    UUID u = UUID.randomUUID();
    assertThat((Object) OrgId.of(u)).isNotEqualTo(UserId.of(u));
    assertThat(OrgId.of(u)).isEqualTo(OrgId.parse(u.toString()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not-a-uuid", "1-1-1-1-1", "0190e2a4-7b1c-7000-8000-00000000000", " 0190e2a4-7b1c-7000-8000-000000000001"})
  void malformedIdTextIsRejectedNamingTheField(String text) {
    assertThatThrownBy(() -> OrgId.parse(text))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("orgId"));
    assertThatThrownBy(() -> UserId.parse(text))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("userId"));
  }

  @Test
  void nullsAreRejectedByName() {
    assertThatThrownBy(() -> OrgId.of(null)).isInstanceOf(NullPointerException.class).hasMessage("value");
    assertThatThrownBy(() -> OrgId.parse(null)).isInstanceOf(NullPointerException.class).hasMessage("orgId");
    assertThatThrownBy(() -> IdGenerator.timeOrdered(null)).isInstanceOf(NullPointerException.class).hasMessage("clock");
  }

  @Test
  void sequentialIdsDoNotRepeatAcrossThreads() throws Exception {
    IdGenerator ids = IdGenerator.sequential();
    Set<UUID> seen = ConcurrentHashMap.newKeySet();
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 10_000; i++) {
          seen.add(ids.next());
        }
      });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(new HashSet<>(seen)).hasSize(40_000);
  }
}
