package io.nobill.core.event;

import io.nobill.core.internal.event.OutboxDelivery;
import io.nobill.core.internal.event.Outbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.event.BillingEvent;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.OutboxMessageId;
import io.nobill.core.money.Money;
import io.nobill.core.spi.IdGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutboxMessageTest {
  private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
  private final IdGenerator ids = IdGenerator.sequential();
  private final BillingEvent event = new BillingEvent.InvoicePaid("invoice-paid:1", ids.next(OrgId::of), NOW,
      ids.next(InvoiceId::of), Money.ofMajor("10.00", "EUR"));

  private OutboxMessage pending() {
    return OutboxMessage.pending(ids.next(OutboxMessageId::of), event, "crm", NOW);
  }

  @Test
  void aMessageMovesFromPendingToDeliveredAndEveryChangeBumpsTheVersion() {
    OutboxMessage m = pending();
    assertThat(m.state()).isEqualTo(OutboxMessage.State.PENDING);
    assertThat(m.version()).isEqualTo(1);
    assertThat(m.org()).isEqualTo(event.org());
    assertThat(m.isDue(NOW)).isTrue();
    assertThat(m.isDue(NOW.minusMillis(1))).as("not before its attempt time").isFalse();

    OutboxMessage claimed = m.claimed(NOW.plusSeconds(30));
    assertThat(claimed.version()).isEqualTo(2);
    assertThat(claimed.isDue(NOW.plusSeconds(29))).as("held by its claim").isFalse();
    assertThat(claimed.isDue(NOW.plusSeconds(30))).as("the claim ran out").isTrue();

    OutboxMessage failed = claimed.failed("java.io.IOException: down", NOW.plusSeconds(60));
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.claimedUntil()).isEmpty();
    assertThat(failed.lastError()).contains("java.io.IOException: down");
    assertThat(failed.version()).isEqualTo(3);

    OutboxMessage delivered = failed.claimed(NOW.plusSeconds(90)).delivered(NOW.plusSeconds(61));
    assertThat(delivered.state()).isEqualTo(OutboxMessage.State.DELIVERED);
    assertThat(delivered.claimedUntil()).isEmpty();
    assertThat(delivered.isDue(NOW.plus(Duration.ofDays(1)))).isFalse();
    assertThat(delivered.version()).isEqualTo(5);

    OutboxMessage abandoned = pending().abandoned(NOW, "no listener named crm is registered");
    assertThat(abandoned.state()).isEqualTo(OutboxMessage.State.ABANDONED);
    assertThat(abandoned.isDue(NOW.plus(Duration.ofDays(1)))).isFalse();
  }

  @Test
  void invariantsAreCheckedOnConstruction() {
    OutboxMessage m = pending();
    assertThatThrownBy(() -> OutboxMessage.pending(m.id(), event, "CRM", NOW))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listener name");
    assertThatThrownBy(() -> OutboxMessage.pending(m.id(), event, "x".repeat(65), NOW))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.delivered(NOW).abandoned(NOW, "gone"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both");
    assertThatThrownBy(() -> m.delivered(NOW).claimed(NOW)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.failed("", NOW)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.failed("e".repeat(OutboxMessage.MAX_ERROR_LENGTH + 1), NOW))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OutboxMessage(m.id(), event, "crm", -1, NOW, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OutboxMessage(m.id(), event, "crm", 0, NOW, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OutboxMessage(m.id(), null, "crm", 0, NOW, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), 1)).isInstanceOf(NullPointerException.class).hasMessage("event");
  }

  @Test
  void theBackoffDoublesUpToTheCapWithoutOverflowing() {
    DeliveryPolicy policy = DeliveryPolicy.DEFAULT;
    assertThat(policy.lease()).isEqualTo(Duration.ofSeconds(30));
    assertThat(List.of(policy.backoff(1), policy.backoff(2), policy.backoff(3), policy.backoff(9), policy.backoff(10)))
        .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(256),
            Duration.ofHours(6));
    assertThat(policy.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(6));
    DeliveryPolicy quick = new DeliveryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(25));
    assertThat(List.of(quick.backoff(1), quick.backoff(2), quick.backoff(3)))
        .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(25));
    assertThatThrownBy(() -> policy.backoff(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DeliveryPolicy(Duration.ZERO, Duration.ofMinutes(1), Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lease");
    assertThatThrownBy(() -> new DeliveryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRetry");
  }

  @Test
  void aFailureIsDescribedByClassAndMessageOnOneLineOfBoundedLength() {
    assertThat(OutboxDelivery.describe(new IllegalStateException("smtp\r\n  down")))
        .isEqualTo("java.lang.IllegalStateException: smtp down");
    assertThat(OutboxDelivery.describe(new NullPointerException())).isEqualTo("java.lang.NullPointerException");
    // The length counts code points, and a cut never leaves half of a surrogate pair behind.
    String prefix = "java.lang.IllegalStateException: ";
    String message = "a".repeat(OutboxMessage.MAX_ERROR_LENGTH - prefix.length() - 1) + "😀😀";
    String described = OutboxDelivery.describe(new IllegalStateException(message));
    assertThat(described.codePointCount(0, described.length())).isEqualTo(OutboxMessage.MAX_ERROR_LENGTH);
    assertThat(described).endsWith("a😀");
    // What a listener's exception says is stored: NUL and a lone surrogate become U+FFFD.
    assertThat(OutboxDelivery.describe(new IllegalStateException("nul\u0000 half\uD800 end")))
        .isEqualTo("java.lang.IllegalStateException: nul\uFFFD half\uFFFD end");
  }

  @Test
  void theOutboxRejectsBadListenerNames() {
    assertThatThrownBy(() -> Outbox.create(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC), ids, List.of("crm", "crm")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unique");
    assertThatThrownBy(() -> Outbox.create(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC), ids, List.of("no spaces")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
