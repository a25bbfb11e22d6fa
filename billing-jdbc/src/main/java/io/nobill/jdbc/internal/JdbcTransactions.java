package io.nobill.jdbc.internal;

import io.nobill.core.error.BillingException;
import io.nobill.core.error.ConflictException;
import io.nobill.core.id.OrgId;
import io.nobill.core.spi.PlatformWork;
import io.nobill.core.spi.TenantWork;
import io.nobill.jdbc.StorageException;
import io.nobill.jdbc.internal.shape.PersistedBodies;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tenant and platform work, each in one database transaction on one connection: it
 * commits when the work returns, rolls back when it throws, and turns database failures into
 * {@link StorageException} or, for a violated unique key, {@link ConflictException}.
 */
public final class JdbcTransactions {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcTransactions.class);

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final PersistedBodies bodies = new PersistedBodies();
  private final Duration cacheTtl;
  private final ThreadLocal<Boolean> open = new ThreadLocal<>();
  private final JdbcReadCache readCache;

  private JdbcTransactions(Jdbi jdbi, Dialect dialect, Duration cacheTtl) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.cacheTtl = cacheTtl;
    this.readCache = cacheTtl.isZero() ? null : new JdbcReadCache(cacheTtl);
  }

  /** The request-path cache, or {@link io.nobill.core.spi.ReadCache#NONE} when the time-to-live is zero. */
  public io.nobill.core.spi.ReadCache readCache() {
    return readCache == null ? io.nobill.core.spi.ReadCache.NONE : readCache;
  }

  public static JdbcTransactions start(DataSource dataSource, Dialect dialect, boolean requireRowLevelSecurity,
      Duration cacheTtl) {
    Jdbi jdbi = Jdbi.create(dataSource);
    // Jdbi's default message names every bound value: e-mails, names, JSON bodies. A failing
    // statement's exception is logged by whoever catches it, so it carries none of them.
    jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
    JdbcTransactions t = new JdbcTransactions(jdbi, dialect, cacheTtl);
    if (dialect == Dialect.POSTGRESQL) {
      t.checkRowLevelSecurity(requireRowLevelSecurity);
    }
    return t;
  }

  private void checkRowLevelSecurity(boolean require) {
    Map<String, Object> role = withHandle(h -> h.createQuery(
        "SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user").mapToMap().one());
    boolean bypasses = Boolean.TRUE.equals(role.get("rolsuper")) || Boolean.TRUE.equals(role.get("rolbypassrls"));
    if (bypasses) {
      String message = "the database role '" + role.get("rolname") + "' bypasses row-level security (superuser or "
          + "BYPASSRLS): tenant isolation rests on structural scoping alone; connect as an ordinary role";
      if (require) {
        throw new StorageException(message, false);
      }
      LOG.warn(message);
    }
  }

  PersistedBodies bodies() {
    return bodies;
  }

  Dialect dialect() {
    return dialect;
  }

  Duration cacheTtl() {
    return cacheTtl;
  }

  public <T> T inTenant(OrgId org, TenantWork<T> work) {
    return tenant(org, h -> {
      dialect.enterTenant(h, org);
      return true;
    }, work, null);
  }

  /** As {@link #inTenant}, unless another sweep holds the organization: then empty, without waiting. */
  public <T> Optional<T> inTenantUnlessBusy(OrgId org, TenantWork<T> work) {
    return tenant(org, h -> dialect.tryEnterTenant(h, org),
        tx -> Optional.of(Objects.requireNonNull(work.execute(tx), "the work's result")), Optional.empty());
  }

  /** A tenant transaction: {@code enter} scopes and locks it, or says the organization is busy. */
  private <T> T tenant(OrgId org, java.util.function.Predicate<Handle> enter, TenantWork<T> work, T whenBusy) {
    try {
      return run(h -> {
        if (!enter.test(h)) {
          return whenBusy;
        }
        JdbcTenant tx = new JdbcTenant(h, org, this);
        try {
          return work.execute(tx);
        } finally {
          tx.end();
        }
      });
    } finally {
      // Any transaction but the cache's own loads may have changed what the cache derived
      // from; dropping the organization's entries after it is cheaper than tracking writes.
      if (readCache != null && !readCache.isLoading()) {
        readCache.invalidate(org);
      }
    }
  }

  public <T> T inPlatform(PlatformWork<T> work) {
    return run(h -> {
      dialect.enterPlatform(h);
      JdbcPlatform tx = new JdbcPlatform(h, this);
      try {
        return work.execute(tx);
      } finally {
        tx.end();
      }
    });
  }

  /**
   * Raw SQL inside a tenant's transaction, for tests that must do what no repository allows
   * (tamper with an audit row). Not for production use.
   */
  public <T> T rawInTenant(OrgId org, java.util.function.Function<Handle, T> work) {
    return run(h -> {
      dialect.enterTenant(h, org);
      return work.apply(h);
    });
  }

  private interface Body<T> {
    T run(Handle h);
  }

  private <T> T withHandle(Body<T> body) {
    try (Handle h = openHandle()) {
      return body.run(h);
    } catch (JdbiException e) {
      throw translate(e);
    }
  }

  private <T> T run(Body<T> body) {
    if (open.get() != null) {
      throw new IllegalStateException("a NOBill transaction is already open on this thread; transactions do not nest");
    }
    open.set(Boolean.TRUE);
    try (Handle h = openHandle()) {
      try {
        h.begin();
        T result = body.run(h);
        h.commit();
        return result;
      } catch (JdbiException e) {
        rollbackQuietly(h, e);
        throw translate(e);
      } catch (RuntimeException | Error e) {
        rollbackQuietly(h, e);
        throw e;
      }
    } catch (JdbiException e) {
      throw translate(e);
    } finally {
      open.remove();
    }
  }

  private Handle openHandle() {
    try {
      return jdbi.open();
    } catch (ConnectionException e) {
      throw new StorageException("no database connection: " + rootMessage(e), true, e);
    }
  }

  private static void rollbackQuietly(Handle h, Throwable cause) {
    try {
      if (h.isInTransaction()) {
        h.rollback();
      }
    } catch (RuntimeException rollbackFailure) {
      // The connection is likely gone, and the database rolls back what it never committed.
      cause.addSuppressed(rollbackFailure);
    }
  }

  /**
   * The database's failure as NOBill reports it. Drivers put the statement's values in their
   * messages (H2: {@code VALUES ( /* 1 *&#47; 'ann@example.com' )}; PostgreSQL: {@code Key
   * (email)=(ann@example.com)}), and whatever catches the exception logs it: the message and
   * the cause keep the SQLState, the driver's error code and class, the violated constraint's
   * name and the driver's stack trace, and leave the driver's text out. A lost connection says
   * nothing about values and is kept as it is.
   */
  static BillingException translate(JdbiException e) {
    SQLException sql = sqlCause(e);
    String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
    String what = describe(sql, state);
    Throwable cause = e instanceof ConnectionException ? e : redacted(e, sql, what);
    if (state.startsWith("23")) {
      // A unique key taken by a concurrent insert: a retry reads the row that won. Other
      // integrity rules fail the same way again.
      return new ConflictException("database", "a unique or integrity rule was violated (" + what + ")",
          state.equals("23505"), cause);
    }
    if (state.equals("25006") || state.equals("90097") || state.equals("HY000") && rootMessage(e).contains("read only")) {
      return new StorageException("the database is read-only (" + what + ")", false, cause);
    }
    boolean retryable = state.startsWith("08") || state.startsWith("40") || state.startsWith("57P") || state.equals("55P03")
        || state.equals("HYT00") || state.equals("50200") || e instanceof ConnectionException;
    return new StorageException("the database failed (" + what + ")", retryable, cause);
  }

  private static final java.util.regex.Pattern CONSTRAINT = java.util.regex.Pattern.compile(
      // PostgreSQL: ... constraint "name"; H2: ... violation: "[schema.]NAME ON ..." or "NAME: ..."
      "constraint \"([A-Za-z0-9_]{1,63})\"|violation: \"(?:[A-Za-z0-9_]+\\.)?([A-Za-z0-9_]{1,63})[ :\"]");

  /**
   * SQLStates whose messages name objects and conditions, never values: connection (08),
   * unsupported feature (0A), transaction state (25), rollback (40), access rule or syntax (42),
   * resources (53, 54), object state (55), operator intervention (57), H2's lock timeout. Data
   * (22) and integrity (23) errors quote the values, and anything else is not trusted.
   */
  private static boolean messageNamesNoValues(String state) {
    return state.length() == 5 && (java.util.Set.of("08", "0A", "25", "40", "42", "53", "54", "55", "57")
        .contains(state.substring(0, 2)) || state.equals("HYT00"));
  }

  /**
   * SQLState, driver error code and class, the constraint's name when the driver gives one,
   * and the driver's first line only for states whose messages hold no values.
   */
  private static String describe(SQLException sql, String state) {
    StringBuilder b = new StringBuilder("SQLState ").append(state.isEmpty() ? "unknown" : state);
    if (sql != null) {
      b.append(", error ").append(sql.getErrorCode()).append(" from ").append(sql.getClass().getSimpleName());
      String message = sql.getMessage() == null ? "" : sql.getMessage();
      java.util.regex.Matcher m = CONSTRAINT.matcher(message);
      if (m.find()) {
        b.append(", constraint ").append(m.group(1) != null ? m.group(1) : m.group(2));
      }
      if (messageNamesNoValues(state)) {
        String line = message.lines().findFirst().orElse("");
        int statement = line.indexOf("; SQL statement:");
        line = statement < 0 ? line : line.substring(0, statement);
        b.append(": ").append(line.length() > 300 ? line.substring(0, 300) + "…" : line);
      }
    }
    return b.toString();
  }

  /** A stand-in for the driver's exception: its kind, codes and stack trace, without its text. */
  private static Throwable redacted(JdbiException e, SQLException sql, String what) {
    Throwable origin = sql != null ? sql : e;
    SQLException stand = new SQLException(origin.getClass().getName() + " (" + what
        + "; its message is left out, as it may hold the statement's values)",
        sql == null ? null : sql.getSQLState(), sql == null ? 0 : sql.getErrorCode());
    stand.setStackTrace(origin.getStackTrace());
    return stand;
  }

  private static SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return s;
      }
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return m == null ? root.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}
