package io.nobill.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.id.OrgId;
import io.nobill.core.testkit.TestOrganizations;
import io.nobill.jdbc.testkit.PostgresServer;
import io.nobill.jdbc.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Row-level security is the second wall on PostgreSQL: even SQL that forgets its org_id
 * filter sees and writes only the organization of its transaction.
 */
class RowLevelSecurityTest {
  private final TestDatabases databases = new TestDatabases();
  private final JdbcBillingStore store = databases.newStore(TestDatabases.Kind.POSTGRESQL);
  private final OrgId a = OrgId.of(new UUID(0x7000_0000_0000_0001L, 1));
  private final OrgId b = OrgId.of(new UUID(0x7000_0000_0000_0001L, 2));

  @AfterEach
  void close() {
    databases.closeAll();
  }

  private void provision(OrgId org, String name) {
    store.inTenant(org, tx -> {
      tx.organization().insert(TestOrganizations.named(org, name));
      return null;
    });
  }

  @Test
  void anUnfilteredSelectInsideOneTenantsTransactionSeesOnlyThatTenantsRows() {
    provision(a, "Acme");
    provision(b, "Globex");

    List<UUID> seenByA = store.rawForTests(a, h -> h.createQuery("SELECT org_id FROM nobill_organization")
        .mapTo(UUID.class).list());
    List<UUID> seenByB = store.rawForTests(b, h -> h.createQuery("SELECT org_id FROM nobill_organization")
        .mapTo(UUID.class).list());

    assertThat(seenByA).containsExactly(a.value());
    assertThat(seenByB).containsExactly(b.value());
    // The platform scope, which lists ids across tenants, still sees both.
    List<OrgId> listed = store.inPlatform(p -> p.organizations(Optional.empty(), 10));
    assertThat(listed).containsExactly(a, b);
  }

  @Test
  void anInsertForAnotherTenantIsRefusedByThePolicyAndWritesNothing() {
    provision(a, "Acme");

    assertThatThrownBy(() -> store.rawForTests(a, h -> h.createUpdate(
            "INSERT INTO nobill_inbox (org_id, event_id, body) VALUES (:org, 'evt_1', '{}')")
        .bind("org", b.value()).execute()))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("row-level security");

    long rows = store.rawForTests(b, h -> h.createQuery("SELECT COUNT(*) FROM nobill_inbox").mapTo(Long.class).one());
    assertThat(rows).isZero();
  }

  @Test
  void thePlatformScopeReadsEveryTenantButCanDeleteOrUpdateNothing() throws Exception {
    String url = PostgresServer.shared().newDatabase();
    try (JdbcBillingStore own = JdbcBillingStore.builder().jdbcUrl(url, PostgresServer.APP_ROLE,
        PostgresServer.APP_PASSWORD).requireRowLevelSecurity(true).build()) {
      own.inTenant(a, tx -> {
        tx.organization().insert(TestOrganizations.named(a, "Acme"));
        return null;
      });
      try (Connection c = DriverManager.getConnection(url, PostgresServer.APP_ROLE, PostgresServer.APP_PASSWORD)) {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
          st.execute("SELECT set_config('nobill.scope', 'platform', true), set_config('nobill.org_id', '', true)");
          try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM nobill_organization")) {
            rs.next();
            assertThat(rs.getLong(1)).as("platform reads").isEqualTo(1);
          }
          assertThat(st.executeUpdate("DELETE FROM nobill_organization")).as("platform deletes").isZero();
          assertThat(st.executeUpdate("UPDATE nobill_organization SET body = body")).as("platform updates").isZero();
        }
        c.commit();
      }
      Optional<?> found = own.inTenant(a, tx -> tx.organization().find());
      assertThat(found).isPresent();
    }
  }

  /**
   * The numbering counters are shared by every tenant, and are all that is shared: tenant
   * transactions take numbers, nobody deletes a counter, and outside a tenant transaction (the
   * platform scope, a bare connection) the table reads empty and cannot be written.
   */
  @Test
  void numberingCountersAreSharedByTenantsOnlyAndNeverGoBack() throws Exception {
    String url = PostgresServer.shared().newDatabase();
    try (JdbcBillingStore own = JdbcBillingStore.builder().jdbcUrl(url, PostgresServer.APP_ROLE,
        PostgresServer.APP_PASSWORD).requireRowLevelSecurity(true).build()) {
      assertThat(own.<Long>inTenant(a, tx -> tx.numbering().next("invoice/2026"))).isEqualTo(1);
      assertThat(own.<Long>inTenant(b, tx -> tx.numbering().next("invoice/2026"))).isEqualTo(2);
      // Inside a tenant's transaction a delete matches no policy: the counter stays.
      assertThat(own.<Integer>rawForTests(a, h -> h.createUpdate("DELETE FROM nobill_numbering_series").execute())).isZero();
      try (Connection c = DriverManager.getConnection(url, PostgresServer.APP_ROLE, PostgresServer.APP_PASSWORD)) {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
          st.execute("SELECT set_config('nobill.scope', 'platform', true), set_config('nobill.org_id', '', true)");
          try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM nobill_numbering_series")) {
            rs.next();
            assertThat(rs.getLong(1)).as("platform reads").isZero();
          }
          assertThat(st.executeUpdate("UPDATE nobill_numbering_series SET last_value = 0")).as("platform updates").isZero();
          assertThatThrownBy(() -> st.executeUpdate("INSERT INTO nobill_numbering_series VALUES ('invoice/2027', 9)"))
              .hasMessageContaining("row-level security");
        }
        c.rollback();
      }
      assertThat(own.<Long>inTenant(a, tx -> tx.numbering().next("invoice/2026"))).isEqualTo(3);
    }
  }

  @Test
  void aSuperuserBypassesRowLevelSecurityAndAStoreThatRequiresItRefusesToStart() {
    String url = PostgresServer.shared().newDatabase();
    assertThatThrownBy(() -> JdbcBillingStore.builder().jdbcUrl(url, "postgres", "").requireRowLevelSecurity(true).build())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("bypasses row-level security");
  }
}
