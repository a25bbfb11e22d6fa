package io.nobill.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.nobill.core.id.OrgId;
import io.nobill.core.testkit.TestOrganizations;
import io.nobill.jdbc.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What goes wrong around a database, provoked for real: every failure is a clear error, and
 * nothing of the failed work is written.
 */
class SchemaAndFaultsTest {
  private static final OrgId ACME = OrgId.of(new UUID(0x7000_0000_0000_0002L, 1));

  private static String pgUrl() {
    return PostgresServer.shared().newDatabase();
  }

  private static JdbcBillingStore pg(String url) {
    return JdbcBillingStore.builder().jdbcUrl(url, PostgresServer.APP_ROLE, PostgresServer.APP_PASSWORD).poolSize(2).build();
  }

  private static void sql(String url, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, PostgresServer.APP_ROLE, PostgresServer.APP_PASSWORD);
         Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  private static void provision(JdbcBillingStore store, OrgId org) {
    store.inTenant(org, tx -> {
      tx.organization().insert(TestOrganizations.named(org, "Acme"));
      return null;
    });
  }

  private static boolean exists(JdbcBillingStore store, OrgId org) {
    return store.inTenant(org, tx -> tx.organization().find().isPresent());
  }

  @Test
  void migratesBesideTheHostsOwnTablesAndFlywayHistoryWithoutTouchingThem() throws SQLException {
    String url = pgUrl();
    sql(url, "CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY, version VARCHAR(50))",
        "INSERT INTO flyway_schema_history VALUES (1, '42')",
        "CREATE TABLE customers (id INT PRIMARY KEY)");

    try (JdbcBillingStore store = pg(url)) {
      provision(store, ACME);
      assertThat(exists(store, ACME)).isTrue();
    }
    try (Connection c = DriverManager.getConnection(url, PostgresServer.APP_ROLE, PostgresServer.APP_PASSWORD);
         Statement s = c.createStatement();
         var rs = s.executeQuery("SELECT version FROM flyway_schema_history")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("42");
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void aMigrationHistoryFromANewerNobillIsRefused() throws SQLException {
    String url = pgUrl();
    pg(url).close();
    sql(url, "INSERT INTO nobill_schema_history (installed_rank, version, description, type, script, checksum, "
        + "installed_by, installed_on, execution_time, success) VALUES (100, '999', 'from the future', 'SQL', "
        + "'V999__future.sql', 0, 'nobill_app', now(), 1, true)");

    assertThatThrownBy(() -> pg(url))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("cannot be migrated")
        .hasMessageContaining("999")
        .satisfies(e -> assertThat(((StorageException) e).retryable()).isFalse());
  }

  @Test
  void validateOnlyRefusesADatabaseWithoutTheSchemaAndCreatesNothing() throws SQLException {
    String url = pgUrl();
    assertThatThrownBy(() -> JdbcBillingStore.builder().jdbcUrl(url, PostgresServer.APP_ROLE, PostgresServer.APP_PASSWORD)
            .schema(SchemaMode.VALIDATE).build())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("validat");
    try (Connection c = DriverManager.getConnection(url, PostgresServer.APP_ROLE, PostgresServer.APP_PASSWORD);
         var rs = c.getMetaData().getTables(null, null, "nobill_organization", null)) {
      assertThat(rs.next()).as("validate-only must not create tables").isFalse();
    }
    // Once migrated, validate-only starts.
    pg(url).close();
    JdbcBillingStore.builder().jdbcUrl(url, PostgresServer.APP_ROLE, PostgresServer.APP_PASSWORD)
        .schema(SchemaMode.VALIDATE).build().close();
  }

  @Test
  void aReadOnlyDatabaseFailsTheWriteClearlyAndWritesNothing() throws SQLException {
    String url = pgUrl();
    pg(url).close();
    String database = url.substring(url.lastIndexOf('/') + 1);
    PostgresServer.shared().superuser("ALTER DATABASE " + database + " SET default_transaction_read_only = on");

    try (JdbcBillingStore store = pg(url)) {
      assertThatThrownBy(() -> provision(store, ACME))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("read-only")
          .satisfies(e -> assertThat(((StorageException) e).retryable()).isFalse());
      assertThat(exists(store, ACME)).isFalse();
    }
  }

  @Test
  void aPoolExhaustedByTheHostIsARetryableErrorNotAHang() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(pgUrl());
    config.setUsername(PostgresServer.APP_ROLE);
    config.setPassword(PostgresServer.APP_PASSWORD);
    config.setMaximumPoolSize(2);
    config.setConnectionTimeout(250);
    try (HikariDataSource hostPool = new HikariDataSource(config)) {
      JdbcBillingStore store = JdbcBillingStore.create(hostPool);
      try (Connection heldByTheHost = hostPool.getConnection(); Connection alsoHeld = hostPool.getConnection()) {
        assertThatThrownBy(() -> provision(store, ACME))
            .isInstanceOf(StorageException.class)
            .hasMessageContaining("no database connection")
            .satisfies(e -> assertThat(((StorageException) e).retryable()).isTrue());
      }
      assertThat(exists(store, ACME)).isFalse();
      provision(store, ACME);
      assertThat(exists(store, ACME)).isTrue();
      store.close();
      assertThat(hostPool.isClosed()).as("the host's pool is the host's to close").isFalse();
    }
  }

  @Test
  void aConnectionDroppedMidTransactionRollsEverythingBack() {
    try (JdbcBillingStore store = pg(pgUrl())) {
      OrgId globex = OrgId.of(new UUID(0x7000_0000_0000_0002L, 2));
      assertThatThrownBy(() -> store.inTenant(ACME, tx -> {
        tx.organization().insert(TestOrganizations.named(ACME, "Acme"));
        tx.inbox().find("evt_probe");
        // Another session kills this transaction's backend, as a failover or network cut would.
        PostgresServer.shared().superuser("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            + "WHERE usename = '" + PostgresServer.APP_ROLE + "' AND state = 'idle in transaction'");
        return tx.organization().find();
      }))
          .isInstanceOf(StorageException.class)
          .satisfies(e -> assertThat(((StorageException) e).retryable()).isTrue());

      assertThat(exists(store, ACME)).isFalse();
      provision(store, globex);
      List<OrgId> listed = store.inPlatform(p -> p.organizations(Optional.empty(), 10));
      assertThat(listed).isEqualTo(List.of(globex));
    }
  }

  @Test
  void anH2FileDatabaseKeepsWhatWasCommittedAcrossRestarts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    String url = JdbcBillingStore.h2FileUrl(dir.resolve("billing"));
    try (JdbcBillingStore store = JdbcBillingStore.builder().jdbcUrl(url, "sa", "").build()) {
      provision(store, ACME);
    }
    try (JdbcBillingStore reopened = JdbcBillingStore.builder().jdbcUrl(url, "sa", "").build()) {
      assertThat(exists(reopened, ACME)).isTrue();
      assertThat(reopened.database()).isEqualTo("H2");
    }
  }

  @Test
  void theBuilderRefusesBadSettingsEagerly() {
    assertThatThrownBy(() -> JdbcBillingStore.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no database");
    assertThatThrownBy(() -> JdbcBillingStore.builder().jdbcUrl("jdbc:mysql://x/y", "u", "p"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbcUrl");
    assertThatThrownBy(() -> JdbcBillingStore.builder().poolSize(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("poolSize");
    assertThatThrownBy(() -> JdbcBillingStore.builder().jdbcUrl("jdbc:h2:mem:x", "sa", "").jdbcUrl("jdbc:h2:mem:y", "sa", ""))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("once");
    assertThatThrownBy(() -> JdbcBillingStore.builder().cacheTtl(java.time.Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cacheTtl");
  }
}
