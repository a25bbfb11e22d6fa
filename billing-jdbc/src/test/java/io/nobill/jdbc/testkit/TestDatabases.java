package io.nobill.jdbc.testkit;

import io.nobill.jdbc.JdbcBillingStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh stores for contract tests: each on its own new database, H2 in memory or a database
 * on the shared embedded PostgreSQL, with a small pool; {@link #closeAll()} after each test.
 */
public final class TestDatabases {
  private static final AtomicInteger H2_NAMES = new AtomicInteger();
  private final List<JdbcBillingStore> open = new ArrayList<>();

  public enum Kind { H2, POSTGRESQL }

  public JdbcBillingStore newStore(Kind kind) {
    JdbcBillingStore store = builder(kind).build();
    synchronized (open) {
      open.add(store);
    }
    return store;
  }

  /** A builder on a new database of the kind, with a small pool; the caller builds and closes. */
  public static JdbcBillingStore.Builder builder(Kind kind) {
    return switch (kind) {
      case H2 -> JdbcBillingStore.builder()
          .jdbcUrl(JdbcBillingStore.h2MemoryUrl("nobill-test-" + H2_NAMES.incrementAndGet()), "sa", "")
          .poolSize(8);
      case POSTGRESQL -> JdbcBillingStore.builder()
          .jdbcUrl(PostgresServer.shared().newDatabase(), PostgresServer.APP_ROLE, PostgresServer.APP_PASSWORD)
          .poolSize(8)
          .requireRowLevelSecurity(true);
    };
  }

  public void closeAll() {
    synchronized (open) {
      open.forEach(JdbcBillingStore::close);
      open.clear();
    }
  }
}
