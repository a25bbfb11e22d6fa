package io.nobill.core.testkit;

import io.nobill.core.BillingInternals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.access.AccessDeniedException;
import io.nobill.core.access.Actor;
import io.nobill.core.Billing;
import io.nobill.core.event.BillingEvent;
import io.nobill.core.event.BillingListener;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.audit.AuditEntry;
import io.nobill.core.audit.AuditQuery;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.event.DeliveryPolicy;
import io.nobill.core.internal.event.OutboxDelivery;
import io.nobill.core.event.OutboxMessage;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.OutboxMessageId;
import io.nobill.core.id.UserId;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.PaymentCollector;
import io.nobill.core.internal.subscription.BillingEngine;
import io.nobill.core.payment.SimulatedCardCollector;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.subscription.SubscriptionStatus;
import io.nobill.core.tax.regional.RegionalTaxTable;
import io.nobill.core.work.StuckWork;
import io.nobill.core.work.WorkFailure;
import io.nobill.core.internal.work.WorkFailures;
import io.nobill.core.work.WorkSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * One poisoned message or organization never stops the rest: a listener or a collector that
 * throws anything but a fatal VM error fails only its item, which is counted, retried after
 * backoff, reported once stuck (a WARN and one {@code WorkStuck} event), listed for operators
 * with its age and last error, and — for an outbox message — dead-lettered after its
 * attempts, until an operator retries it.
 */
public abstract class WorkFailureContract {
  private static final Actor OPERATOR = Actor.operator("ops-1");

  protected abstract BillingStore newStore();

  private final TestClock clock = TestClock.at("2026-01-01T09:00:00Z");
  private final List<BillingEvent> crm = new CopyOnWriteArrayList<>();
  private final List<BillingEvent> picky = new CopyOnWriteArrayList<>();
  /** What the picky listener throws for the poisoned organization's events; nothing when null. */
  private final AtomicReference<Supplier<Throwable>> poison = new AtomicReference<>();
  /** What the collector throws for the poisoned organization; nothing when null. */
  private final AtomicReference<Supplier<Throwable>> cardNetwork = new AtomicReference<>();
  private final AtomicInteger collections = new AtomicInteger();
  private OrgId poisoned;
  private Billing billing;
  private Actor owner;

  private Billing billing(DeliveryPolicy delivery, io.nobill.core.work.FailurePolicy failures) {
    SimulatedCardCollector cards = new SimulatedCardCollector();
    PaymentCollector collector = request -> {
      collections.incrementAndGet();
      Supplier<Throwable> failure = cardNetwork.get();
      if (failure != null && request.org().equals(poisoned)) {
        WorkFailureContract.<RuntimeException>sneaky(failure.get());
      }
      return cards.collect(request);
    };
    BillingListener pickyListener = event -> {
      Supplier<Throwable> failure = poison.get();
      if (failure != null && event.org().equals(poisoned)) {
        WorkFailureContract.<RuntimeException>sneaky(failure.get());
      }
      picky.add(event);
    };
    billing = Billing.builder().store(newStore()).catalog(SeedCatalog.create("EUR"))
        .taxCalculator(RegionalTaxTable.builder().sellerCountry("DE").build())
        .subscriptions(SubscriptionSettings.defaults(SeedCatalog.PRO)).paymentCollector(collector)
        .listener("picky", pickyListener).listener("crm", crm::add)
        .deliveryPolicy(delivery).workFailurePolicy(failures)
        .clock(clock).idGenerator(IdGenerator.sequential()).build();
    return billing;
  }

  private OrgId provision(String name) {
    UserId user = billing.ids().next(UserId::of);
    owner = Actor.member(user);
    OrgId org = billing.organizations().provision(owner, new NewOrganization(Optional.empty(), name, "billing@acme.example",
        "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, user)).id();
    billing.subscriptions().attachPaymentMethod(owner, org, "pm_card_visa");
    return org;
  }

  private static DeliveryPolicy exact(int maxAttempts) {
    return new DeliveryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofHours(6), maxAttempts, 0);
  }

  private static Supplier<Throwable> throwable(String kind) {
    return switch (kind) {
      case "internal" -> () -> new InternalError("listener bug");
      case "stack" -> StackOverflowError::new;
      case "assertion" -> () -> new AssertionError("invariant broken");
      case "checked" -> () -> new java.io.IOException("socket closed");
      case "runtime" -> () -> new IllegalStateException("down");
      default -> throw new IllegalArgumentException(kind);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"internal", "stack", "assertion", "checked", "runtime"})
  void aListenerThrowingAnythingFailsOnlyItsOwnMessages(String kind) {
    billing(exact(20), io.nobill.core.work.FailurePolicy.DEFAULT);
    poisoned = provision("Poisoned");
    OrgId healthy = provision("Healthy");
    poison.set(throwable(kind));

    WorkSummary summary = billing.work().runDue();
    assertThat(summary.allSucceeded()).isTrue();
    assertThat(summary.outcome(OutboxDelivery.NAME).orElseThrow().result().orElseThrow().failed()).isPositive();
    // Every other sweep ran, and every event reached the other listener; the healthy
    // organization's reached the picky one too.
    assertThat(summary.outcomes()).hasSize(4);
    assertThat(crm).extracting(BillingEvent::org).contains(poisoned, healthy);
    assertThat(picky).isNotEmpty().allSatisfy(e -> assertThat(e.org()).isEqualTo(healthy));
    // ... and the poisoned messages wait for their backoff, their error kept.
    List<OutboxMessage> failing = pending(poisoned);
    assertThat(failing).isNotEmpty().allSatisfy(m -> {
      assertThat(m.listener()).isEqualTo("picky");
      assertThat(m.attempts()).isOne();
      assertThat(m.lastError().orElseThrow()).startsWith(throwable(kind).get().getClass().getName());
      assertThat(m.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
    });
    // Billing goes on for both: the trials convert and are invoiced and paid.
    clock.advance(Duration.ofDays(14));
    assertThat(billing.work().runDue().allSucceeded()).isTrue();
    for (OrgId org : List.of(poisoned, healthy)) {
      assertThat(billing.subscriptions().current(OPERATOR, org).orElseThrow().status())
          .isEqualTo(SubscriptionStatus.ACTIVE);
    }
  }

  @Test
  void aMessageThatKeepsFailingIsReportedDeadLetteredListedAndRetriedByAnOperator() {
    billing(exact(3), new io.nobill.core.work.FailurePolicy(2, Duration.ofMinutes(1), Duration.ofHours(1)));
    poisoned = provision("Poisoned");
    OrgId healthy = provision("Healthy");
    poison.set(throwable("internal"));
    Instant firstFailure = clock.instant();

    for (int run = 0; run < 4; run++) {
      assertThat(billing.work().runDue().allSucceeded()).isTrue();
      clock.advance(Duration.ofMinutes(10));
    }
    // Stuck after 2 failures: one WorkStuck per message, to the listeners that work; none
    // about the WorkStuck messages the picky listener fails on in turn.
    List<BillingEvent.WorkStuck> reported = crm.stream().filter(BillingEvent.WorkStuck.class::isInstance)
        .map(BillingEvent.WorkStuck.class::cast).toList();
    assertThat(reported).isNotEmpty().allSatisfy(w -> {
      assertThat(w.org()).isEqualTo(poisoned);
      assertThat(w.kind()).isEqualTo(OutboxDelivery.NAME);
      assertThat(w.failures()).isEqualTo(2);
      assertThat(w.since()).isEqualTo(firstFailure);
      assertThat(w.lastError()).isEqualTo("java.lang.InternalError: listener bug");
    });
    List<String> firstEvents = reported.stream().map(BillingEvent.WorkStuck::item).toList();
    assertThat(firstEvents).doesNotHaveDuplicates();
    // After 3 attempts each is dead-lettered.
    for (String item : firstEvents) {
      OutboxMessage m = message(poisoned, item);
      assertThat(m.event()).isNotInstanceOf(BillingEvent.WorkStuck.class);
      assertThat(m.listener()).isEqualTo("picky");
      assertThat(m.state()).isEqualTo(OutboxMessage.State.ABANDONED);
      assertThat(m.attempts()).isEqualTo(3);
      assertThat(m.lastError().orElseThrow()).isEqualTo("dead-lettered after 3 attempts: java.lang.InternalError: listener bug");
    }

    // Operators, and only operators, list them: the oldest first, with age and last error.
    assertThatThrownBy(() -> billing.work().stuck(owner, 10)).isInstanceOfSatisfying(AccessDeniedException.class,
        e -> assertThat(e.permission()).isEqualTo("work.read"));
    assertThatThrownBy(() -> billing.work().stuck(Actor.job("cron"), 10)).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> billing.work().stuck(OPERATOR, 0)).isInstanceOfSatisfying(InvalidRequestException.class,
        e -> assertThat(e.field()).isEqualTo("limit"));
    List<StuckWork> stuck = billing.work().stuck(OPERATOR, 100);
    assertThat(stuck).extracting(s -> s.failure().item()).containsAll(firstEvents);
    assertThat(stuck).extracting(s -> s.failure().firstFailureAt()).isSorted();
    assertThat(stuck).filteredOn(s -> firstEvents.contains(s.failure().item())).allSatisfy(s -> {
      WorkFailure f = s.failure();
      assertThat(f.org()).isEqualTo(poisoned);
      assertThat(f.gaveUp()).isTrue();
      assertThat(s.age()).isEqualTo(Duration.between(f.firstFailureAt(), clock.instant()));
      assertThat(f.lastError()).isEqualTo("java.lang.InternalError: listener bug");
    });
    assertThat(billing.work().stuck(OPERATOR, 1)).hasSize(1);

    // A dead letter stays dead without an operator ...
    clock.advance(Duration.ofDays(1));
    billing.work().runDue();
    assertThat(picky).noneMatch(e -> e.org().equals(poisoned));
    // ... who retries it once the listener is fixed: it is delivered and leaves the list.
    poison.set(null);
    String item = firstEvents.get(0);
    assertThatThrownBy(() -> billing.work().retry(owner, poisoned, OutboxDelivery.NAME, item))
        .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.permission()).isEqualTo("work.manage"));
    assertThatThrownBy(() -> billing.work().retry(OPERATOR, healthy, OutboxDelivery.NAME, item))
        .isInstanceOf(NotFoundException.class);
    billing.work().retry(OPERATOR, poisoned, OutboxDelivery.NAME, item);
    billing.work().runDue();
    OutboxMessage retried = message(poisoned, item);
    assertThat(retried.state()).isEqualTo(OutboxMessage.State.DELIVERED);
    assertThat(picky).anyMatch(e -> e.org().equals(poisoned));
    assertThat(billing.work().stuck(OPERATOR, 100)).extracting(s -> s.failure().item()).doesNotContain(item);
    List<AuditEntry> audited = billing.audit().query(OPERATOR, poisoned, AuditQuery.ALL.withAction("work.retried"), 0, 10);
    assertThat(audited).singleElement().satisfies(a -> {
      assertThat(a.actor()).isEqualTo(OPERATOR.describe());
      assertThat(a.target().id()).isEqualTo(item);
      assertThat(a.before()).containsEntry("failures", "3").containsEntry("gaveUp", "true");
    });
  }

  @Test
  void aFatalErrorPropagatesButTheNextRunGetsPastTheMessageThatCausedIt() {
    billing(exact(20), io.nobill.core.work.FailurePolicy.DEFAULT);
    poisoned = provision("Poisoned");
    OrgId healthy = provision("Healthy");
    AtomicInteger fatal = new AtomicInteger(1);
    poison.set(() -> fatal.getAndDecrement() > 0 ? new OutOfMemoryError("simulated")
        : new IllegalStateException("still failing"));

    assertThatThrownBy(() -> billing.work().runDue()).isInstanceOf(OutOfMemoryError.class);
    // The next run, at the same instant: the message that ran out of memory counted its
    // attempt and waits for its backoff, so the others are delivered.
    poison.set(null);
    WorkSummary next = billing.work().runDue();
    assertThat(next.allSucceeded()).isTrue();
    assertThat(picky).extracting(BillingEvent::org).contains(healthy);
    List<OutboxMessage> waiting = pending(poisoned);
    assertThat(waiting).singleElement().satisfies(m -> {
      assertThat(m.attempts()).isOne();
      assertThat(m.nextAttemptAt()).isAfter(clock.instant());
    });
    clock.advance(Duration.ofMinutes(1));
    billing.work().runDue();
    assertThat(pending(poisoned)).isEmpty();
    assertThat(picky).extracting(BillingEvent::org).contains(poisoned);
  }

  @Test
  void aCollectorThrowingAnErrorForOneOrganizationFailsOnlyItsCollectionWhichBacksOffAndIsReported() {
    billing(exact(20), new io.nobill.core.work.FailurePolicy(3, Duration.ofMinutes(10), Duration.ofHours(1)));
    poisoned = provision("Poisoned");
    OrgId healthy = provision("Healthy");
    cardNetwork.set(() -> new InternalError("card network"));
    clock.advance(Duration.ofDays(14));

    assertThat(billing.work().runDue().allSucceeded()).isTrue();
    assertThat(openInvoices(healthy)).isZero();
    assertThat(openInvoices(poisoned)).isOne();
    InvoiceId invoice = billing.invoices().list(OPERATOR, poisoned, Optional.empty(), Optional.empty(), 10).get(0).id();
    WorkFailure first = failure(poisoned, BillingEngine.COLLECTION, invoice.toString()).orElseThrow();
    assertThat(first.failures()).isOne();
    assertThat(first.lastError()).isEqualTo("java.lang.InternalError: card network");
    assertThat(first.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));

    // Its claim ran out after 5 minutes, but its backoff has not: passed over, not collected.
    clock.advance(Duration.ofMinutes(6));
    int calls = collections.get();
    billing.work().runDue();
    assertThat(collections).hasValue(calls);
    // After the backoff it is tried again, and after three failures in a row it is stuck.
    for (int i = 0; i < 2; i++) {
      clock.advance(Duration.ofHours(1));
      assertThat(billing.work().runDue().allSucceeded()).isTrue();
    }
    assertThat(failure(poisoned, BillingEngine.COLLECTION, invoice.toString()).orElseThrow().failures()).isEqualTo(3);
    assertThat(billing.work().stuck(OPERATOR, 10)).singleElement().satisfies(s -> {
      assertThat(s.failure().kind()).isEqualTo(BillingEngine.COLLECTION);
      assertThat(s.failure().item()).isEqualTo(invoice.toString());
      assertThat(s.failure().gaveUp()).isFalse();
      assertThat(s.age()).isEqualTo(Duration.ofMinutes(126));
    });
    billing.work().runDue();
    assertThat(crm).filteredOn(BillingEvent.WorkStuck.class::isInstance).singleElement()
        .satisfies(e -> assertThat(((BillingEvent.WorkStuck) e).item()).isEqualTo(invoice.toString()));

    // Once the card network is back, the next attempt succeeds and clears the record.
    cardNetwork.set(null);
    clock.advance(Duration.ofHours(1));
    billing.work().runDue();
    assertThat(openInvoices(poisoned)).isZero();
    assertThat(failure(poisoned, BillingEngine.COLLECTION, invoice.toString())).isEmpty();
    assertThat(billing.work().stuck(OPERATOR, 10)).isEmpty();
  }

  private long openInvoices(OrgId org) {
    return billing.invoices().list(OPERATOR, org, Optional.empty(), Optional.empty(), 10).stream()
        .filter(i -> i.status() == InvoiceStatus.OPEN).count();
  }

  private Optional<WorkFailure> failure(OrgId org, String kind, String item) {
    return BillingInternals.of(billing).store.inTenant(org, tx -> tx.workFailures().find(kind, item));
  }

  private OutboxMessage message(OrgId org, String id) {
    return BillingInternals.of(billing).store.inTenant(org, tx -> tx.outbox().find(OutboxMessageId.of(UUID.fromString(id))).orElseThrow());
  }

  private List<OutboxMessage> messages(OrgId org) {
    return BillingInternals.of(billing).store.inPlatform(tx -> tx.dueOutbox(Instant.parse("2200-01-01T00:00:00Z"), 10_000)).stream()
        .filter(e -> e.getKey().equals(org))
        .map(e -> BillingInternals.of(billing).store.inTenant(org, tx -> tx.outbox().find(e.getValue()).orElseThrow()))
        .toList();
  }

  private List<OutboxMessage> pending(OrgId org) {
    return messages(org).stream().filter(m -> m.state() == OutboxMessage.State.PENDING).toList();
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> void sneaky(Throwable t) throws E {
    throw (E) t;
  }
}
