package io.nobill.jdbc.internal;

import io.nobill.core.id.OrgId;
import java.util.Locale;
import org.jdbi.v3.core.Handle;

/**
 * What differs between H2 and PostgreSQL. Everything else — every table, every query — is one
 * SQL for both.
 */
public enum Dialect {
  H2("h2") {
    @Override
    void enterTenant(Handle h, OrgId org) {
      // MERGE writes the organization's lock row, which holds its row lock to the end of the
      // transaction: the tenant's transactions run one at a time, as on PostgreSQL.
      h.execute("SET LOCK_TIMEOUT " + LOCK_TIMEOUT_MILLIS);
      h.createUpdate("MERGE INTO nobill_tenant_lock KEY (org_id) VALUES (:org)").bind("org", org.value()).execute();
    }

    @Override
    void enterPlatform(Handle h) {
      // H2 has no row-level security; the structural scoping is the only wall.
    }

    @Override
    public String skipLocked() {
      // H2 has no SKIP LOCKED; claims stay exact because every claim is rechecked under the
      // tenant lock, it is only slower when instances contend.
      return "";
    }
  },
  POSTGRESQL("postgresql") {
    @Override
    void enterTenant(Handle h, OrgId org) {
      // One round trip: the row-level-security setting and the tenant's transaction lock. The
      // advisory lock needs no row, so an organization's first transaction (provisioning) is
      // serialized like every later one; a hash collision only serializes two tenants.
      h.createQuery("SELECT set_config('nobill.org_id', :org, true) AS org, set_config('nobill.scope', 'tenant', true) AS scope, "
              + "pg_advisory_xact_lock(:key) AS locked")
          .bind("org", org.value().toString())
          .bind("key", org.value().getMostSignificantBits() ^ org.value().getLeastSignificantBits())
          .mapToMap().one();
    }

    @Override
    void enterPlatform(Handle h) {
      h.createQuery("SELECT set_config('nobill.scope', 'platform', true) AS scope, set_config('nobill.org_id', '', true) AS org")
          .mapToMap().one();
    }

    @Override
    public String skipLocked() {
      return " FOR UPDATE SKIP LOCKED";
    }
  };

  static final int LOCK_TIMEOUT_MILLIS = 30_000;

  private final String flywayFolder;

  Dialect(String flywayFolder) {
    this.flywayFolder = flywayFolder;
  }

  /** Starts a tenant transaction: scopes row-level security to the organization and serializes its writers. */
  abstract void enterTenant(Handle h, OrgId org);

  /** Starts a platform transaction, which reads ids across tenants. */
  abstract void enterPlatform(Handle h);

  /** The clause that makes a sweep's claim skip rows another instance holds. */
  public abstract String skipLocked();

  /** The migration folder with this database's own scripts, beside {@code db/nobill/common}. */
  public String flywayFolder() {
    return flywayFolder;
  }

  /** The dialect of a database, from its JDBC product name. */
  public static Dialect of(String productName) {
    String p = productName.toLowerCase(Locale.ROOT);
    if (p.contains("h2")) {
      return H2;
    }
    if (p.contains("postgresql")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException("NOBill's JDBC store supports H2 and PostgreSQL, not " + productName);
  }
}
