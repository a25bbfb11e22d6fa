package io.nobill.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.nobill.core.id.OrgId;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.PlatformWork;
import io.nobill.core.spi.TenantWork;
import io.nobill.jdbc.internal.Dialect;
import io.nobill.jdbc.internal.JdbcTransactions;
import io.nobill.jdbc.internal.Migrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link BillingStore} on H2 (the embedded default) or PostgreSQL (production).
 *
 * <pre>{@code
 * JdbcBillingStore store = JdbcBillingStore.create(dataSource);           // the host's pool
 * JdbcBillingStore store = JdbcBillingStore.builder()
 *     .jdbcUrl(JdbcBillingStore.h2FileUrl(Path.of("data/billing")), "sa", "")  // a pool of its own
 *     .build();
 * }</pre>
 *
 * <p>On start it migrates its own tables (prefixed {@code nobill_}, history in {@code
 * nobill_schema_history}, beside whatever the host keeps in the same database) or, in {@link
 * SchemaMode#VALIDATE}, only checks them. Each organization's transactions run one at a time
 * (a transaction-scoped lock per organization), which is what keeps ledger sequences, invoice
 * numbers and usage deduplication exact across instances; different organizations never wait
 * for each other. On PostgreSQL every tenant transaction also scopes row-level security to its
 * organization.
 *
 * <p>Close it when the store built its own pool; closing a store over the host's {@code
 * DataSource} leaves the pool to the host.
 */
public final class JdbcBillingStore implements BillingStore, AutoCloseable {
  private final JdbcTransactions transactions;
  private final Dialect dialect;
  private final AutoCloseable ownedPool;

  private JdbcBillingStore(JdbcTransactions transactions, Dialect dialect, AutoCloseable ownedPool) {
    this.transactions = transactions;
    this.dialect = dialect;
    this.ownedPool = ownedPool;
  }

  /** A store over the host's {@code DataSource}, migrating on start, with default settings. */
  public static JdbcBillingStore create(DataSource dataSource) {
    return builder().dataSource(dataSource).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The URL of an H2 database in files at {@code base} (H2 adds {@code .mv.db}), set up as
   * NOBill needs it: PostgreSQL mode, and every commit written to disk before it returns
   * (H2's default delays writes by half a second, so a crash could lose committed billing).
   * H2 suits a single process — the quickstart, a small deployment, tests; production belongs
   * on PostgreSQL.
   */
  public static String h2FileUrl(Path base) {
    Objects.requireNonNull(base, "base");
    return "jdbc:h2:file:" + base.toAbsolutePath() + ";" + H2_SETTINGS + ";WRITE_DELAY=0";
  }

  /** The URL of a private in-memory H2 database, for tests: it lives while the JVM does. */
  public static String h2MemoryUrl(String name) {
    Objects.requireNonNull(name, "name");
    return "jdbc:h2:mem:" + name + ";" + H2_SETTINGS + ";DB_CLOSE_DELAY=-1";
  }

  private static final String H2_SETTINGS = "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
      + "LOCK_TIMEOUT=30000";

  /**
   * The H2 settings the schema and queries rely on, each as H2 reports it in {@code
   * INFORMATION_SCHEMA.SETTINGS}: PostgreSQL's syntax and types, its lower-case identifiers
   * and its ordering of nulls. Without them the same query answers differently than on
   * PostgreSQL, or not at all.
   */
  private static final java.util.Map<String, String> H2_REQUIRED = java.util.Map.of(
      "MODE", "PostgreSQL", "DATABASE_TO_LOWER", "TRUE", "DEFAULT_NULL_ORDERING", "HIGH");

  /** The database this store runs on. */
  public String database() {
    return dialect.name();
  }

  @Override
  public <T> T inTenant(OrgId org, TenantWork<T> work) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(work, "work");
    return transactions.inTenant(org, work);
  }

  /**
   * On PostgreSQL an organization another sweep holds is passed over at once, and a request
   * holding it is waited for (at most the 30 s lock timeout); on H2 this waits, as {@code
   * inTenant} does.
   */
  @Override
  public <T> Optional<T> inTenantUnlessBusy(OrgId org, TenantWork<T> work) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(work, "work");
    return transactions.inTenantUnlessBusy(org, work);
  }

  @Override
  public <T> T inPlatform(PlatformWork<T> work) {
    Objects.requireNonNull(work, "work");
    return transactions.inPlatform(work);
  }

  /**
   * The cache behind warm entitlement checks: per organization, dropped after every
   * transaction of that organization through this store, and used at most {@code cacheTtl}
   * (5 s by default) after it was loaded, on the clock of the {@code Billing} reading it, so
   * another instance's change shows within that time.
   */
  @Override
  public io.nobill.core.spi.ReadCache readCache() {
    return transactions.readCache();
  }

  /** Raw SQL in a tenant's transaction, for tamper and isolation tests only. */
  <T> T rawForTests(OrgId org, java.util.function.Function<org.jdbi.v3.core.Handle, T> work) {
    return transactions.rawInTenant(org, work);
  }

  /** Closes the pool this store built; a host's {@code DataSource} is left open. */
  @Override
  public void close() {
    if (ownedPool != null) {
      try {
        ownedPool.close();
      } catch (Exception e) {
        throw new StorageException("closing the connection pool failed", false, e);
      }
    }
  }

  /** Settings for a {@link JdbcBillingStore}; {@link #build()} validates them and starts the store. */
  public static final class Builder {
    private DataSource dataSource;
    private String jdbcUrl;
    private String user;
    private String password;
    private int poolSize = 10;
    private SchemaMode schemaMode = SchemaMode.MIGRATE;
    private boolean requireRowLevelSecurity;
    private Duration cacheTtl = Duration.ofSeconds(5);

    private Builder() {}

    /** The host's {@code DataSource}; NOBill borrows connections and never closes it. */
    public Builder dataSource(DataSource dataSource) {
      Objects.requireNonNull(dataSource, "dataSource");
      if (this.dataSource != null || jdbcUrl != null) {
        throw new IllegalStateException("the database is set already; give either dataSource or jdbcUrl, once");
      }
      this.dataSource = dataSource;
      return this;
    }

    /** A JDBC URL for which the store builds (and closes) a HikariCP pool of its own. */
    public Builder jdbcUrl(String jdbcUrl, String user, String password) {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (this.dataSource != null || this.jdbcUrl != null) {
        throw new IllegalStateException("the database is set already; give either dataSource or jdbcUrl, once");
      }
      if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("jdbcUrl must be an H2 (jdbc:h2:) or PostgreSQL (jdbc:postgresql:) URL");
      }
      this.jdbcUrl = jdbcUrl;
      this.user = user;
      this.password = password;
      return this;
    }

    /** The size of the pool built for {@link #jdbcUrl}; 10 by default. */
    public Builder poolSize(int poolSize) {
      if (poolSize < 1 || poolSize > 1_000) {
        throw new IllegalArgumentException("poolSize must be in 1..1000, was " + poolSize);
      }
      this.poolSize = poolSize;
      return this;
    }

    /** Migrate on start (the default) or only validate. */
    public Builder schema(SchemaMode mode) {
      this.schemaMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * On PostgreSQL, refuse to start when the connecting role bypasses row-level security (a
     * superuser or a BYPASSRLS role), where the policies would silently not apply. Off by
     * default, when such a role is only logged as a warning.
     */
    public Builder requireRowLevelSecurity(boolean require) {
      this.requireRowLevelSecurity = require;
      return this;
    }

    /**
     * How long another instance's change may take to show in this instance's cached
     * catalog and entitlement inputs; this instance's own changes invalidate at once. 5
     * seconds by default; zero disables the caches.
     */
    public Builder cacheTtl(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl");
      if (ttl.isNegative() || ttl.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("cacheTtl must be between 0 and 10 minutes, was " + ttl);
      }
      this.cacheTtl = ttl;
      return this;
    }

    /**
     * Checks the settings, connects once, checks the database (on H2: {@code MODE=PostgreSQL},
     * {@code DATABASE_TO_LOWER=TRUE}, {@code DEFAULT_NULL_ORDERING=HIGH}), migrates or validates
     * the schema and starts the store. On any failure the pool built for a {@code jdbcUrl} is
     * closed again: nothing is left open.
     *
     * @throws IllegalStateException if no database was given
     * @throws IllegalArgumentException naming {@code jdbcUrl} or {@code dataSource} if it leads
     *     to an H2 database without the settings NOBill needs
     * @throws StorageException if the database cannot be reached, or its schema cannot be
     *     migrated or validated
     */
    public JdbcBillingStore build() {
      if (dataSource == null && jdbcUrl == null) {
        throw new IllegalStateException("no database: call dataSource(...) or jdbcUrl(...)");
      }
      if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:")) {
        // Checked before a pool exists: a wrong URL starts nothing, not even an empty database.
        checkH2Settings("jdbcUrl", urlSettings(jdbcUrl));
      }
      HikariDataSource pool = null;
      DataSource ds = dataSource;
      if (ds == null) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("nobill");
        config.setAutoCommit(false);
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
          // Batched inserts become multi-row INSERTs: an order of magnitude on usage ingestion.
          config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        try {
          pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
          throw new StorageException("cannot connect to " + redact(jdbcUrl) + ": " + e.getMessage(), true, e);
        }
        ds = pool;
      }
      try {
        Dialect dialect;
        try (Connection c = ds.getConnection()) {
          dialect = Dialect.of(c.getMetaData().getDatabaseProductName());
          if (dialect == Dialect.H2) {
            checkH2Settings(dataSource != null ? "dataSource" : "jdbcUrl", h2Settings(c));
          }
        } catch (SQLException e) {
          throw new StorageException("cannot connect to the database: " + e.getMessage(), true, e);
        }
        Migrations.apply(ds, dialect, schemaMode);
        JdbcTransactions transactions = JdbcTransactions.start(ds, dialect, requireRowLevelSecurity, cacheTtl);
        return new JdbcBillingStore(transactions, dialect, pool);
      } catch (RuntimeException | Error e) {
        if (pool != null) {
          pool.close();
        }
        throw e;
      }
    }

    /** The settings in an H2 URL ({@code ;KEY=value} after the database), keys upper-cased. */
    private static java.util.Map<String, String> urlSettings(String url) {
      java.util.Map<String, String> settings = new java.util.HashMap<>();
      String[] parts = url.split(";");
      for (int i = 1; i < parts.length; i++) {
        int eq = parts[i].indexOf('=');
        if (eq > 0) {
          settings.put(parts[i].substring(0, eq).trim().toUpperCase(java.util.Locale.ROOT), parts[i].substring(eq + 1).trim());
        }
      }
      return settings;
    }

    /** The settings an open H2 connection runs with, as H2 reports them. */
    private static java.util.Map<String, String> h2Settings(Connection c) throws SQLException {
      java.util.Map<String, String> settings = new java.util.HashMap<>();
      try (java.sql.Statement s = c.createStatement();
           java.sql.ResultSet rs = s.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS")) {
        while (rs.next()) {
          settings.put(rs.getString(1).toUpperCase(java.util.Locale.ROOT), rs.getString(2));
        }
      }
      return settings;
    }

    private static void checkH2Settings(String setting, java.util.Map<String, String> actual) {
      java.util.List<String> wrong = new java.util.ArrayList<>();
      for (String key : new java.util.TreeSet<>(H2_REQUIRED.keySet())) {
        String value = actual.get(key);
        if (value == null || !value.equalsIgnoreCase(H2_REQUIRED.get(key))) {
          wrong.add(key + "=" + (value == null ? "(not set)" : value));
        }
      }
      if (!wrong.isEmpty()) {
        throw new IllegalArgumentException(setting + " leads to an H2 database without the settings NOBill needs: "
            + "it must run with MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH (as "
            + "JdbcBillingStore.h2FileUrl and h2MemoryUrl build the URL), but has " + String.join(", ", wrong));
      }
    }

    private static String redact(String url) {
      int semicolon = url.indexOf(';');
      int question = url.indexOf('?');
      int cut = semicolon < 0 ? question : question < 0 ? semicolon : Math.min(semicolon, question);
      return cut < 0 ? url : url.substring(0, cut);
    }
  }
}
