package io.nobill.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.money.Money;
import io.nobill.core.spi.PaymentCollector.CollectionRequest;
import io.nobill.core.spi.PaymentCollector.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScriptedPaymentCollectorTest {
  private static final OrgId ACME = OrgId.of(new UUID(0, 1));
  private static final OrgId GLOBEX = OrgId.of(new UUID(0, 2));
  private static final InvoiceId INVOICE = InvoiceId.of(new UUID(1, 1));

  private static CollectionRequest request(OrgId org, int attempt) {
    return new CollectionRequest(org, INVOICE, Money.ofMajor("85.00", "EUR"), Optional.of("pm_card_visa"), attempt);
  }

  private static CollectionRequest request(OrgId org, InvoiceId invoice, int attempt) {
    return new CollectionRequest(org, invoice, Money.ofMajor("85.00", "EUR"), Optional.empty(), attempt);
  }

  @Test
  void unscriptedEveryCollectionSucceedsWithAPaymentIdDerivedFromTheIdempotencyKey() {
    ScriptedPaymentCollector collector = new ScriptedPaymentCollector();
    Result first = collector.collect(request(ACME, 1));
    Result again = new ScriptedPaymentCollector().collect(request(ACME, 1));
    Result secondAttempt = collector.collect(request(ACME, 2));
    assertThat(first).isInstanceOf(Result.Succeeded.class).isEqualTo(again);
    assertThat(secondAttempt).isInstanceOf(Result.Succeeded.class).isNotEqualTo(first);
    // A payment method is not needed: the fake answers what it is told, not what is on file.
    assertThat(collector.collect(request(GLOBEX, INVOICE, 3))).isInstanceOf(Result.Succeeded.class);
  }

  @Test
  void declineNextFailsOnlyThatOrganizationsNextAttemptsInOrder() {
    ScriptedPaymentCollector collector = new ScriptedPaymentCollector()
        .declineNext(ACME, "card_declined")
        .declineNext(ACME, "insufficient_funds");
    assertThat(collector.queued(ACME)).isEqualTo(2);
    assertThat(collector.collect(request(GLOBEX, 1))).isInstanceOf(Result.Succeeded.class);
    assertThat(collector.collect(request(ACME, 1))).isEqualTo(new Result.Failed("card_declined"));
    assertThat(collector.collect(request(ACME, 2))).isEqualTo(new Result.Failed("insufficient_funds"));
    assertThat(collector.collect(request(ACME, 3))).isInstanceOf(Result.Succeeded.class);
    assertThat(collector.queued(ACME)).isZero();
  }

  @Test
  void failAlwaysHoldsUntilAnotherStandingRuleReplacesIt() {
    ScriptedPaymentCollector collector = new ScriptedPaymentCollector().failAlways(ACME, "expired_card");
    for (int attempt = 1; attempt <= 5; attempt++) {
      assertThat(collector.collect(request(ACME, attempt))).isEqualTo(new Result.Failed("expired_card"));
    }
    assertThat(collector.collect(request(GLOBEX, 1))).isInstanceOf(Result.Succeeded.class);
    collector.pendAlways(ACME);
    assertThat(collector.collect(request(ACME, 6))).isEqualTo(new Result.Pending());
    collector.succeedAlways(ACME);
    assertThat(collector.collect(request(ACME, 7))).isInstanceOf(Result.Succeeded.class);
  }

  @Test
  void queuedOutcomesComeBeforeTheStandingRule() {
    ScriptedPaymentCollector collector = new ScriptedPaymentCollector().failAlways(ACME, "card_declined").pendNext(ACME);
    assertThat(collector.collect(request(ACME, 1))).isEqualTo(new Result.Pending());
    assertThat(collector.collect(request(ACME, 2))).isEqualTo(new Result.Failed("card_declined"));
  }

  @Test
  void succeedAfterFailsThatManyTimesThenSucceedsEvenAfterFailAlways() {
    ScriptedPaymentCollector collector = new ScriptedPaymentCollector().failAlways(ACME, "card_declined")
        .succeedAfter(ACME, 2, "processing_error");
    assertThat(collector.collect(request(ACME, 1))).isEqualTo(new Result.Failed("processing_error"));
    assertThat(collector.collect(request(ACME, 2))).isEqualTo(new Result.Failed("processing_error"));
    assertThat(collector.collect(request(ACME, 3))).isInstanceOf(Result.Succeeded.class);
    assertThat(collector.collect(request(ACME, 4))).isInstanceOf(Result.Succeeded.class);

    // A count costs nothing: a billion declines queued at once.
    collector.succeedAfter(GLOBEX, 1_000_000_000, "card_declined");
    assertThat(collector.queued(GLOBEX)).isEqualTo(1_000_000_000L);
    assertThat(collector.collect(request(GLOBEX, 1))).isEqualTo(new Result.Failed("card_declined"));
    assertThat(collector.queued(GLOBEX)).isEqualTo(999_999_999L);
    assertThat(collector.succeedAfter(ACME, 0, "x").collect(request(ACME, 5))).isInstanceOf(Result.Succeeded.class);
  }

  @Test
  void aFunctionScriptsEveryOrganizationOrOneAndMayThrow() {
    ScriptedPaymentCollector collector = new ScriptedPaymentCollector()
        .respondWith(r -> r.attempt() < 3 ? new Result.Failed("attempt_" + r.attempt()) : ScriptedPaymentCollector.succeed(r))
        .respondWith(GLOBEX, r -> {
          throw new IllegalStateException("provider down");
        });
    assertThat(collector.collect(request(ACME, 1))).isEqualTo(new Result.Failed("attempt_1"));
    assertThat(collector.collect(request(ACME, 3))).isEqualTo(ScriptedPaymentCollector.succeed(request(ACME, 3)));
    assertThatThrownBy(() -> collector.collect(request(GLOBEX, 1))).isInstanceOf(IllegalStateException.class)
        .hasMessage("provider down");
    // The request that made it throw was received all the same.
    assertThat(collector.requests(GLOBEX)).containsExactly(request(GLOBEX, 1));

    collector.respondWith(ACME, r -> null);
    assertThatThrownBy(() -> collector.collect(request(ACME, 4))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("returned no result").hasMessageContaining("collect:" + INVOICE + ":4");
  }

  @Test
  void resetForgetsEveryScriptButNotTheRequests() {
    ScriptedPaymentCollector collector = new ScriptedPaymentCollector().failAlways(ACME, "card_declined")
        .declineNext(GLOBEX, "card_declined").respondWith(r -> new Result.Pending());
    collector.collect(request(ACME, 1));
    collector.reset();
    assertThat(collector.queued(GLOBEX)).isZero();
    assertThat(collector.collect(request(ACME, 2))).isInstanceOf(Result.Succeeded.class);
    assertThat(collector.collect(request(GLOBEX, 1))).isInstanceOf(Result.Succeeded.class);
    assertThat(collector.collect(request(OrgId.of(new UUID(0, 3)), 1))).isInstanceOf(Result.Succeeded.class);
    assertThat(collector.requests()).hasSize(4);
  }

  @Test
  void badScriptsAreRefused() {
    ScriptedPaymentCollector collector = new ScriptedPaymentCollector();
    assertThatThrownBy(() -> collector.declineNext(ACME, " ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> collector.failAlways(ACME, "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> collector.succeedAfter(ACME, -1, "card_declined")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("failures");
    assertThatThrownBy(() -> collector.declineNext(null, "card_declined")).isInstanceOf(NullPointerException.class)
        .hasMessage("org");
    assertThatThrownBy(() -> collector.declineNext(ACME, null)).isInstanceOf(NullPointerException.class).hasMessage("code");
    assertThatThrownBy(() -> collector.respondWith(null)).isInstanceOf(NullPointerException.class).hasMessage("script");
    assertThatThrownBy(() -> collector.collect(null)).isInstanceOf(NullPointerException.class).hasMessage("request");
    // Nothing was scripted by the refused calls.
    assertThat(collector.queued(ACME)).isZero();
    assertThat(collector.collect(request(ACME, 1))).isInstanceOf(Result.Succeeded.class);
  }

  @Test
  void requestsAreKeptInArrivalOrderAndEachScriptedOutcomeIsUsedOnceUnderConcurrency() throws Exception {
    int threads = 8;
    int perThread = 2_000;
    int declines = 5_000;
    ScriptedPaymentCollector collector = new ScriptedPaymentCollector().succeedAfter(ACME, declines, "card_declined");
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<int[]>> futures = new ArrayList<>();
    try {
      CountDownLatch go = new CountDownLatch(1);
      for (int t = 0; t < threads; t++) {
        InvoiceId invoice = InvoiceId.of(new UUID(2, t));
        futures.add(pool.submit(() -> {
          go.await();
          int failed = 0;
          for (int attempt = 1; attempt <= perThread; attempt++) {
            if (collector.collect(request(ACME, invoice, attempt)) instanceof Result.Failed) {
              failed++;
            }
            if (attempt % 500 == 0) {
              collector.declineNext(GLOBEX, "card_declined");   // scripting while billing collects
            }
          }
          return new int[] {failed};
        }));
      }
      go.countDown();
      int failed = 0;
      for (Future<int[]> f : futures) {
        failed += f.get(60, TimeUnit.SECONDS)[0];
      }
      assertThat(failed).isEqualTo(declines);
    } finally {
      pool.shutdownNow();
    }
    List<CollectionRequest> received = collector.requests();
    assertThat(received).hasSize(threads * perThread);
    assertThat(collector.requests(ACME)).isEqualTo(received);
    assertThat(collector.queued(GLOBEX)).isEqualTo(threads * (perThread / 500));
    // Each thread's requests appear in the order it sent them.
    for (int t = 0; t < threads; t++) {
      InvoiceId invoice = InvoiceId.of(new UUID(2, t));
      assertThat(received.stream().filter(r -> r.invoice().equals(invoice)).map(CollectionRequest::attempt).toList())
          .isSorted().hasSize(perThread);
    }
  }
}
