package io.nobill.jdbc.internal;

import io.nobill.core.id.OrgId;
import io.nobill.core.spi.WorkFailureRepository;
import io.nobill.core.work.WorkFailure;
import java.sql.ResultSet;
import java.sql.SQLException;
import io.nobill.core.spi.PlatformTransaction;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The organization's failing work items, one row per kind and item. */
final class JdbcWorkFailureRepository implements WorkFailureRepository {
  private final JdbcTenant tx;

  JdbcWorkFailureRepository(JdbcTenant tx) {
    this.tx = tx;
  }

  @Override
  public Optional<WorkFailure> find(String kind, String item) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(item, "item");
    return tx.handle().createQuery("SELECT * FROM nobill_work_failure WHERE org_id = :org AND kind = :kind AND item = :item")
        .bind("org", tx.orgId())
        .bind("kind", kind)
        .bind("item", item)
        .map((rs, ctx) -> read(rs))
        .findOne();
  }

  @Override
  public List<WorkFailure> list(Optional<String> kind, int minFailures, int limit) {
    Objects.requireNonNull(kind, "kind");
    if (limit < 1 || limit > PlatformTransaction.MAX_PAGE) {
      throw new IllegalArgumentException("limit must be in 1.." + PlatformTransaction.MAX_PAGE + ", was " + limit);
    }
    org.jdbi.v3.core.statement.Query q = tx.handle().createQuery("SELECT * FROM nobill_work_failure WHERE org_id = :org "
            + "AND (failures >= :min OR gave_up)" + (kind.isPresent() ? " AND kind = :kind" : "")
            + " ORDER BY first_failure_at, kind, item LIMIT :limit")
        .bind("org", tx.orgId())
        .bind("min", minFailures)
        .bind("limit", limit);
    kind.ifPresent(k -> q.bind("kind", k));
    return q.map((rs, ctx) -> read(rs)).list();
  }

  @Override
  public void put(WorkFailure failure) {
    Objects.requireNonNull(failure, "failure");
    if (!failure.org().equals(tx.org())) {
      throw new IllegalArgumentException("a work failure of organization " + failure.org()
          + " cannot be written from the transaction of organization " + tx.org());
    }
    // The organization's lock serializes its transactions, so update-else-insert cannot race.
    int updated = tx.handle().createUpdate("UPDATE nobill_work_failure SET first_failure_at = :first, "
            + "last_failure_at = :last, failures = :failures, last_error = :error, next_attempt_at = :next, "
            + "gave_up = :gaveUp WHERE org_id = :org AND kind = :kind AND item = :item")
        .bindMap(values(failure))
        .execute();
    if (updated == 0) {
      tx.handle().createUpdate("INSERT INTO nobill_work_failure (org_id, kind, item, first_failure_at, last_failure_at, "
              + "failures, last_error, next_attempt_at, gave_up) VALUES (:org, :kind, :item, :first, :last, :failures, "
              + ":error, :next, :gaveUp)")
          .bindMap(values(failure))
          .execute();
    }
  }

  @Override
  public void remove(String kind, String item) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(item, "item");
    tx.handle().createUpdate("DELETE FROM nobill_work_failure WHERE org_id = :org AND kind = :kind AND item = :item")
        .bind("org", tx.orgId())
        .bind("kind", kind)
        .bind("item", item)
        .execute();
  }

  private java.util.Map<String, Object> values(WorkFailure f) {
    java.util.Map<String, Object> values = new java.util.HashMap<>();
    values.put("org", tx.orgId());
    values.put("kind", f.kind());
    values.put("item", f.item());
    values.put("first", Instants.nanos(f.firstFailureAt()));
    values.put("last", Instants.nanos(f.lastFailureAt()));
    values.put("failures", f.failures());
    values.put("error", f.lastError());
    values.put("next", Instants.nanos(f.nextAttemptAt()));
    values.put("gaveUp", f.gaveUp());
    return values;
  }

  static WorkFailure read(ResultSet rs) throws SQLException {
    return new WorkFailure(OrgId.of(rs.getObject("org_id", UUID.class)), rs.getString("kind"), rs.getString("item"),
        Instants.instant(rs.getLong("first_failure_at")), Instants.instant(rs.getLong("last_failure_at")),
        rs.getInt("failures"), rs.getString("last_error"), Instants.instant(rs.getLong("next_attempt_at")),
        rs.getBoolean("gave_up"));
  }
}
