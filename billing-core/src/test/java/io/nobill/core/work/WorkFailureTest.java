package io.nobill.core.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.event.DeliveryPolicy;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules of a failure record and of the retry waits. */
class WorkFailureTest {

  @Test
  void aLastErrorIsOneLineOfTextEveryStoreCanHoldWithoutAStackTrace() {
    String described = WorkFailure.describe(new IllegalStateException("nul\u0000 bell\u0007 \ud800 lone\nnext\tline "
        + "emoji \ud83d\ude00" + "x".repeat(1_000)));
    assertThat(described).startsWith("java.lang.IllegalStateException: nul\ufffd bell\ufffd \ufffd lone next line emoji \ud83d\ude00")
        .doesNotContain("\tat ");
    assertThat(described.codePointCount(0, described.length())).isEqualTo(WorkFailure.MAX_ERROR_LENGTH);
    assertThat(described.chars().noneMatch(Character::isISOControl)).isTrue();
    assertThat(WorkFailure.describe(new StackOverflowError())).isEqualTo("java.lang.StackOverflowError");
    // Cut by code points, never between the halves of a surrogate pair.
    String emojis = "\ud83d\ude00".repeat(600);
    String cut = WorkFailure.describe(new IllegalStateException(emojis));
    assertThat(cut.codePointCount(0, cut.length())).isEqualTo(WorkFailure.MAX_ERROR_LENGTH);
    assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1))).isFalse();
  }

  @Test
  void theJitterIsBoundedDeterministicAndSpreadsMessagesApart() {
    DeliveryPolicy policy = DeliveryPolicy.DEFAULT;
    Set<Duration> waits = new HashSet<>();
    for (long seed = 0; seed < 100; seed++) {
      Duration wait = policy.backoff(3, seed);
      assertThat(wait).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(4).plusSeconds(24));
      assertThat(policy.backoff(3, seed)).isEqualTo(wait);
      waits.add(wait);
    }
    assertThat(waits).hasSizeGreaterThan(90);
    assertThat(policy.withJitterPercent(0).backoff(3, 42)).isEqualTo(Duration.ofMinutes(4));
    assertThat(new DeliveryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(Long.MAX_VALUE / 2), 99,
        100).backoff(200, 7)).isPositive();
    assertThatThrownBy(() -> policy.withMaxAttempts(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAttempts must be at least 1");
    assertThatThrownBy(() -> policy.withJitterPercent(101)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theFailureBackoffDoublesUpToItsCap() {
    io.nobill.core.work.FailurePolicy p = new io.nobill.core.work.FailurePolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(5));
    assertThat(p.backoff(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(p.backoff(3)).isEqualTo(Duration.ofMinutes(4));
    assertThat(p.backoff(1_000_000)).isEqualTo(Duration.ofMinutes(5));
    assertThatThrownBy(() -> new io.nobill.core.work.FailurePolicy(0, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
