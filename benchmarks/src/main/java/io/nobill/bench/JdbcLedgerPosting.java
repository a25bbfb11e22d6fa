package io.nobill.bench;

import io.nobill.core.internal.ledger.CoreLedger;
import com.zaxxer.hikari.HikariDataSource;
import io.nobill.core.access.Actor;
import io.nobill.core.id.OrgId;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.ledger.ChartOfAccounts;
import io.nobill.core.ledger.Ledger;
import io.nobill.core.ledger.NewJournalEntry;
import io.nobill.core.ledger.PostResult;
import io.nobill.core.ledger.Posting;
import io.nobill.core.ledger.Reference;
import io.nobill.core.money.Money;
import io.nobill.core.spi.IdGenerator;
import io.nobill.jdbc.JdbcBillingStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Journal entries per second, 4 postings each, into one organization's ledger on a real
 * database: {@code single} posts one entry per transaction (permission check, account checks,
 * the next sequence, the entry — its idempotency key checked by the unique index as it is
 * inserted — and its postings, the hash-chained audit
 * entry), {@code batch100} posts 100 per transaction with {@code Ledger.postAll}. The {@code
 * baseline} inserts the same rows with plain JDBC — the entry and its four postings, one
 * commit per entry — into bare tables with the same keys, with no checks and no audit.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class JdbcLedgerPosting {
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Actor JOB = Actor.job("benchmark");
  private static final Money GROSS = Money.of(11_900, EUR);
  private static final Money HALF = Money.of(5_000, EUR);
  private static final Money TAX = Money.of(1_900, EUR);

  private JdbcBillingStore store;
  private HikariDataSource plain;
  private CoreLedger ledger;
  private OrgId org;
  private ChartOfAccounts chart;
  private Instant now;
  private long next;
  private final UUID plainOrg = UUID.randomUUID();

  abstract BenchDatabases.Kind kind();

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    BenchDatabases db = BenchDatabases.create(kind());
    store = db.store(2);
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    IdGenerator ids = IdGenerator.timeOrdered(clock);
    ledger = CoreLedger.create(store, clock, ids);
    org = ids.next(OrgId::of);
    chart = ledger.openAccounts(JOB, org, EUR);
    now = clock.instant();
    plain = db.plainPool();
    try (Connection c = plain.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE bench_journal (org_id UUID NOT NULL, sequence BIGINT NOT NULL, "
          + "idempotency_key VARCHAR(300) NOT NULL, occurred_at BIGINT NOT NULL, body VARCHAR(100000) NOT NULL, "
          + "PRIMARY KEY (org_id, sequence))");
      s.execute("CREATE UNIQUE INDEX bench_journal_key ON bench_journal (org_id, idempotency_key)");
      s.execute("CREATE TABLE bench_posting (org_id UUID NOT NULL, account VARCHAR(40) NOT NULL, sequence BIGINT NOT NULL, "
          + "posting_index INT NOT NULL, side VARCHAR(10) NOT NULL, amount BIGINT NOT NULL, "
          + "PRIMARY KEY (org_id, account, sequence, posting_index))");
      c.commit();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    store.close();
    plain.close();
  }

  private NewJournalEntry entry(long n) {
    return new NewJournalEntry("inv-" + n, now, new Reference(Reference.Kind.INVOICE, "inv-" + n), "benchmark", List.of(
        Posting.debit(chart.id(AccountCode.RECEIVABLE), GROSS),
        Posting.credit(chart.id(AccountCode.DEFERRED_REVENUE), HALF),
        Posting.credit(chart.id(AccountCode.REVENUE), HALF),
        Posting.credit(chart.id(AccountCode.TAX_PAYABLE), TAX)));
  }

  @Benchmark
  @ResultUnit("entries/s")
  public PostResult single() {
    return ledger.post(JOB, org, entry(next++));
  }

  @Benchmark
  @OperationsPerInvocation(100)
  @ResultUnit("entries/s")
  public List<PostResult> batch100() {
    List<NewJournalEntry> batch = new ArrayList<>(100);
    for (int i = 0; i < 100; i++) {
      batch.add(entry(next++));
    }
    return ledger.postAll(JOB, org, batch);
  }

  @Benchmark
  public int baseline() throws SQLException {
    long n = next++;
    try (Connection c = plain.getConnection();
         PreparedStatement journal = c.prepareStatement(
             "INSERT INTO bench_journal (org_id, sequence, idempotency_key, occurred_at, body) VALUES (?, ?, ?, ?, ?)");
         PreparedStatement postings = c.prepareStatement(
             "INSERT INTO bench_posting (org_id, account, sequence, posting_index, side, amount) VALUES (?, ?, ?, ?, ?, ?)")) {
      journal.setObject(1, plainOrg);
      journal.setLong(2, n);
      journal.setString(3, "inv-" + n);
      journal.setLong(4, now.getEpochSecond() * 1_000_000_000L);
      journal.setString(5, "{\"memo\":\"benchmark\",\"reference\":\"inv-" + n + "\"}");
      journal.executeUpdate();
      String[] accounts = {"receivable", "deferred", "revenue", "tax"};
      long[] amounts = {11_900, 5_000, 5_000, 1_900};
      for (int i = 0; i < 4; i++) {
        postings.setObject(1, plainOrg);
        postings.setString(2, accounts[i]);
        postings.setLong(3, n);
        postings.setInt(4, i);
        postings.setString(5, i == 0 ? "DEBIT" : "CREDIT");
        postings.setLong(6, amounts[i]);
        postings.addBatch();
      }
      postings.executeBatch();
      c.commit();
      return 5;
    }
  }
}
