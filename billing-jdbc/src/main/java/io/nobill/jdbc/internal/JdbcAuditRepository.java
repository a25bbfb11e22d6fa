package io.nobill.jdbc.internal;

import io.nobill.core.error.ConflictException;
import io.nobill.core.audit.AuditEntry;
import io.nobill.core.audit.AuditHead;
import io.nobill.core.audit.AuditQuery;
import io.nobill.core.audit.AuditTarget;
import io.nobill.core.spi.AuditRepository;
import io.nobill.core.spi.PlatformTransaction;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.Query;

/**
 * The audit trail: each entry's JSON body holds every field that was hashed (the hash is over
 * the entry's canonical encoding, which the body gives back exactly), the columns beside it
 * answer queries, and the head lives in its own row so that deleting the newest entries is
 * noticed by {@code verify}.
 *
 * <p>Queries filter on the columns, so the columns must be as trustworthy as the body: every
 * read returns the entry as its columns (sequence, time, actor, impersonator, action, target)
 * say it is, with the rest and the hash from the body. A column changed behind NOBill's back
 * then makes an entry whose content no longer matches its hash, which {@code verify} (and
 * {@code AuditTrail.query}, for what it returns) reports as altered — so a row cannot be
 * hidden from a query, or slipped into one, by editing a column alone.
 */
final class JdbcAuditRepository implements AuditRepository {
  private final JdbcTenant tx;
  /**
   * The head as this transaction last read or wrote it. The organization's lock keeps other
   * transactions from moving it meanwhile, so recording an entry reads it once, not twice.
   */
  private Optional<AuditHead> head = Optional.empty();
  private boolean headRowExists;

  JdbcAuditRepository(JdbcTenant tx) {
    this.tx = tx;
  }

  @Override
  public AuditHead head() {
    tx.check();
    if (head.isEmpty()) {
      Optional<AuditHead> stored = tx.handle()
          .createQuery("SELECT sequence, hash FROM nobill_audit_head WHERE org_id = :org")
          .bind("org", tx.orgId())
          .map((rs, ctx) -> new AuditHead(rs.getLong("sequence"), rs.getString("hash")))
          .findOne();
      headRowExists = stored.isPresent();
      head = Optional.of(stored.orElse(AuditHead.EMPTY));
    }
    return head.get();
  }

  @Override
  public void append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    AuditHead before = head();
    if (entry.sequence() != before.sequence() + 1 || !entry.previousHash().equals(before.hash())) {
      throw ConflictException.concurrent(entry.org(), "audit entry " + entry.sequence() + " does not follow the head at "
          + before.sequence());
    }
    if (!entry.org().equals(tx.org())) {
      throw new IllegalArgumentException("an audit entry of organization " + entry.org()
          + " cannot be written from the transaction of organization " + tx.org());
    }
    tx.handle().createUpdate("INSERT INTO nobill_audit_entry (org_id, sequence, occurred_at, actor, impersonator, action, "
            + "target_type, target_id, hash, body) VALUES (:org, :seq, :at, :actor, :impersonator, :action, :kind, :target, "
            + ":hash, :body)")
        .bind("org", tx.orgId())
        .bind("seq", entry.sequence())
        .bind("at", Instants.nanos(entry.occurredAt()))
        .bind("actor", entry.actor())
        .bind("impersonator", entry.impersonator().orElse(null))
        .bind("action", entry.action())
        .bind("kind", entry.target().kind())
        .bind("target", entry.target().id())
        .bind("hash", entry.hash())
        .bind("body", tx.bodies().write(entry))
        .execute();
    String sql = headRowExists
        ? "UPDATE nobill_audit_head SET sequence = :seq, hash = :hash WHERE org_id = :org"
        : "INSERT INTO nobill_audit_head (org_id, sequence, hash) VALUES (:org, :seq, :hash)";
    tx.handle().createUpdate(sql)
        .bind("org", tx.orgId())
        .bind("seq", entry.sequence())
        .bind("hash", entry.hash())
        .execute();
    headRowExists = true;
    head = Optional.of(new AuditHead(entry.sequence(), entry.hash()));
  }

  @Override
  public List<AuditEntry> range(long afterSequence, int limit) {
    checkLimit(limit);
    return tx.handle().createQuery("SELECT " + COLUMNS + " FROM nobill_audit_entry WHERE org_id = :org AND sequence > :after "
            + "ORDER BY org_id, sequence LIMIT :limit")
        .bind("org", tx.orgId())
        .bind("after", afterSequence)
        .bind("limit", limit)
        .map((rs, ctx) -> asStored(rs))
        .list();
  }

  private static final String COLUMNS = "sequence, occurred_at, actor, impersonator, action, target_type, target_id, body";

  /** The entry of the body, with every queried field as its column holds it. */
  private AuditEntry asStored(java.sql.ResultSet rs) throws java.sql.SQLException {
    AuditEntry body = tx.bodies().readAuditEntry(rs.getString("body"));
    AuditEntry columns = new AuditEntry(body.org(), rs.getLong("sequence"), Instants.instant(rs.getLong("occurred_at")),
        rs.getString("actor"), Optional.ofNullable(rs.getString("impersonator")), rs.getString("action"),
        new AuditTarget(rs.getString("target_type"), rs.getString("target_id")), body.before(), body.after(),
        body.previousHash(), body.hash());
    return columns.equals(body) ? body : columns;
  }

  @Override
  public List<AuditEntry> query(AuditQuery query, long afterSequence, int limit) {
    Objects.requireNonNull(query, "query");
    checkLimit(limit);
    // The same rule as AuditQuery.matches: from inclusive, to exclusive, and an actor matches
    // the entries it did and the ones it did as an impersonator.
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM nobill_audit_entry WHERE org_id = :org "
        + "AND sequence > :after");
    query.from().ifPresent(f -> sql.append(" AND occurred_at >= :from"));
    query.to().ifPresent(t -> sql.append(" AND occurred_at < :to"));
    query.actor().ifPresent(a -> sql.append(" AND (actor = :actor OR impersonator = :actor)"));
    query.action().ifPresent(a -> sql.append(" AND action = :action"));
    query.target().ifPresent(t -> sql.append(" AND target_type = :kind AND target_id = :target"));
    // org_id too, so H2 reads the primary key in order instead of sorting the organization's trail.
    sql.append(" ORDER BY org_id, sequence LIMIT :limit");
    Query q = tx.handle().createQuery(sql.toString())
        .bind("org", tx.orgId())
        .bind("after", afterSequence)
        .bind("limit", limit);
    query.from().ifPresent(f -> q.bind("from", saturatedNanos(f)));
    query.to().ifPresent(t -> q.bind("to", saturatedNanos(t)));
    query.actor().ifPresent(a -> q.bind("actor", a));
    query.action().ifPresent(a -> q.bind("action", a));
    query.target().ifPresent(t -> q.bind("kind", t.kind()).bind("target", t.id()));
    return q.map((rs, ctx) -> asStored(rs)).list();
  }

  /**
   * A bound outside what the table can hold (before 1677 or after 2262) still filters right
   * when clamped: no stored instant lies beyond it.
   */
  private static long saturatedNanos(Instant instant) {
    try {
      return Instants.nanos(instant);
    } catch (ArithmeticException e) {
      return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > PlatformTransaction.MAX_PAGE) {
      throw new IllegalArgumentException("limit must be in 1.." + PlatformTransaction.MAX_PAGE + ", was " + limit);
    }
  }
}
