package io.nobill.core.spi;

import java.util.Objects;
import java.util.Optional;

import io.nobill.core.id.OrgId;

/**
 * Where NOBill keeps its state. The shape of this interface is the tenancy model: tenant
 * data is reachable only through {@link #inTenant}, which hands out repositories already
 * bound to one organization, so a query for another tenant cannot be written.
 * Cross-tenant work goes through {@link #inPlatform}, which sees ids only; each item it
 * finds is then processed in its own tenant transaction.
 *
 * <p>Both methods run their work all-or-nothing: if the work throws, every write it made
 * is rolled back and the exception reaches the caller unchanged. Transactions do not nest:
 * calling either method from inside a running work throws {@link IllegalStateException}. A
 * transaction object is valid only inside its work, on the thread that runs it.
 *
 * <p>Implementations: {@code InMemoryBillingStore} in billing-core (tests, quickstart) and
 * {@code JdbcBillingStore} in {@code io.nobill:billing-jdbc} (H2, PostgreSQL). Every
 * implementation passes {@code io.nobill.core.testkit.BillingStoreContract}.
 */
public interface BillingStore {

  /**
   * Runs {@code work} in a transaction bound to {@code org}.
   *
   * @return what the work returned
   */
  <T> T inTenant(OrgId org, TenantWork<T> work);

  /**
   * As {@link #inTenant}, unless another call of this method holds {@code org} at this moment —
   * another instance's sweep working on it: then the work does not run and the result is empty,
   * without waiting. Ordinary {@code inTenant} transactions (the host's requests) are waited for
   * as usual, so a busy request path never keeps a sweep away. Sweeps use it so that several
   * instances working down the same due list pass over each other's organizations instead of
   * queueing behind them — the organization-level form of {@code SELECT … FOR UPDATE SKIP
   * LOCKED}. A skipped item stays due for the next run. A store that cannot tell runs the work
   * (the default), which is always correct: the work rechecks its item under the lock.
   *
   * @param work must return a non-null result
   * @return what the work returned, or empty if the organization was busy
   */
  default <T> Optional<T> inTenantUnlessBusy(OrgId org, TenantWork<T> work) {
    return Optional.of(Objects.requireNonNull(inTenant(org, work), "the work's result"));
  }

  /**
   * Runs {@code work} in a platform transaction that sees ids across tenants, never their data.
   *
   * @return what the work returned
   */
  <T> T inPlatform(PlatformWork<T> work);

  /**
   * The store's cache for request-path reads, {@link ReadCache#NONE} unless the store keeps
   * one (the JDBC store does; the in-memory store needs none).
   */
  default ReadCache readCache() {
    return ReadCache.NONE;
  }
}
