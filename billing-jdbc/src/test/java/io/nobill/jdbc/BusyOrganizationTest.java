package io.nobill.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.id.OrgId;
import io.nobill.core.testkit.TestOrganizations;
import io.nobill.jdbc.testkit.TestDatabases;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sweeps pass over an organization another sweep holds ({@code inTenantUnlessBusy}), the
 * organization-level form of {@code FOR UPDATE SKIP LOCKED}, and wait for requests as every
 * transaction does; H2, one process's database, always waits.
 */
class BusyOrganizationTest {
  private final TestDatabases databases = new TestDatabases();
  private final OrgId a = OrgId.of(new UUID(0x7000_0000_0000_0001L, 1));
  private final OrgId b = OrgId.of(new UUID(0x7000_0000_0000_0001L, 2));

  @AfterEach
  void close() {
    databases.closeAll();
  }

  private static void provision(JdbcBillingStore store, OrgId org) {
    store.inTenant(org, tx -> {
      tx.organization().insert(TestOrganizations.named(org, "Org " + org));
      return null;
    });
  }

  /**
   * Holds {@code org}'s transaction open until the returned latch is counted down: as a sweep
   * ({@code inTenantUnlessBusy}) or as a request ({@code inTenant}).
   */
  private static CountDownLatch hold(JdbcBillingStore store, OrgId org, boolean asSweep, CompletableFuture<Void> done)
      throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    io.nobill.core.spi.TenantWork<String> work = tx -> {
      held.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "held";
    };
    CompletableFuture.runAsync(() -> {
      if (asSweep) {
        store.inTenantUnlessBusy(org, work);
      } else {
        store.inTenant(org, work);
      }
    }).whenComplete((v, e) -> done.complete(null));
    assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
    return release;
  }

  @Test
  void onPostgreSqlAnOrganizationAnotherSweepHoldsIsPassedOverAtOnceAndAFreeOneRuns() throws Exception {
    JdbcBillingStore store = databases.newStore(TestDatabases.Kind.POSTGRESQL);
    provision(store, a);
    provision(store, b);
    CompletableFuture<Void> done = new CompletableFuture<>();
    CountDownLatch release = hold(store, a, true, done);
    try {
      long start = System.nanoTime();
      assertThat(store.inTenantUnlessBusy(a, tx -> "ran")).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(store.inTenantUnlessBusy(b, tx -> tx.organization().find().isPresent())).contains(true);
    } finally {
      release.countDown();
    }
    done.get(10, TimeUnit.SECONDS);
    // Once free, the organization runs again.
    assertThat(store.inTenantUnlessBusy(a, tx -> tx.organization().find().isPresent())).contains(true);
  }

  @Test
  void onPostgreSqlASweepWaitsForARequestAndRunsSoBusyRequestsNeverStarveIt() throws Exception {
    JdbcBillingStore store = databases.newStore(TestDatabases.Kind.POSTGRESQL);
    assertASweepWaitsAndRuns(store, false);
  }

  @Test
  void onH2TheWorkWaitsForTheOrganizationAndRuns() throws Exception {
    JdbcBillingStore store = databases.newStore(TestDatabases.Kind.H2);
    assertASweepWaitsAndRuns(store, true);
  }

  /** While {@code a} is held (as a sweep or as a request), a sweep on it waits, then runs. */
  private void assertASweepWaitsAndRuns(JdbcBillingStore store, boolean heldBySweep) throws Exception {
    provision(store, a);
    CompletableFuture<Void> done = new CompletableFuture<>();
    CountDownLatch release = hold(store, a, heldBySweep, done);
    CompletableFuture<Optional<String>> waiting = CompletableFuture.supplyAsync(() -> store.inTenantUnlessBusy(a, tx -> "ran"));
    Thread.sleep(200);
    assertThat(waiting).isNotDone();
    release.countDown();
    assertThat(waiting.get(10, TimeUnit.SECONDS)).contains("ran");
    done.get(10, TimeUnit.SECONDS);
  }
}
