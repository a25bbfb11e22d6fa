package io.nobill.jdbc;

import io.nobill.core.id.OrgId;

/**
 * What no API can do and an attacker with database access can: edit or delete an audit row.
 * The audit contract proves {@code verify} notices.
 */
final class Tampering {
  private Tampering() {}

  static void editAuditEntry(JdbcBillingStore store, OrgId org, long sequence, String newAction) {
    store.rawForTests(org, h -> h.createUpdate("UPDATE nobill_audit_entry SET action = :action, "
            + "body = REPLACE(body, (SELECT action FROM nobill_audit_entry WHERE org_id = :org AND sequence = :seq), :action) "
            + "WHERE org_id = :org AND sequence = :seq")
        .bind("org", org.value()).bind("seq", sequence).bind("action", newAction).execute());
  }

  static void deleteAuditEntry(JdbcBillingStore store, OrgId org, long sequence) {
    store.rawForTests(org, h -> h.createUpdate("DELETE FROM nobill_audit_entry WHERE org_id = :org AND sequence = :seq")
        .bind("org", org.value()).bind("seq", sequence).execute());
  }

  /** Sets one column of an audit row, leaving its hashed body and its hash as they were. */
  static void editAuditColumn(JdbcBillingStore store, OrgId org, long sequence, String column, Object value) {
    if (!column.matches("[a-z_]+")) {
      throw new IllegalArgumentException(column);
    }
    store.rawForTests(org, h -> h.createUpdate("UPDATE nobill_audit_entry SET " + column + " = :value "
            + "WHERE org_id = :org AND sequence = :seq")
        .bind("org", org.value()).bind("seq", sequence).bind("value", value).execute());
  }
}
