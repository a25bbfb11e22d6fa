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
      h.createQuery("SELECT " + TENANT_SCOPE + ", pg_advisory_xact_lock(:key) AS locked")
          .bind("org", org.value().toString())
          .bind("key", lockKey(org))
          .mapToMap().one();
    }

    @Override
    boolean tryEnterTenant(Handle h, OrgId org) {
      // Sweeps give way only to sweeps: a second advisory lock, in the two-key space that never
      // meets the one-key tenant locks, says another instance's sweep has the organization.
      // Requests hold only the tenant lock, which is then waited for as usual, so an
      // organization whose requests never pause is still swept — for at most the lock timeout,
      // so that one stuck request cannot hold a sweep worker: the item then fails, retryable,
      // and is due again next run. The sweep lock's key is folded to 32 bits; two organizations
      // that share one merely pass over each other now and then.
      long key = lockKey(org);
      boolean free = h.createQuery("SELECT " + TENANT_SCOPE + ", set_config('lock_timeout', :timeout, true) AS wait, "
              + "pg_try_advisory_xact_lock(:sweeps, :key32) AS free")
          .bind("timeout", LOCK_TIMEOUT_MILLIS + "ms")
          .bind("org", org.value().toString())
          .bind("sweeps", SWEEP_LOCKS)
          .bind("key32", (int) (key ^ (key >>> 32)))
          .map((rs, ctx) -> rs.getBoolean("free"))
          .one();
      if (free) {
        h.createQuery("SELECT pg_advisory_xact_lock(:key) AS locked").bind("key", key).mapToMap().one();
      }
      return free;
    }

    @Override
    void enterPlatform(Handle h) {
      h.createQuery("SELECT set_config('nobill.scope', 'platform', true) AS scope, set_config('nobill.org_id', '', true) AS org")
          .mapToMap().one();
    }
  };

  static final int LOCK_TIMEOUT_MILLIS = 30_000;

  /** Scopes row-level security to the organization bound as {@code :org}, for the rest of the transaction. */
  static final String TENANT_SCOPE =
      "set_config('nobill.org_id', :org, true) AS org, set_config('nobill.scope', 'tenant', true) AS scope";

  /** The first key of the sweeps' two-key advisory locks ("NOBS"). */
  static final int SWEEP_LOCKS = 0x4E4F4253;

  private final String flywayFolder;

  Dialect(String flywayFolder) {
    this.flywayFolder = flywayFolder;
  }

  /** Starts a tenant transaction: scopes row-level security to the organization and serializes its writers. */
  abstract void enterTenant(Handle h, OrgId org);

  /**
   * Starts a sweep's tenant transaction as {@link #enterTenant} does, unless another sweep holds
   * the organization; returns false, holding nothing, if one does.
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
