package io.nobill.jdbc.internal;

import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.OutboxMessageId;
import io.nobill.core.id.SubscriptionId;
import io.nobill.core.id.UserId;
import io.nobill.core.spi.PlatformTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The cross-tenant scope: it reads ids, never rows, and each id is then processed in its own
 * tenant transaction, which rechecks it under that organization's lock — so two instances
 * sweeping at once each process an item at most once, and never wait on a whole sweep.
 */
final class JdbcPlatform implements PlatformTransaction {
  private final Handle handle;
  private final JdbcTransactions transactions;
  private final Thread owner = Thread.currentThread();
  private boolean open = true;

  JdbcPlatform(Handle handle, JdbcTransactions transactions) {
    this.handle = handle;
    this.transactions = transactions;
  }

  void end() {
    open = false;
  }

  private Handle handle() {
    if (!open) {
      throw new IllegalStateException("this transaction has ended; use the transaction only inside its work");
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("this transaction belongs to thread " + owner.getName()
          + "; use it only on the thread that runs its work");
    }
    return handle;
  }

  /**
   * The sweeps (each over a table aliased {@code t}) look only at organizations that exist,
   * as the in-memory store's do: rows written for an organization never provisioned are not
   * swept.
   */
  private static final String PROVISIONED =
      "EXISTS (SELECT 1 FROM nobill_organization o WHERE o.org_id = t.org_id) ";

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be in 1.." + MAX_PAGE + ", was " + limit);
    }
  }

  @Override
  public List<OrgId> organizations(Optional<OrgId> after, int limit) {
    Objects.requireNonNull(after, "after");
    Handle h = handle();
    checkLimit(limit);
    return h.createQuery("SELECT org_id FROM nobill_organization"
            + (after.isPresent() ? " WHERE org_id > :after" : "") + " ORDER BY org_id LIMIT :limit")
        .bind("after", after.map(OrgId::value).orElse(null))
        .bind("limit", limit)
        .mapTo(UUID.class)
        .map(OrgId::of)
        .list();
  }

  /**
   * The search reads the columns beside the bodies: external_ref by its unique index, country by
   * (country, org_id), both in org_id order; a name is matched by scanning the primary key in
   * org_id order, which stops once a page is full. Names are compared with LOWER, which agrees
   * with the in-memory store's root-locale lower case on the letters names use.
   */
  @Override
  public List<OrgId> searchOrganizations(io.nobill.core.org.OrganizationQuery query, Optional<OrgId> after,
      int limit) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(after, "after");
    Handle h = handle();
    checkLimit(limit);
    StringBuilder sql = new StringBuilder("SELECT org_id FROM nobill_organization WHERE 1 = 1");
    after.ifPresent(a -> sql.append(" AND org_id > :after"));
    query.externalRef().ifPresent(r -> sql.append(" AND external_ref = :externalRef"));
    query.country().ifPresent(c -> sql.append(" AND country = :country"));
    query.nameContains().ifPresent(n -> sql.append(" AND LOWER(name) LIKE :name ESCAPE '!'"));
    sql.append(" ORDER BY org_id LIMIT :limit");
    return h.createQuery(sql.toString())
        .bind("after", after.map(OrgId::value).orElse(null))
        .bind("externalRef", query.externalRef().orElse(null))
        .bind("country", query.country().orElse(null))
        .bind("name", query.nameContains().map(n -> "%" + likeEscaped(n.toLowerCase(java.util.Locale.ROOT)) + "%")
            .orElse(null))
        .bind("limit", limit)
        .mapTo(UUID.class)
        .map(OrgId::of)
        .list();
  }

  /** {@code text} matched literally by LIKE ... ESCAPE '!'. */
  private static String likeEscaped(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  @Override
  public List<Map.Entry<OrgId, SubscriptionId>> dueSubscriptions(Instant now, Duration notice, int limit) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(notice, "notice");
    Handle h = handle();
    checkLimit(limit);
    // due_at is the trial end for trialing subscriptions and the period end for active and
    // past-due ones; the notice moves the trial end forward, as the in-memory rule does. Like
    // the in-memory store, organizations come in id order and each one's subscriptions oldest
    // first, so a limited page takes whole organizations first.
    return h.createQuery("SELECT t.org_id, t.subscription_id FROM nobill_subscription t "
            + "WHERE ((t.status = 'TRIALING' AND t.due_at <= :trialCutoff) "
            + "OR (t.status IN ('ACTIVE', 'PAST_DUE') AND t.due_at <= :now)) AND " + PROVISIONED
            + "ORDER BY t.org_id, t.position LIMIT :limit")
        .bind("trialCutoff", saturatedNanos(now, notice))
        .bind("now", Instants.nanos(now))
        .bind("limit", limit)
        .map((rs, ctx) -> Map.entry(OrgId.of(rs.getObject("org_id", UUID.class)),
            SubscriptionId.of(rs.getObject("subscription_id", UUID.class))))
        .list();
  }

  /**
   * {@code now + notice} in nanoseconds, clamped to the BIGINT range: a notice reaching past
   * what the column can hold means every trial end is within it (or, negative, none is).
   */
  private static long saturatedNanos(Instant now, Duration notice) {
    try {
      return Instants.nanos(now.plus(notice));
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return notice.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  @Override
  public List<Map.Entry<OrgId, InvoiceId>> dueCollections(Instant now, int limit) {
    Objects.requireNonNull(now, "now");
    Handle h = handle();
    checkLimit(limit);
    // Organizations in id order, as the in-memory store lists them; within one, the longest
    // waiting first.
    return h.createQuery("SELECT t.org_id, t.invoice_id FROM nobill_collection t "
            + "WHERE t.next_attempt_at <= :now AND " + PROVISIONED
            + "ORDER BY t.org_id, t.next_attempt_at, t.invoice_id LIMIT :limit")
        .bind("now", Instants.nanos(now))
        .bind("limit", limit)
        .map((rs, ctx) -> Map.entry(OrgId.of(rs.getObject("org_id", UUID.class)),
            InvoiceId.of(rs.getObject("invoice_id", UUID.class))))
        .list();
  }

  @Override
  public List<OrgId> organizationsWithDeferredRevenue(int limit) {
    Handle h = handle();
    checkLimit(limit);
    return h.createQuery("SELECT DISTINCT t.org_id FROM nobill_revenue_schedule t "
            + "WHERE t.complete = FALSE AND " + PROVISIONED
            + "ORDER BY t.org_id LIMIT :limit")
        .bind("limit", limit)
        .mapTo(UUID.class)
        .map(OrgId::of)
        .list();
  }

  @Override
  public List<OrgId> organizationsOf(UserId user) {
    Objects.requireNonNull(user, "user");
    return handle().createQuery("SELECT org_id FROM nobill_membership WHERE user_id = :user ORDER BY org_id")
        .bind("user", user.value())
        .mapTo(UUID.class)
        .map(OrgId::of)
        .list();
  }

  @Override
  public List<Map.Entry<OrgId, OutboxMessageId>> dueOutbox(Instant now, int limit) {
    Objects.requireNonNull(now, "now");
    Handle h = handle();
    checkLimit(limit);
    // The in-memory rule (OutboxMessage.isDue): pending, its attempt time come, and nobody's
    // claim current; in order of attempt time, then id.
    return h.createQuery("SELECT org_id, message_id FROM nobill_outbox WHERE due_at <= :now "
            + "AND (claimed_until IS NULL OR claimed_until <= :now) "
            + "ORDER BY due_at, message_id LIMIT :limit")
        .bind("now", Instants.nanos(now))
        .bind("limit", limit)
        .map((rs, ctx) -> Map.entry(OrgId.of(rs.getObject("org_id", UUID.class)),
            OutboxMessageId.of(rs.getObject("message_id", UUID.class))))
        .list();
  }

  @Override
  public List<OrgId> organizationsWithWorkFailures(Optional<String> kind, int minFailures, int limit) {
    Objects.requireNonNull(kind, "kind");
    checkLimit(limit);
    // The in-memory rule: of the kind (any when empty), failing often enough or given up; the
    // organization whose oldest such failure is oldest first.
    org.jdbi.v3.core.statement.Query q = handle().createQuery("SELECT org_id, MIN(first_failure_at) AS since "
            + "FROM nobill_work_failure WHERE (failures >= :min OR gave_up)"
            + (kind.isPresent() ? " AND kind = :kind" : "")
            + " GROUP BY org_id ORDER BY since, org_id LIMIT :limit")
        .bind("min", minFailures)
        .bind("limit", limit);
    kind.ifPresent(k -> q.bind("kind", k));
    return q.map((rs, ctx) -> OrgId.of(rs.getObject("org_id", UUID.class))).list();
  }
}
