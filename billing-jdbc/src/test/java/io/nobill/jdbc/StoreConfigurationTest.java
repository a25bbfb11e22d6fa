package io.nobill.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * An H2 database without the settings NOBill's queries rely on is refused at {@code build()},
 * naming the setting that leads to it, before anything is created or left open.
 */
class StoreConfigurationTest {
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static String name() {
    return "nobill-config-" + NAMES.incrementAndGet();
  }

  private static boolean exists(String name) {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:" + name + ";IFEXISTS=TRUE", "sa", "")) {
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private static int nobillTables(Connection c) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(
        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) LIKE 'nobill%'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void anH2UrlWithoutPostgresqlModeIsRefusedBeforeAnyConnection() {
    String name = name();
    assertThatThrownBy(() -> JdbcBillingStore.builder().jdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "")
        .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("jdbcUrl ")
        .hasMessageContaining("MODE=(not set)")
        .hasMessageContaining("DATABASE_TO_LOWER=(not set)")
        .hasMessageContaining("h2MemoryUrl");
    assertThat(exists(name)).as("no pool connected, so no database was created").isFalse();
  }

  @Test
  void anH2UrlMissingOneOfTheSettingsNamesIt() {
    String url = "jdbc:h2:mem:" + name() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
    assertThatThrownBy(() -> JdbcBillingStore.builder().jdbcUrl(url, "sa", "").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DEFAULT_NULL_ORDERING=(not set)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("MODE=(not set)"));
    String other = "jdbc:h2:mem:" + name() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    assertThatThrownBy(() -> JdbcBillingStore.builder().jdbcUrl(other, "sa", "").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MODE=MySQL");
  }

  @Test
  void anH2DataSourceWhoseConnectionIsNotInPostgresqlModeIsRefusedAndNothingIsMigrated() throws SQLException {
    String name = name();
    JdbcDataSource plain = new JdbcDataSource();
    plain.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    plain.setUser("sa");
    try (Connection keepAlive = plain.getConnection()) {
      assertThatThrownBy(() -> JdbcBillingStore.builder().dataSource(plain).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("dataSource ")
          .hasMessageContaining("MODE=REGULAR");
      assertThat(nobillTables(keepAlive)).as("nothing migrated").isZero();
    }
  }

  @Test
  void anH2DataSourceInPostgresqlModeStarts() {
    JdbcDataSource good = new JdbcDataSource();
    good.setURL(JdbcBillingStore.h2MemoryUrl(name()));
    good.setUser("sa");
    try (JdbcBillingStore store = JdbcBillingStore.builder().dataSource(good).build()) {
      assertThat(store.database()).isEqualTo("H2");
    }
  }
}
