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
    boolean tryEnterTenant(Handle h, OrgId org) {
      // H2 serves one process, where instances do not contend: wait for the lock row as usual.
      enterTenant(h, org);
      return true;
    }

    @Override
    void enterPlatform(Handle h) {
      // H2 has no row-level security; the structural scoping is the only wall.
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
          .bind("key", lockKey(org))
          .mapToMap().one();
    }

    @Override
    boolean tryEnterTenant(Handle h, OrgId org) {
      return h.createQuery("SELECT set_config('nobill.org_id', :org, true) AS org, "
              + "set_config('nobill.scope', 'tenant', true) AS scope, pg_try_advisory_xact_lock(:key) AS locked")
          .bind("org", org.value().toString())
          .bind("key", lockKey(org))
          .map((rs, ctx) -> rs.getBoolean("locked"))
          .one();
    }

    @Override
    void enterPlatform(Handle h) {
      h.createQuery("SELECT set_config('nobill.scope', 'platform', true) AS scope, set_config('nobill.org_id', '', true) AS org")
          .mapToMap().one();
    }
  };

  static final int LOCK_TIMEOUT_MILLIS = 30_000;

  private final String flywayFolder;

  Dialect(String flywayFolder) {
    this.flywayFolder = flywayFolder;
  }

  /** Starts a tenant transaction: scopes row-level security to the organization and serializes its writers. */
  abstract void enterTenant(Handle h, OrgId org);

  /**
   * Starts a tenant transaction as {@link #enterTenant} does if no other transaction holds the
   * organization; returns false, holding nothing, if one does.
   */
  abstract boolean tryEnterTenant(Handle h, OrgId org);

  /** The advisory lock of an organization; a hash collision only serializes two tenants. */
  static long lockKey(OrgId org) {
    return org.value().getMostSignificantBits() ^ org.value().getLeastSignificantBits();
  }

  /** Starts a platform transaction, which reads ids across tenants. */
  abstract void enterPlatform(Handle h);

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
