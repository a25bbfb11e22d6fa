package io.nobill.core.testkit;

import io.nobill.core.BillingInternals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.Billing;
import io.nobill.core.event.BillingEvent;
import io.nobill.core.event.BillingListener;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.event.DeliveryPolicy;
import io.nobill.core.event.DeliveryResult;
import io.nobill.core.internal.event.Outbox;
import io.nobill.core.internal.event.OutboxDelivery;
import io.nobill.core.event.OutboxMessage;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.OutboxMessageId;
import io.nobill.core.money.Money;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.PlatformTransaction;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.work.SweepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store's outbox must do, driven through {@link Outbox} and {@link OutboxDelivery}:
 * events exist exactly when their transaction committed, reach every listener, are retried
 * with backoff while a listener fails and never again once delivered, are claimed so that
 * concurrent deliverers deliver each once, and stay in their organization. Extend it and
 * return a fresh, empty store from {@link #newStore()}.
 */
public abstract class OutboxContract {

  /** A new store with no data in it. Called once per test. */
  protected abstract BillingStore newStore();

  protected BillingStore store;
  protected TestClock clock;
  protected final IdGenerator ids = IdGenerator.sequential();
  protected OrgId org;

  @BeforeEach
  void createStore() {
    store = newStore();
    clock = TestClock.at("2026-03-01T09:00:00Z");
    org = provision();
  }

  /** Provisions a sample organization with a new id and returns the id. */
  protected OrgId provision() {
    OrgId id = ids.next(OrgId::of);
    store.inTenant(id, tx -> {
      tx.organization().insert(TestOrganizations.sample(id));
      return null;
    });
    return id;
  }

  /** A listener that keeps what it receives, and can be told to fail. */
  protected static final class Recorder implements BillingListener {
    final List<BillingEvent> received = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger failuresLeft = new AtomicInteger();

    Recorder failing(int times) {
      failuresLeft.set(times);
      return this;
    }

    @Override
    public void onEvent(BillingEvent event) {
      calls.incrementAndGet();
      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("mail server unavailable");
      }
      received.add(event);
    }
  }

  /** An outbox and a deliverer over the store for {@code listeners}, as one {@code Billing} wires them. */
  protected record Wiring(Outbox outbox, OutboxDelivery delivery) {}

  protected Wiring wire(Map<String, BillingListener> listeners) {
    return new Wiring(Outbox.create(clock, ids, List.copyOf(listeners.keySet())),
        // Without jitter, so that retries fall due at exact instants the tests can name.
        OutboxDelivery.create(store, clock, listeners, DeliveryPolicy.DEFAULT.withJitterPercent(0)));
  }

  protected BillingEvent paid(OrgId of, String key) {
    return new BillingEvent.InvoicePaid(key, of, clock.instant(), ids.next(InvoiceId::of), Money.ofMajor("10.00", "EUR"));
  }

  protected List<OutboxMessageId> append(Outbox outbox, BillingEvent event) {
    return store.inTenant(event.org(), tx -> outbox.append(tx, event));
  }

  protected OutboxMessage message(OrgId of, OutboxMessageId id) {
    return store.inTenant(of, tx -> tx.outbox().find(id)).orElseThrow();
  }

  protected List<Map.Entry<OrgId, OutboxMessageId>> due(int limit) {
    Instant now = clock.instant();
    return store.inPlatform(tx -> tx.dueOutbox(now, limit));
  }

  @Test
  void anEventAppendedInATransactionThatRollsBackIsNeverDelivered() {
    Recorder crm = new Recorder();
    Wiring w = wire(Map.of("crm", crm));
    List<OutboxMessageId> written = new ArrayList<>();

    assertThatThrownBy(() -> store.inTenant(org, tx -> {
      written.addAll(w.outbox().append(tx, paid(org, "rolled-back")));
      throw new IllegalStateException("the change failed");
    })).hasMessage("the change failed");

    assertThat(written).hasSize(1);
    assertThat(store.<Optional<OutboxMessage>>inTenant(org, tx -> tx.outbox().find(written.get(0)))).isEmpty();
    assertThat(due(100)).isEmpty();
    assertThat(w.delivery().deliverDue(100)).isEqualTo(DeliveryResult.NONE);
    clock.advance(Duration.ofDays(1));
    assertThat(w.delivery().deliverDue(100)).isEqualTo(DeliveryResult.NONE);
    assertThat(crm.calls).hasValue(0);
  }

  @Test
  void anEventIsDeliveredToEveryListenerOutsideAnyTransaction() {
    Recorder crm = new Recorder();
    Recorder mailer = new Recorder();
    List<Boolean> couldOpenATransaction = new CopyOnWriteArrayList<>();
    BillingListener opensATransaction = event -> {
      // A listener runs outside NOBill's transactions, so it may use billing itself.
      store.inTenant(event.org(), tx -> tx.organization().find());
      couldOpenATransaction.add(true);
    };
    Map<String, BillingListener> listeners = new LinkedHashMap<>();
    listeners.put("crm", crm);
    listeners.put("mailer", mailer);
    listeners.put("reentrant", opensATransaction);
    Wiring w = wire(listeners);
    BillingEvent event = paid(org, "invoice-paid:1");

    List<OutboxMessageId> written = append(w.outbox(), event);
    DeliveryResult result = w.delivery().deliverDue(100);

    assertThat(written).hasSize(3);
    assertThat(result).isEqualTo(new DeliveryResult(3, 0, 0, 0));
    assertThat(crm.received).containsExactly(event);
    assertThat(mailer.received).containsExactly(event);
    assertThat(couldOpenATransaction).containsExactly(true);
    List<String> names = new ArrayList<>();
    for (OutboxMessageId id : written) {
      OutboxMessage m = message(org, id);
      names.add(m.listener());
      assertThat(m.event()).isEqualTo(event);
      assertThat(m.state()).isEqualTo(OutboxMessage.State.DELIVERED);
      assertThat(m.deliveredAt()).contains(clock.instant());
      assertThat(m.attempts()).as("attempts are counted when claimed, before the listener is called").isOne();
      assertThat(m.claimedUntil()).isEmpty();
      assertThat(m.lastError()).isEmpty();
    }
    assertThat(names).containsExactly("crm", "mailer", "reentrant");
  }

  @Test
  void aDeliveredMessageIsNeverDeliveredAgain() {
    Recorder crm = new Recorder();
    Wiring w = wire(Map.of("crm", crm));
    append(w.outbox(), paid(org, "once"));
    assertThat(w.delivery().deliverDue(100).delivered()).isEqualTo(1);

    assertThat(w.delivery().deliverDue(100)).isEqualTo(DeliveryResult.NONE);
    clock.advance(Duration.ofDays(2));
    assertThat(w.delivery().deliverDue(100)).isEqualTo(DeliveryResult.NONE);
    assertThat(due(100)).isEmpty();
    assertThat(crm.calls).hasValue(1);
  }

  @Test
  void aFailingListenerIsRetriedAfterBackoffWhileTheOtherGotTheEventAtOnce() {
    Recorder crm = new Recorder();
    Recorder mailer = new Recorder().failing(2);
    Map<String, BillingListener> listeners = new LinkedHashMap<>();
    listeners.put("crm", crm);
    listeners.put("mailer", mailer);
    Wiring w = wire(listeners);
    BillingEvent event = paid(org, "invoice-paid:7");
    OutboxMessageId toMailer = append(w.outbox(), event).get(1);
    Instant first = clock.instant();

    assertThat(w.delivery().deliverDue(100)).isEqualTo(new DeliveryResult(1, 1, 0, 0));
    assertThat(crm.received).containsExactly(event);
    OutboxMessage failedOnce = message(org, toMailer);
    assertThat(failedOnce.state()).isEqualTo(OutboxMessage.State.PENDING);
    assertThat(failedOnce.attempts()).isEqualTo(1);
    assertThat(failedOnce.lastError()).contains("java.lang.IllegalStateException: mail server unavailable");
    assertThat(failedOnce.nextAttemptAt()).isEqualTo(first.plus(Duration.ofMinutes(1)));
    assertThat(failedOnce.claimedUntil()).isEmpty();

    // Not before the backoff has passed.
    assertThat(w.delivery().deliverDue(100)).isEqualTo(DeliveryResult.NONE);
    clock.advance(Duration.ofSeconds(59));
    assertThat(w.delivery().deliverDue(100)).isEqualTo(DeliveryResult.NONE);
    clock.advance(Duration.ofSeconds(1));
    assertThat(w.delivery().deliverDue(100)).isEqualTo(new DeliveryResult(0, 1, 0, 0));
    OutboxMessage failedTwice = message(org, toMailer);
    assertThat(failedTwice.attempts()).isEqualTo(2);
    assertThat(failedTwice.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));

    clock.advance(Duration.ofMinutes(2));
    assertThat(w.delivery().deliverDue(100)).isEqualTo(new DeliveryResult(1, 0, 0, 0));
    OutboxMessage delivered = message(org, toMailer);
    assertThat(delivered.state()).isEqualTo(OutboxMessage.State.DELIVERED);
    assertThat(delivered.deliveredAt()).contains(clock.instant());
    assertThat(delivered.attempts()).isEqualTo(3);
    assertThat(delivered.lastError()).as("the last failure stays for the record").isPresent();
    assertThat(mailer.received).containsExactly(event);
    assertThat(mailer.calls).hasValue(3);
    assertThat(crm.calls).as("the other listener is not called again").hasValue(1);
  }

  @Test
  void aFailingListenerHoldsUpNeitherOtherMessagesNorBilling() {
    BillingListener picky = event -> {
      if (event.key().equals("poison")) {
        throw new IllegalArgumentException("cannot handle " + event.key());
      }
    };
    Recorder crm = new Recorder();
    Map<String, BillingListener> listeners = new LinkedHashMap<>();
    listeners.put("picky", picky);
    listeners.put("crm", crm);
    Wiring w = wire(listeners);
    append(w.outbox(), paid(org, "poison"));
    append(w.outbox(), paid(org, "fine"));

    assertThat(w.delivery().deliverDue(100)).isEqualTo(new DeliveryResult(3, 1, 0, 0));
    assertThat(crm.received).extracting(BillingEvent::key).containsExactly("poison", "fine");
    // Billing goes on: new events are written and delivered.
    append(w.outbox(), paid(org, "later"));
    assertThat(w.delivery().deliverDue(100)).isEqualTo(new DeliveryResult(2, 0, 0, 0));
  }

  @Test
  void theBackoffDoublesFromOneMinuteUpToSixHours() {
    Wiring w = wire(Map.of("down", event -> {
      throw new IllegalStateException("down");
    }));
    OutboxMessageId id = append(w.outbox(), paid(org, "never")).get(0);

    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      assertThat(w.delivery().deliverDue(100).failed()).isEqualTo(1);
      OutboxMessage m = message(org, id);
      assertThat(m.attempts()).isEqualTo(i + 1);
      waits.add(Duration.between(clock.instant(), m.nextAttemptAt()));
      clock.set(m.nextAttemptAt());
    }

    assertThat(waits).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
        Duration.ofMinutes(8), Duration.ofMinutes(16), Duration.ofMinutes(32), Duration.ofMinutes(64),
        Duration.ofMinutes(128), Duration.ofMinutes(256), Duration.ofHours(6), Duration.ofHours(6), Duration.ofHours(6));
  }

  @Test
  void theLastErrorIsTheExceptionClassAndMessageOnOneShortLine() {
    String longMessage = "line one\nline two\t" + "x".repeat(2_000);
    Wiring w = wire(Map.of("crm", event -> {
      throw new UnsupportedOperationException(longMessage);
    }));
    OutboxMessageId id = append(w.outbox(), paid(org, "long-error")).get(0);

    w.delivery().deliverDue(100);

    String error = message(org, id).lastError().orElseThrow();
    assertThat(error).startsWith("java.lang.UnsupportedOperationException: line one line two x");
    assertThat(error).hasSize(OutboxMessage.MAX_ERROR_LENGTH).doesNotContain("\n").doesNotContain("\tat ");
  }

  @Test
  void aMessageForAListenerNoLongerRegisteredIsAbandoned() {
    Recorder crm = new Recorder();
    Map<String, BillingListener> before = new LinkedHashMap<>();
    before.put("crm", crm);
    before.put("retired", new Recorder());
    List<OutboxMessageId> written = append(wire(before).outbox(), paid(org, "orphan"));
    Wiring after = wire(Map.of("crm", crm));

    assertThat(after.delivery().deliverDue(100)).isEqualTo(new DeliveryResult(1, 0, 0, 1));

    OutboxMessage orphan = message(org, written.get(1));
    assertThat(orphan.listener()).isEqualTo("retired");
    assertThat(orphan.state()).isEqualTo(OutboxMessage.State.ABANDONED);
    assertThat(orphan.abandonedAt()).contains(clock.instant());
    assertThat(orphan.deliveredAt()).isEmpty();
    assertThat(orphan.lastError().orElseThrow()).contains("retired");
    clock.advance(Duration.ofDays(1));
    assertThat(due(100)).isEmpty();
    assertThat(after.delivery().deliverDue(100)).isEqualTo(DeliveryResult.NONE);
  }

  @Test
  void aMessageAnotherDelivererHoldsIsLeftAloneUntilItsClaimRunsOut() {
    Recorder crm = new Recorder();
    Wiring w = wire(Map.of("crm", crm));
    OutboxMessageId id = append(w.outbox(), paid(org, "held")).get(0);
    // Another deliverer claimed it and then died before recording the outcome.
    Instant until = clock.instant().plus(Duration.ofSeconds(30));
    store.inTenant(org, tx -> {
      tx.outbox().update(tx.outbox().find(id).orElseThrow().claimed(until));
      return null;
    });

    assertThat(due(100)).isEmpty();
    assertThat(w.delivery().deliverDue(100)).isEqualTo(DeliveryResult.NONE);
    clock.advance(Duration.ofSeconds(29));
    assertThat(w.delivery().deliverDue(100)).isEqualTo(DeliveryResult.NONE);

    clock.advance(Duration.ofSeconds(1));
    assertThat(due(100)).containsExactly(Map.entry(org, id));
    assertThat(w.delivery().deliverDue(100)).isEqualTo(new DeliveryResult(1, 0, 0, 0));
    assertThat(crm.received).hasSize(1);
    assertThat(message(org, id).claimedUntil()).isEmpty();
  }

  @Test
  void twoDeliverersRunningConcurrentlyDeliverEachMessageToEachListenerExactlyOnce() throws Exception {
    Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    List<Wiring> deliverers = new ArrayList<>();
    for (int d = 0; d < 2; d++) {
      Map<String, BillingListener> listeners = new LinkedHashMap<>();
      for (String name : List.of("crm", "mailer")) {
        listeners.put(name, event -> deliveries.computeIfAbsent(name + "/" + event.key(), k -> new AtomicInteger())
            .incrementAndGet());
      }
      deliverers.add(wire(listeners));
    }
    List<OrgId> orgs = List.of(org, provision(), provision(), provision());
    int events = 200;
    for (int i = 0; i < events; i++) {
      append(deliverers.get(i % 2).outbox(), paid(orgs.get(i % orgs.size()), "event-" + i));
    }

    List<Integer> deliveredPerDeliverer = runConcurrently(deliverers);

    assertThat(deliveries).hasSize(2 * events);
    assertThat(deliveries.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    assertThat(deliveredPerDeliverer.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2 * events);
    assertThat(due(PlatformTransaction.MAX_PAGE)).isEmpty();
  }

  @Test
  void twoDeliverersWithFailingListenersDeliverEachMessageAtLeastOnce() throws Exception {
    Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> attemptsOfFailing = new ConcurrentHashMap<>();
    List<Wiring> deliverers = new ArrayList<>();
    for (int d = 0; d < 2; d++) {
      Map<String, BillingListener> listeners = new LinkedHashMap<>();
      for (String name : List.of("crm", "mailer")) {
        listeners.put(name, event -> {
          String key = name + "/" + event.key();
          // Every third event fails on its first attempt, whichever deliverer makes it.
          if (Integer.parseInt(event.key().substring(6)) % 3 == 0
              && attemptsOfFailing.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement() == 0) {
            throw new IllegalStateException("first attempt fails");
          }
          deliveries.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        });
      }
      deliverers.add(wire(listeners));
    }
    int events = 120;
    for (int i = 0; i < events; i++) {
      append(deliverers.get(0).outbox(), paid(i % 2 == 0 ? org : provision(), "event-" + i));
    }

    runConcurrently(deliverers);
    assertThat(deliveries).hasSize(2 * (events - events / 3));
    clock.advance(Duration.ofMinutes(1));
    runConcurrently(deliverers);

    assertThat(deliveries).hasSize(2 * events);
    assertThat(deliveries.values()).allSatisfy(count -> assertThat(count.get()).isGreaterThanOrEqualTo(1));
    // One failed attempt and one that succeeded: the claims kept the deliverers from doubling up.
    assertThat(attemptsOfFailing).hasSize(2 * (events / 3));
    assertThat(attemptsOfFailing.values()).allSatisfy(count -> assertThat(count).hasValue(2));
    assertThat(due(PlatformTransaction.MAX_PAGE)).isEmpty();
  }

  /** Runs every deliverer on its own thread, in small batches, until each finds nothing due; what each delivered. */
  private static List<Integer> runConcurrently(List<Wiring> deliverers) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(deliverers.size());
    try {
      CyclicBarrier start = new CyclicBarrier(deliverers.size());
      List<Future<Integer>> futures = new ArrayList<>();
      for (Wiring w : deliverers) {
        futures.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          int delivered = 0;
          DeliveryResult batch;
          do {
            batch = w.delivery().deliverDue(25);
            delivered += batch.delivered();
          } while (batch.total() > 0);
          return delivered;
        }));
      }
      List<Integer> delivered = new ArrayList<>();
      for (Future<Integer> f : futures) {
        delivered.add(f.get(60, TimeUnit.SECONDS));
      }
      return delivered;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anOrganizationsMessagesAreInvisibleFromAnotherOrganization() {
    OrgId other = provision();
    Wiring w = wire(Map.of("crm", new Recorder()));
    OutboxMessageId mine = append(w.outbox(), paid(org, "mine")).get(0);
    OutboxMessage stored = message(org, mine);

    assertThat(store.<Optional<OutboxMessage>>inTenant(other, tx -> tx.outbox().find(mine))).isEmpty();
    assertThatThrownBy(() -> store.inTenant(other, tx -> {
      tx.outbox().update(stored.claimed(clock.instant().plusSeconds(30)));
      return null;
    })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(org.toString());
    assertThatThrownBy(() -> store.inTenant(other, tx -> {
      tx.outbox().append(OutboxMessage.pending(ids.next(OutboxMessageId::of), paid(org, "smuggled"), "crm",
          clock.instant()));
      return null;
    })).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.inTenant(other, tx -> w.outbox().append(tx, paid(org, "smuggled"))))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(message(org, mine)).isEqualTo(stored);
    assertThat(due(100)).containsExactly(Map.entry(org, mine));
  }

  @Test
  void thePlatformScopeListsDueIdsLongestWaitingFirstAndInPages() {
    Wiring w = wire(Map.of("crm", new Recorder()));
    OutboxMessageId first = append(w.outbox(), paid(org, "first")).get(0);
    clock.advance(Duration.ofSeconds(1));
    OrgId other = provision();
    OutboxMessageId second = append(w.outbox(), paid(other, "second")).get(0);
    clock.advance(Duration.ofSeconds(1));
    OutboxMessageId third = append(w.outbox(), paid(org, "third")).get(0);

    assertThat(due(2)).containsExactly(Map.entry(org, first), Map.entry(other, second));
    assertThat(due(10)).containsExactly(Map.entry(org, first), Map.entry(other, second), Map.entry(org, third));
    Instant beforeThird = clock.instant().minusMillis(1);
    assertThat(store.<List<Map.Entry<OrgId, OutboxMessageId>>>inPlatform(tx -> tx.dueOutbox(beforeThird, 10)))
        .containsExactly(Map.entry(org, first), Map.entry(other, second));
    assertThatThrownBy(() -> due(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    assertThatThrownBy(() -> due(PlatformTransaction.MAX_PAGE + 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void updatesAreCheckedAgainstTheStoredVersionAndRolledBackWithTheirTransaction() {
    Wiring w = wire(Map.of("crm", new Recorder()));
    OutboxMessageId id = append(w.outbox(), paid(org, "versioned")).get(0);
    OutboxMessage stored = message(org, id);
    Instant until = clock.instant().plusSeconds(30);

    assertThatThrownBy(() -> store.inTenant(org, tx -> {
      tx.outbox().update(stored.claimed(until).claimed(until));
      return null;
    })).isInstanceOf(ConflictException.class).hasMessageContaining(id.toString());
    assertThatThrownBy(() -> store.inTenant(org, tx -> {
      tx.outbox().append(stored);
      return null;
    })).isInstanceOf(ConflictException.class);
    OutboxMessage unknown = OutboxMessage.pending(ids.next(OutboxMessageId::of), paid(org, "unknown"), "crm",
        clock.instant()).claimed(until);
    assertThatThrownBy(() -> store.inTenant(org, tx -> {
      tx.outbox().update(unknown);
      return null;
    })).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> store.inTenant(org, tx -> {
      tx.outbox().update(stored.delivered(clock.instant()));
      throw new IllegalStateException("abort");
    })).hasMessage("abort");

    assertThat(message(org, id)).isEqualTo(stored);
    assertThat(due(10)).containsExactly(Map.entry(org, id));
  }

  @Test
  void billingWiresTheOutboxAndRunsDeliveryAsItsFirstSweep() {
    Recorder crm = new Recorder();
    Recorder mailer = new Recorder();
    Billing billing = Billing.builder().store(store).clock(clock).idGenerator(ids).taxCalculator(TaxCalculator.NONE)
        .listener(crm).listener("mailer", mailer).build();
    BillingEvent event = paid(org, "wired");

    store.inTenant(org, tx -> BillingInternals.of(billing).outbox.append(tx, event));
    var summary = billing.work().runDue();

    assertThat(BillingInternals.of(billing).outbox.listeners()).containsExactly("listener-1", "mailer");
    assertThat(billing.work().sweeps().get(0)).isEqualTo(OutboxDelivery.NAME);
    assertThat(summary.outcome(OutboxDelivery.NAME).orElseThrow().result()).contains(new SweepResult(2, 0, 0));
    assertThat(crm.received).containsExactly(event);
    assertThat(mailer.received).containsExactly(event);
    assertThat(billing.work().runDue().outcome(OutboxDelivery.NAME).orElseThrow().result())
        .contains(SweepResult.NONE);
    assertThat(summary.allSucceeded()).isTrue();
  }
}
