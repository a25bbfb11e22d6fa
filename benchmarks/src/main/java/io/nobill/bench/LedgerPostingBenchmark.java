package io.nobill.bench;

import io.nobill.core.internal.ledger.CoreLedger;
import io.nobill.core.access.Actor;
import io.nobill.core.id.AccountId;
import io.nobill.core.id.OrgId;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.ledger.ChartOfAccounts;
import io.nobill.core.ledger.Ledger;
import io.nobill.core.ledger.NewJournalEntry;
import io.nobill.core.ledger.Posting;
import io.nobill.core.ledger.PostResult;
import io.nobill.core.ledger.Reference;
import io.nobill.core.money.Money;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.store.InMemoryBillingStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Journal entries per second, 4 postings each, into one organization's in-memory ledger:
 * {@code single} posts one entry per transaction, {@code batch100} posts 100 per
 * transaction with {@code Ledger.postAll}. The {@code baseline} does the plainest version of
 * the same bookkeeping — append the entry to a list and add its four amounts to a map of
 * balances — so the ratio shows what validation, idempotency, sequencing and transactions cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LedgerPostingBenchmark {
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Actor JOB = Actor.job("benchmark");
  private static final Money GROSS = Money.of(11_900, EUR);
  private static final Money HALF = Money.of(5_000, EUR);
  private static final Money TAX = Money.of(1_900, EUR);

  private CoreLedger ledger;
  private OrgId org;
  private ChartOfAccounts chart;
  private Instant now;
  private long next;

  private List<Object[]> plainJournal;
  private Map<String, Long> plainBalances;

  /** A fresh store each iteration, so the ledger's size does not grow without bound. */
  @Setup(Level.Iteration)
  public void setUp() {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    IdGenerator ids = IdGenerator.timeOrdered(clock);
    ledger = CoreLedger.create(InMemoryBillingStore.create(), clock, ids);
    org = ids.next(OrgId::of);
    chart = ledger.openAccounts(JOB, org, EUR);
    now = clock.instant();
    plainJournal = new ArrayList<>();
    plainBalances = new HashMap<>();
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
  public int baseline() {
    long n = next++;
    AccountId receivable = chart.id(AccountCode.RECEIVABLE);
    plainJournal.add(new Object[] {"inv-" + n, now, receivable, 11_900L, 5_000L, 5_000L, 1_900L});
    plainBalances.merge("receivable", 11_900L, Long::sum);
    plainBalances.merge("deferred", -5_000L, Long::sum);
    plainBalances.merge("revenue", -5_000L, Long::sum);
    plainBalances.merge("tax", -1_900L, Long::sum);
    return plainJournal.size();
  }
}
