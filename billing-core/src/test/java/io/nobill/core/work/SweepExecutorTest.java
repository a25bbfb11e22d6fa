package io.nobill.core.work;

import io.nobill.core.internal.work.SweepItems;
import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.access.Actor;
import io.nobill.core.Billing;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.PlatformWork;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.spi.TenantWork;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.testkit.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sweep workers run on the calling thread by default, on the host's executor when it gives
 * one, and never on threads a run makes for itself.
 */
class SweepExecutorTest {
  private final TestClock clock = TestClock.at("2026-01-01T09:00:00Z");
  private final RecordingStore store = new RecordingStore(InMemoryBillingStore.create());
  private final AtomicInteger hostThreads = new AtomicInteger();
  private final AtomicInteger submitted = new AtomicInteger();
  private final ThreadPoolExecutor hostPool = new ThreadPoolExecutor(3, 3, 1, TimeUnit.MINUTES,
      new LinkedBlockingQueue<>(), r -> new Thread(r, "host-sweep-" + hostThreads.incrementAndGet()));
  private final Executor host = task -> {
    submitted.incrementAndGet();
    hostPool.execute(task);
  };

  @AfterEach
  void shutDown() {
    hostPool.shutdownNow();
  }

  /** The store, recording the thread of every sweep item's transaction, each taking a little while. */
  private static final class RecordingStore implements BillingStore {
    private final BillingStore inner;
    final Set<Thread> itemThreads = ConcurrentHashMap.newKeySet();

    RecordingStore(BillingStore inner) {
      this.inner = inner;
    }

    @Override
    public <T> T inTenant(OrgId org, TenantWork<T> work) {
      return inner.inTenant(org, work);
    }

    @Override
    public <T> Optional<T> inTenantUnlessBusy(OrgId org, TenantWork<T> work) {
      itemThreads.add(Thread.currentThread());
      try {
        Thread.sleep(5);   // long enough for the other workers to start taking items
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return inner.inTenantUnlessBusy(org, work);
    }

    @Override
    public <T> T inPlatform(PlatformWork<T> work) {
      return inner.inPlatform(work);
    }
  }

  private Billing billing(Billing.Builder builder) {
    Billing billing = builder.store(store).catalog(SeedCatalog.create("EUR")).taxCalculator(TaxCalculator.NONE)
        .subscriptions(SubscriptionSettings.defaults(SeedCatalog.PRO)).clock(clock).build();
    for (int i = 0; i < 12; i++) {
      UserId owner = billing.ids().next(UserId::of);
      billing.organizations().provision(Actor.member(owner), new NewOrganization(Optional.empty(), "Org " + i,
          "billing@org" + i + ".example", "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, owner));
    }
    return billing;
  }

  private static Set<String> sweepThreadNames() {
    Set<String> names = new java.util.HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("nobill-sweep-")) {
        names.add(t.getName());
      }
    }
    return names;
  }

  @Test
  void byDefaultEveryItemRunsOnTheCallingThread() {
    Billing billing = billing(Billing.builder());
    clock.advance(Duration.ofDays(15));
    billing.work().runDue();
    assertThat(store.itemThreads).containsExactly(Thread.currentThread());
  }

  @Test
  void withTheHostsExecutorTheWorkersAreTheCallingThreadAndTheHostsThreadsOnly() {
    Set<String> before = sweepThreadNames();
    Billing billing = billing(Billing.builder().sweepWorkers(4).sweepExecutor(host));
    Set<Thread> seen = ConcurrentHashMap.newKeySet();
    clock.advance(Duration.ofDays(15));
    for (int run = 0; run < 3; run++) {
      int submittedBefore = submitted.get();
      store.itemThreads.clear();
      billing.work().runDue();
      seen.addAll(store.itemThreads);
      // At most three tasks per sweep (the calling thread is the fourth worker), whatever the number of items.
      assertThat(submitted.get() - submittedBefore).as("tasks handed to the host in run %d", run)
          .isLessThanOrEqualTo(3 * 3);
      clock.advance(Duration.ofDays(32));
    }
    assertThat(seen).allSatisfy(t -> assertThat(t == Thread.currentThread() || t.getName().startsWith("host-sweep-"))
        .as(t.getName()).isTrue());
    assertThat(seen).anySatisfy(t -> assertThat(t.getName()).startsWith("host-sweep-"));
    assertThat(hostThreads).hasValueLessThanOrEqualTo(3);
    assertThat(sweepThreadNames()).as("threads NOBill made").isEqualTo(before);
  }

  @Test
  void sweepWorkersAloneKeepOnePoolForEveryRunInsteadOfOnePerRun() {
    Billing billing = billing(Billing.builder().sweepWorkers(4));
    Set<String> names = ConcurrentHashMap.newKeySet();
    clock.advance(Duration.ofDays(15));
    for (int run = 0; run < 3; run++) {
      store.itemThreads.clear();
      billing.work().runDue();
      store.itemThreads.stream().filter(t -> t != Thread.currentThread()).map(Thread::getName).forEach(names::add);
      clock.advance(Duration.ofDays(32));
    }
    // Three runs of three sweeps with items, each on the same three threads at most.
    assertThat(names).isNotEmpty().allSatisfy(n -> assertThat(n).startsWith("nobill-sweep-"));
    assertThat(names).hasSizeLessThanOrEqualTo(3);
  }

  @Test
  void aRunOnTheExecutorItHandsItsWorkersToNeverWaitsForItself() throws Exception {
    ExecutorService single = Executors.newSingleThreadExecutor();
    try {
      SweepItems items = SweepItems.of(4, single);
      List<Integer> all = IntStream.range(0, 20).boxed().toList();
      Future<SweepItems.Counts> run = single.submit(() -> items.forEach(all, i -> i % 5, i -> true, (i, e) -> { }));
      assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo(new SweepItems.Counts(20, 0, 0));
    } finally {
      single.shutdownNow();
    }
  }

  @Test
  void anExecutorThatRefusesLeavesTheItemsToTheCallingThread() {
    Executor refusing = task -> {
      throw new java.util.concurrent.RejectedExecutionException("shut down");
    };
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    SweepItems.Counts counts = SweepItems.of(3, refusing).forEach(IntStream.range(0, 9).boxed().toList(), i -> i % 3,
        i -> threads.add(Thread.currentThread()) || true, (i, e) -> { });
    assertThat(counts).isEqualTo(new SweepItems.Counts(9, 0, 0));
    assertThat(threads).containsExactly(Thread.currentThread());
  }
}
