package io.nobill.jdbc.internal;

import io.nobill.core.error.BillingException;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.id.AccountId;
import io.nobill.core.id.JournalEntryId;
import io.nobill.core.ledger.Account;
import io.nobill.core.ledger.AccountBalance;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.ledger.JournalEntry;
import io.nobill.core.ledger.Posting;
import io.nobill.core.ledger.Reference;
import io.nobill.core.ledger.Side;
import io.nobill.core.ledger.StatementCursor;
import io.nobill.core.ledger.StatementLine;
import io.nobill.core.money.Money;
import io.nobill.core.spi.LedgerRepository;
import io.nobill.core.spi.PlatformTransaction;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.PaymentId;
import io.nobill.core.ledger.RecordedPayment;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * The ledger: entries as JSON bodies with their keys as columns, and one row per posting, so
 * balances and statements are sums and range scans over an account's posting rows.
 *
 * <p>The organization's lock keeps every other transaction out of its ledger, so the accounts
 * and the last sequence are read once per transaction and then kept up to date here: inserting
 * an entry costs one insert of the entry and one batch of its postings, whatever their number.
 */
final class JdbcLedgerRepository implements LedgerRepository {
  private static final String ENTRY_SELECT = "SELECT body FROM nobill_journal_entry WHERE org_id = :org";
  private static final String PAYMENT_SELECT = "SELECT payment_id, invoice_id, currency, amount, refunded "
      + "FROM nobill_payment WHERE org_id = :org";

  private final JdbcTenant tx;
  private Map<AccountId, Account> accounts;
  private long lastSequence = -1;
  private long volume = -1;

  JdbcLedgerRepository(JdbcTenant tx) {
    this.tx = tx;
  }

  private Map<AccountId, Account> loaded() {
    if (accounts == null) {
      Map<AccountId, Account> byId = new LinkedHashMap<>();
      tx.handle().createQuery("SELECT account_id, code, currency, opened_at FROM nobill_ledger_account "
              + "WHERE org_id = :org ORDER BY position")
          .bind("org", tx.orgId())
          .map((rs, ctx) -> new Account(AccountId.of(rs.getObject("account_id", UUID.class)),
              AccountCode.valueOf(rs.getString("code")), Currency.getInstance(rs.getString("currency")),
              Instants.instant(rs.getLong("opened_at"))))
          .forEach(a -> byId.put(a.id(), a));
      accounts = byId;
    }
    return accounts;
  }

  @Override
  public List<Account> accounts() {
    tx.check();
    return List.copyOf(loaded().values());
  }

  @Override
  public Optional<Account> account(AccountId id) {
    Objects.requireNonNull(id, "id");
    tx.check();
    return Optional.ofNullable(loaded().get(id));
  }

  @Override
  public void insertAccount(Account account) {
    Objects.requireNonNull(account, "account");
    tx.check();
    Map<AccountId, Account> all = loaded();
    for (Account a : all.values()) {
      if (a.id().equals(account.id()) || (a.code() == account.code() && a.currency().equals(account.currency()))) {
        throw new ConflictException(account.id(), "account " + account.code() + " in " + account.currency() + " already exists");
      }
    }
    tx.handle().createUpdate("INSERT INTO nobill_ledger_account (org_id, account_id, position, code, currency, opened_at) "
            + "VALUES (:org, :id, :position, :code, :currency, :opened)")
        .bind("org", tx.orgId())
        .bind("id", account.id().value())
        .bind("position", all.size() + 1)
        .bind("code", account.code().name())
        .bind("currency", account.currency().getCurrencyCode())
        .bind("opened", Instants.nanos(account.openedAt()))
        .execute();
    all.put(account.id(), account);
  }

  @Override
  public Optional<JournalEntry> entry(JournalEntryId id) {
    Objects.requireNonNull(id, "id");
    return oneEntry(" AND entry_id = :value", id.value());
  }

  @Override
  public Optional<JournalEntry> entryByKey(String idempotencyKey) {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    return oneEntry(" AND idempotency_key = :value", idempotencyKey);
  }

  @Override
  public Optional<JournalEntry> reversalOf(JournalEntryId id) {
    Objects.requireNonNull(id, "id");
    return oneEntry(" AND reverses = :value", id.value());
  }

  private Optional<JournalEntry> oneEntry(String condition, Object value) {
    return tx.handle().createQuery(ENTRY_SELECT + condition)
        .bind("org", tx.orgId())
        .bind("value", value)
        .mapTo(String.class)
        .findOne()
        .map(body -> tx.bodies().readJournalEntry(body));
  }

  @Override
  public long lastSequence() {
    tx.check();
    if (lastSequence < 0) {
      // Ordered by the whole index, so H2 reads the index backwards and stops at the first row
      // (it scans the organization's range for MAX). The running volume comes in the same row.
      Optional<long[]> last = tx.handle().createQuery("SELECT sequence, volume FROM nobill_journal_entry "
              + "WHERE org_id = :org ORDER BY org_id DESC, sequence DESC LIMIT 1")
          .bind("org", tx.orgId())
          .map((rs, ctx) -> {
            long sequence = rs.getLong("sequence");
            long running = rs.getLong("volume");
            return new long[] {sequence, rs.wasNull() ? -1 : running};
          })
          .findOne();
      lastSequence = last.map(l -> l[0]).orElse(0L);
      volume = last.map(l -> l[1]).orElse(0L);
      if (volume < 0) {
        volume = volumeOfEarlierVersion();
      }
    }
    return lastSequence;
  }

  @Override
  public long volume() {
    lastSequence();
    return volume;
  }

  /**
   * The volume of a ledger whose last entry was posted before the running volume was stored:
   * its debit postings summed once. A sum past a BIGINT (possible only for books written before
   * amounts were bounded) reads as the largest one, which refuses every further posting.
   */
  private long volumeOfEarlierVersion() {
    BigDecimal sum = tx.handle().createQuery("SELECT COALESCE(SUM(amount), 0) FROM nobill_posting "
            + "WHERE org_id = :org AND side = 'DEBIT'")
        .bind("org", tx.orgId())
        .mapTo(BigDecimal.class)
        .one();
    return sum.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE : sum.longValueExact();
  }

  @Override
  public Optional<RecordedPayment> payment(PaymentId id) {
    Objects.requireNonNull(id, "id");
    tx.check();
    return tx.handle().createQuery(PAYMENT_SELECT + " AND payment_id = :id")
        .bind("org", tx.orgId())
        .bind("id", id.value())
        .map((rs, ctx) -> payment(rs))
        .findOne();
  }

  @Override
  public List<RecordedPayment> paymentsFor(InvoiceId invoice) {
    Objects.requireNonNull(invoice, "invoice");
    tx.check();
    return tx.handle().createQuery(PAYMENT_SELECT + " AND invoice_id = :invoice")
        .bind("org", tx.orgId())
        .bind("invoice", invoice.value())
        .map((rs, ctx) -> payment(rs))
        .list();
  }

  private static RecordedPayment payment(ResultSet rs) throws SQLException {
    Currency currency = Currency.getInstance(rs.getString("currency"));
    return new RecordedPayment(PaymentId.of(rs.getObject("payment_id", UUID.class)),
        InvoiceId.of(rs.getObject("invoice_id", UUID.class)), Money.of(rs.getLong("amount"), currency),
        Money.of(rs.getLong("refunded"), currency));
  }

  @Override
  public void savePayment(RecordedPayment payment) {
    Objects.requireNonNull(payment, "payment");
    tx.check();
    // Only the refunded total of a stored payment changes; the organization's lock keeps other
    // writers out between the update and the insert.
    int updated = tx.handle().createUpdate("UPDATE nobill_payment SET invoice_id = :invoice, currency = :currency, "
            + "amount = :amount, refunded = :refunded WHERE org_id = :org AND payment_id = :id")
        .bindMap(paymentColumns(payment))
        .execute();
    if (updated == 0) {
      tx.handle().createUpdate("INSERT INTO nobill_payment (org_id, payment_id, invoice_id, currency, amount, refunded) "
              + "VALUES (:org, :id, :invoice, :currency, :amount, :refunded)")
          .bindMap(paymentColumns(payment))
          .execute();
    }
  }

  private Map<String, Object> paymentColumns(RecordedPayment p) {
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("org", tx.orgId());
    columns.put("id", p.id().value());
    columns.put("invoice", p.invoice().value());
    columns.put("currency", p.amount().currency().getCurrencyCode());
    columns.put("amount", p.amount().minorUnits());
    columns.put("refunded", p.refunded().minorUnits());
    return columns;
  }

  @Override
  public void insertEntry(JournalEntry entry) {
    if (!tryInsert(entry)) {
      throw refusal(entry, lastSequence());
    }
  }

  @Override
  public Optional<JournalEntry> insertEntryUnlessKeyTaken(JournalEntry entry) {
    if (tryInsert(entry)) {
      return Optional.empty();
    }
    // Turned away: the one lookup of the key is paid only now.
    Optional<JournalEntry> holder = entryByKey(entry.idempotencyKey());
    if (holder.isPresent()) {
      return holder;
    }
    throw refusal(entry, lastSequence());
  }

  /** Inserts the entry and its postings; false, writing nothing, when a unique index turns it away. */
  private boolean tryInsert(JournalEntry entry) {
    Objects.requireNonNull(entry, "entry");
    long last = lastSequence();
    long debits = 0;
    for (Posting p : entry.postings()) {
      if (p.side() == Side.DEBIT) {
        debits = Math.addExact(debits, p.amount().minorUnits());
      }
    }
    long volumeAfter = Math.addExact(volume, debits);
    Map<AccountId, Account> known = loaded();
    if (entry.sequence() != last + 1 || !entry.postings().stream().allMatch(p -> known.containsKey(p.account()))) {
      throw refusal(entry, last);
    }
    // The unique indexes check the id, the key and the reversed entry as part of the insert;
    // only an insert that they turn away pays for the lookups that name the reason.
    Update insert = tx.handle().createUpdate("INSERT INTO nobill_journal_entry (org_id, entry_id, sequence, "
            + "idempotency_key, occurred_at, reference_kind, reference_id, memo, reverses, body, volume) VALUES (:org, :id, "
            + ":seq, :key, :at, :refKind, :refId, :memo, :reverses, :body, :volume) ON CONFLICT DO NOTHING")
        .bind("org", tx.orgId())
        .bind("id", entry.id().value())
        .bind("seq", entry.sequence())
        .bind("key", entry.idempotencyKey())
        .bind("at", Instants.nanos(entry.occurredAt()))
        .bind("refKind", entry.reference().kind().name())
        .bind("refId", entry.reference().id())
        .bind("memo", entry.memo())
        .bind("body", tx.bodies().write(entry))
        .bind("volume", volumeAfter);
    if (entry.reverses().isPresent()) {
      insert.bind("reverses", entry.reverses().get().value());
    } else {
      // A typed null: PostgreSQL refuses an untyped one (sent as text) for a uuid column.
      insert.bindNull("reverses", Types.OTHER);
    }
    if (insert.execute() == 0) {
      return false;
    }
    PreparedBatch batch = tx.handle().prepareBatch("INSERT INTO nobill_posting (org_id, account_id, entry_sequence, "
        + "posting_index, entry_id, occurred_at, side, amount) "
        + "VALUES (:org, :account, :seq, :index, :id, :at, :side, :amount)");
    for (int i = 0; i < entry.postings().size(); i++) {
      Posting p = entry.postings().get(i);
      batch.bind("org", tx.orgId())
          .bind("account", p.account().value())
          .bind("seq", entry.sequence())
          .bind("index", i)
          .bind("id", entry.id().value())
          .bind("at", Instants.nanos(entry.occurredAt()))
          .bind("side", p.side().name())
          .bind("amount", p.amount().minorUnits())
          .add();
    }
    batch.execute();
    lastSequence = entry.sequence();
    volume = volumeAfter;
    return true;
  }

  /** Why an entry cannot be inserted, found as the in-memory store does, in its order. */
  private BillingException refusal(JournalEntry entry, long last) {
    Optional<JournalEntryId> reverses = entry.reverses();
    // UNION ALL rather than OR: each branch is one index lookup, where H2 would scan the
    // organization's entries for the OR.
    String columns = "SELECT entry_id, idempotency_key, reverses FROM nobill_journal_entry WHERE org_id = :org AND ";
    Query q = tx.handle().createQuery(columns + "entry_id = :id UNION ALL " + columns + "idempotency_key = :key"
            + (reverses.isPresent() ? " UNION ALL " + columns + "reverses = :reverses" : ""))
        .bind("org", tx.orgId())
        .bind("id", entry.id().value())
        .bind("key", entry.idempotencyKey());
    reverses.ifPresent(r -> q.bind("reverses", r.value()));
    List<Clash> clashes = q.map((rs, ctx) -> new Clash(rs.getObject("entry_id", UUID.class),
        rs.getString("idempotency_key"), rs.getObject("reverses", UUID.class))).list();
    for (Clash c : clashes) {
      if (c.id().equals(entry.id().value())) {
        return new ConflictException(entry.id(), "journal entry already exists");
      }
    }
    for (Clash c : clashes) {
      if (c.key().equals(entry.idempotencyKey())) {
        return new ConflictException(entry.id(), "idempotency key is taken by entry " + c.id());
      }
    }
    if (entry.sequence() != last + 1) {
      return ConflictException.concurrent(entry.id(), "sequence " + entry.sequence() + " is not next; the ledger is at " + last);
    }
    for (Clash c : clashes) {
      if (reverses.isPresent() && reverses.get().value().equals(c.reverses())) {
        return new ConflictException(reverses.get(), "already reversed by entry " + c.id());
      }
    }
    for (Posting p : entry.postings()) {
      if (!loaded().containsKey(p.account())) {
        return new NotFoundException("account", p.account());
      }
    }
    // Only another writer could get here, and the organization's lock keeps them out.
    return ConflictException.concurrent(entry.id(), "journal entry " + entry.sequence() + " clashes with a stored entry");
  }

  /** An existing entry that shares the id, the key or the reversed entry of one being inserted. */
  private record Clash(UUID id, String key, UUID reverses) {}

  @Override
  public AccountBalance balance(AccountId account) {
    Objects.requireNonNull(account, "account");
    return totals(existing(account), "", q -> {});
  }

  @Override
  public AccountBalance balanceAsOf(AccountId account, Instant asOf) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(asOf, "asOf");
    Account a = existing(account);
    // Entries occur within what the table holds; an instant beyond it counts all or none of them.
    long bound;
    try {
      bound = Instants.nanos(asOf);
    } catch (ArithmeticException e) {
      if (asOf.getEpochSecond() < 0) {
        return AccountBalance.empty(a);
      }
      bound = Long.MAX_VALUE;
    }
    long upTo = bound;
    return totals(a, " AND occurred_at <= :bound", q -> q.bind("bound", upTo));
  }

  /** The account's totals over the postings that meet {@code condition}. */
  private AccountBalance totals(Account a, String condition, Consumer<Query> binds) {
    Query q = tx.handle().createQuery("SELECT COALESCE(SUM(CASE WHEN side = 'DEBIT' THEN amount ELSE 0 END), 0) AS debits, "
            + "COALESCE(SUM(CASE WHEN side = 'CREDIT' THEN amount ELSE 0 END), 0) AS credits "
            + "FROM nobill_posting WHERE org_id = :org AND account_id = :account" + condition)
        .bind("org", tx.orgId())
        .bind("account", a.id().value());
    binds.accept(q);
    return q.map((rs, ctx) -> new AccountBalance(a, Money.of(exactSum(rs, "debits"), a.currency()),
            Money.of(exactSum(rs, "credits"), a.currency())))
        .one();
  }

  /**
   * A sum read as the exact number the database computed (PostgreSQL's SUM of a BIGINT is a
   * NUMERIC): the ledger volume's bound keeps it within a {@code long}, and books written before
   * that bound that do not fit are reported rather than read wrong.
   */
  private long exactSum(ResultSet rs, String column) throws SQLException {
    BigDecimal sum = rs.getBigDecimal(column);
    try {
      return sum.longValueExact();
    } catch (ArithmeticException e) {
      throw new io.nobill.jdbc.StorageException("the " + column + " of an account of organization " + tx.orgId()
          + " sum to " + sum + ", more than a 64-bit count of minor units holds; the books were written before "
          + "amounts were bounded", false);
    }
  }

  @Override
  public List<StatementLine> statement(AccountId account, Optional<StatementCursor> after, int limit) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(after, "after");
    checkLimit(limit);
    Account a = existing(account);
    AccountBalance running = AccountBalance.empty(a);
    if (after.isPresent()) {
      // The balance before the page: the bound on entry_sequence alone makes it a range of the key.
      StatementCursor c = after.get();
      running = totals(a, " AND entry_sequence <= :seq AND (entry_sequence < :seq OR posting_index <= :index)",
          q -> q.bind("seq", c.entrySequence()).bind("index", c.postingIndex()));
    }
    String cursor = after.isPresent()
        ? " AND p.entry_sequence >= :seq AND (p.entry_sequence > :seq OR p.posting_index > :index)"
        : "";
    Query q = tx.handle().createQuery("SELECT p.entry_sequence, p.posting_index, p.side, p.amount, e.entry_id, "
            + "e.occurred_at, e.reference_kind, e.reference_id, e.memo FROM nobill_posting p "
            + "JOIN nobill_journal_entry e ON e.org_id = p.org_id AND e.entry_id = p.entry_id "
            + "WHERE p.org_id = :org AND p.account_id = :account" + cursor
            // The whole key, constant columns too, or H2 sorts the rows instead of reading the index in order.
            + " ORDER BY p.org_id, p.account_id, p.entry_sequence, p.posting_index LIMIT :limit")
        .bind("org", tx.orgId())
        .bind("account", account.value())
        .bind("limit", limit);
    after.ifPresent(c -> q.bind("seq", c.entrySequence()).bind("index", c.postingIndex()));
    List<StatementLine> lines = new ArrayList<>();
    for (Row row : q.map((rs, ctx) -> Row.of(rs, a.currency())).list()) {
      running = running.plus(row.posting(account));
      lines.add(new StatementLine(row.sequence, row.index, row.entryId, row.occurredAt, row.reference, row.memo,
          row.side, row.amount, running.net()));
    }
    return lines;
  }

  private Account existing(AccountId account) {
    return account(account).orElseThrow(() -> new NotFoundException("account", account));
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > PlatformTransaction.MAX_PAGE) {
      throw new IllegalArgumentException("limit must be in 1.." + PlatformTransaction.MAX_PAGE + ", was " + limit);
    }
  }

  /** One statement row before the running balance is added. */
  private record Row(long sequence, int index, JournalEntryId entryId, Instant occurredAt, Reference reference,
      String memo, Side side, Money amount) {

    static Row of(ResultSet rs, Currency currency) throws SQLException {
      return new Row(rs.getLong("entry_sequence"), rs.getInt("posting_index"),
          JournalEntryId.of(rs.getObject("entry_id", UUID.class)), Instants.instant(rs.getLong("occurred_at")),
          new Reference(Reference.Kind.valueOf(rs.getString("reference_kind")), rs.getString("reference_id")),
          rs.getString("memo"), Side.valueOf(rs.getString("side")), Money.of(rs.getLong("amount"), currency));
    }

    Posting posting(AccountId account) {
      return new Posting(account, side, amount);
    }
  }
}
