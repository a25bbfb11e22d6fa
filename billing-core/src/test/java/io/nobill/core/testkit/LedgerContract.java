package io.nobill.core.testkit;

import io.nobill.core.internal.ledger.CoreLedger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.access.AccessDeniedException;
import io.nobill.core.access.Actor;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.id.AccountId;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.JournalEntryId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.PaymentId;
import io.nobill.core.id.UserId;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.ledger.AccountBalance;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.ledger.ChartOfAccounts;
import io.nobill.core.ledger.JournalEntry;
import io.nobill.core.ledger.Ledger;
import io.nobill.core.ledger.LedgerFact;
import io.nobill.core.ledger.NewJournalEntry;
import io.nobill.core.ledger.Posting;
import io.nobill.core.ledger.PostResult;
import io.nobill.core.ledger.Reference;
import io.nobill.core.ledger.StatementCursor;
import io.nobill.core.ledger.StatementLine;
import io.nobill.core.ledger.StatementPage;
import io.nobill.core.ledger.TrialBalance;
import io.nobill.core.money.Money;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store's ledger must do, driven through {@link Ledger}: idempotent posting,
 * reversals, exact balances, a zero trial balance, paged statements, tenant isolation,
 * all-or-nothing batches, and no lost entry under concurrent posting. Extend it and return
 * a fresh, empty store from {@link #newStore()}.
 */
public abstract class LedgerContract {
  protected static final Currency EUR = Currency.getInstance("EUR");
  protected static final Currency USD = Currency.getInstance("USD");
  protected static final Actor OPERATOR = Actor.operator("ops-1");

  /** A new store with no data in it. Called once per test. */
  protected abstract BillingStore newStore();

  protected BillingStore store;
  protected TestClock clock;
  protected final IdGenerator ids = IdGenerator.sequential();
  protected CoreLedger ledger;
  protected OrgId org;
  protected ChartOfAccounts eur;

  @BeforeEach
  void createLedger() {
    store = newStore();
    clock = TestClock.at("2026-01-15T10:00:00Z");
    ledger = CoreLedger.create(store, clock, ids);
    org = ids.next(OrgId::of);
    store.inTenant(org, tx -> {
      tx.organization().insert(TestOrganizations.named(org, "Ledger"));
      return null;
    });
    eur = ledger.openAccounts(OPERATOR, org, EUR);
  }

  protected static Money eur(String major) {
    return Money.ofMajor(major, "EUR");
  }

  /** An entry moving {@code amount} from cash clearing to receivable, with a tax split: 4 postings. */
  protected NewJournalEntry fourPostings(String key, ChartOfAccounts chart, Money net, Money tax) {
    return new NewJournalEntry(key, clock.instant(), new Reference(Reference.Kind.MANUAL, key), "test " + key, List.of(
        Posting.debit(chart.id(AccountCode.RECEIVABLE), net.plus(tax)),
        Posting.credit(chart.id(AccountCode.REVENUE), net),
        Posting.credit(chart.id(AccountCode.TAX_PAYABLE), tax),
        Posting.debit(chart.id(AccountCode.CASH_CLEARING), net.plus(tax)),
        Posting.credit(chart.id(AccountCode.RECEIVABLE), net.plus(tax))));
  }

  private NewJournalEntry simple(String key, AccountCode debit, AccountCode credit, Money amount) {
    return new NewJournalEntry(key, clock.instant(), new Reference(Reference.Kind.MANUAL, key), "manual",
        List.of(Posting.debit(eur.id(debit), amount), Posting.credit(eur.id(credit), amount)));
  }

  private Money net(AccountCode code) {
    return ledger.balance(OPERATOR, org, eur.id(code)).net();
  }

  private long entryCount() {
    // The statement of every account together covers every posting; the sequence is simpler.
    return store.inTenant(org, tx -> tx.ledger().lastSequence());
  }

  @Test
  void openingAccountsIsIdempotentAndGivesOneAccountPerCodeAndCurrency() {
    ChartOfAccounts again = ledger.openAccounts(OPERATOR, org, EUR);
    ChartOfAccounts usd = ledger.openAccounts(OPERATOR, org, USD);

    assertThat(again).isEqualTo(eur);
    assertThat(ledger.chart(OPERATOR, org, EUR)).contains(eur);
    assertThat(usd.accounts()).hasSize(AccountCode.values().length);
    assertThat(usd.id(AccountCode.RECEIVABLE)).isNotEqualTo(eur.id(AccountCode.RECEIVABLE));
    assertThat(ledger.chart(OPERATOR, org, Currency.getInstance("JPY"))).isEmpty();
    assertThat(ledger.trialBalance(OPERATOR, org).accounts()).hasSize(2 * AccountCode.values().length);
  }

  @Test
  void aPostedEntryMovesBalancesOnTheNormalSide() {
    PostResult result = ledger.post(OPERATOR, org, fourPostings("e-1", eur, eur("100.00"), eur("19.00")));

    assertThat(result).isInstanceOf(PostResult.Posted.class);
    JournalEntry entry = result.entry();
    assertThat(entry.sequence()).isEqualTo(1);
    assertThat(entry.recordedAt()).isEqualTo(clock.instant());
    assertThat(entry.postings()).hasSize(5);
    assertThat(net(AccountCode.RECEIVABLE)).isEqualTo(eur("0.00"));
    assertThat(net(AccountCode.REVENUE)).isEqualTo(eur("100.00"));
    assertThat(net(AccountCode.TAX_PAYABLE)).isEqualTo(eur("19.00"));
    assertThat(net(AccountCode.CASH_CLEARING)).isEqualTo(eur("119.00"));
    AccountBalance receivable = ledger.balance(OPERATOR, org, eur.id(AccountCode.RECEIVABLE));
    assertThat(receivable.debits()).isEqualTo(eur("119.00"));
    assertThat(receivable.credits()).isEqualTo(eur("119.00"));
    assertThat(ledger.entry(OPERATOR, org, entry.id())).contains(entry);
    assertThat(ledger.trialBalance(OPERATOR, org).isBalanced()).isTrue();
  }

  @Test
  void postingTheSameKeyWithTheSameContentReturnsTheOriginal() {
    JournalEntry first = ledger.post(OPERATOR, org, fourPostings("e-1", eur, eur("10.00"), eur("1.90"))).entry();
    clock.advance(Duration.ofMinutes(5));

    PostResult again = ledger.post(OPERATOR, org,
        new NewJournalEntry("e-1", first.occurredAt(), first.reference(), first.memo(), first.postings()));

    assertThat(again).isInstanceOf(PostResult.AlreadyPosted.class);
    assertThat(again.entry()).isEqualTo(first);
    assertThat(entryCount()).isEqualTo(1);
    assertThat(net(AccountCode.REVENUE)).isEqualTo(eur("10.00"));
  }

  @Test
  void postingTheSameKeyWithDifferentContentIsAConflictAndWritesNothing() {
    JournalEntry first = ledger.post(OPERATOR, org, fourPostings("e-1", eur, eur("10.00"), eur("1.90"))).entry();

    assertThatThrownBy(() -> ledger.post(OPERATOR, org, fourPostings("e-1", eur, eur("10.01"), eur("1.90"))))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("e-1")
        .hasMessageContaining("different content");

    assertThat(entryCount()).isEqualTo(1);
    assertThat(net(AccountCode.REVENUE)).isEqualTo(eur("10.00"));
    assertThat(ledger.entry(OPERATOR, org, first.id())).contains(first);
  }

  @Test
  void aReversalPostsTheExactMirrorLinkedToTheOriginal() {
    JournalEntry original = ledger.post(OPERATOR, org, fourPostings("e-1", eur, eur("50.00"), eur("9.50"))).entry();
    clock.advance(Duration.ofDays(1));

    JournalEntry reversal = ledger.reverse(OPERATOR, org, original.id(), "posted to the wrong customer");

    assertThat(reversal.reverses()).contains(original.id());
    assertThat(reversal.sequence()).isEqualTo(2);
    assertThat(reversal.occurredAt()).isEqualTo(clock.instant());
    assertThat(reversal.reference()).isEqualTo(original.reference());
    assertThat(reversal.memo()).contains("posted to the wrong customer");
    assertThat(reversal.postings()).containsExactlyElementsOf(original.postings().stream().map(Posting::mirrored).toList());
    for (AccountCode code : AccountCode.values()) {
      assertThat(net(code)).as(code.name()).isEqualTo(eur("0.00"));
    }
    assertThat(ledger.balance(OPERATOR, org, eur.id(AccountCode.REVENUE)).credits()).isEqualTo(eur("50.00"));
    assertThat(ledger.balance(OPERATOR, org, eur.id(AccountCode.REVENUE)).debits()).isEqualTo(eur("50.00"));
  }

  @Test
  void anEntryIsReversedAtMostOnceAndAReversalIsNeverReversed() {
    JournalEntry original = ledger.post(OPERATOR, org, simple("e-1", AccountCode.RECEIVABLE, AccountCode.REVENUE, eur("5.00"))).entry();
    JournalEntry reversal = ledger.reverse(OPERATOR, org, original.id(), "mistake");

    assertThatThrownBy(() -> ledger.reverse(OPERATOR, org, original.id(), "mistake"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("already reversed by entry " + reversal.id());
    assertThatThrownBy(() -> ledger.reverse(OPERATOR, org, reversal.id(), "undo the undo"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("cannot be reversed");
    assertThat(entryCount()).isEqualTo(2);
    assertThat(ledger.reversalOf(OPERATOR, org, original.id())).contains(reversal);
    assertThat(ledger.reversalOf(OPERATOR, org, reversal.id())).isEmpty();
    assertThat(ledger.entryByKey(OPERATOR, org, "reversal:" + original.id())).contains(reversal);
    assertThat(ledger.entryByKey(OPERATOR, org, "e-1")).contains(original);
    assertThat(ledger.entryByKey(OPERATOR, org, "nope")).isEmpty();
  }

  @Test
  void reversingAnUnknownEntryIsNotFoundAndWritesNothing() {
    JournalEntryId unknown = ids.next(JournalEntryId::of);
    assertThatThrownBy(() -> ledger.reverse(OPERATOR, org, unknown, "typo"))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.kind()).isEqualTo("journal entry");
          assertThat(e.id()).isEqualTo(unknown.toString());
        });
    assertThat(entryCount()).isZero();
  }

  @Test
  void balancesAsOfAnInstantCountOnlyEntriesThatOccurredBy() {
    Instant t1 = clock.instant();
    ledger.post(OPERATOR, org, simple("e-1", AccountCode.RECEIVABLE, AccountCode.REVENUE, eur("10.00")));
    clock.advance(Duration.ofDays(10));
    Instant t2 = clock.instant();
    ledger.post(OPERATOR, org, simple("e-2", AccountCode.RECEIVABLE, AccountCode.REVENUE, eur("5.00")));

    AccountId revenue = eur.id(AccountCode.REVENUE);
    assertThat(ledger.balanceAsOf(OPERATOR, org, revenue, t1.minusSeconds(1)).net()).isEqualTo(eur("0.00"));
    assertThat(ledger.balanceAsOf(OPERATOR, org, revenue, t1).net()).isEqualTo(eur("10.00"));
    assertThat(ledger.balanceAsOf(OPERATOR, org, revenue, t2.minusSeconds(1)).net()).isEqualTo(eur("10.00"));
    assertThat(ledger.balanceAsOf(OPERATOR, org, revenue, t2).net()).isEqualTo(eur("15.00"));
    TrialBalance mid = ledger.trialBalanceAsOf(OPERATOR, org, t1);
    assertThat(mid.isBalanced()).isTrue();
    assertThat(mid.net(AccountCode.RECEIVABLE, EUR)).isEqualTo(eur("10.00"));
  }

  @Test
  void statementsListPostingsInOrderWithRunningBalanceAcrossPages() {
    for (int i = 1; i <= 7; i++) {
      ledger.post(OPERATOR, org, simple("e-" + i, AccountCode.RECEIVABLE, AccountCode.REVENUE, eur(i + ".00")));
    }
    ledger.post(OPERATOR, org, simple("pay", AccountCode.CASH_CLEARING, AccountCode.RECEIVABLE, eur("20.00")));

    List<StatementLine> all = new ArrayList<>();
    Optional<StatementCursor> cursor = Optional.empty();
    int pages = 0;
    do {
      StatementPage page = ledger.statement(OPERATOR, org, eur.id(AccountCode.RECEIVABLE), cursor, 3);
      assertThat(page.lines()).hasSizeLessThanOrEqualTo(3);
      all.addAll(page.lines());
      cursor = page.next();
      pages++;
    } while (cursor.isPresent());

    assertThat(pages).isEqualTo(3);
    assertThat(all).extracting(StatementLine::entrySequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(all).extracting(l -> l.balanceAfter().minorUnits())
        .containsExactly(100L, 300L, 600L, 1000L, 1500L, 2100L, 2800L, 800L);
    assertThat(all.get(7).memo()).isEqualTo("manual");
    assertThat(ledger.statement(OPERATOR, org, eur.id(AccountCode.BAD_DEBT), Optional.empty(), 10).lines()).isEmpty();
    assertThatThrownBy(() -> ledger.statement(OPERATOR, org, eur.id(AccountCode.RECEIVABLE), Optional.empty(), 0))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("limit"));
  }

  @Test
  void oneOrganizationsBooksAreInvisibleAndUnreachableFromAnother() {
    ledger.post(OPERATOR, org, simple("e-1", AccountCode.RECEIVABLE, AccountCode.REVENUE, eur("10.00")));
    JournalEntry entryOfA = ledger.post(OPERATOR, org, simple("e-2", AccountCode.RECEIVABLE, AccountCode.REVENUE, eur("1.00"))).entry();
    OrgId other = ids.next(OrgId::of);
    ChartOfAccounts otherChart = ledger.openAccounts(OPERATOR, other, EUR);

    assertThat(ledger.entry(OPERATOR, other, entryOfA.id())).isEmpty();
    assertThat(ledger.trialBalance(OPERATOR, other).accounts()).extracting(b -> b.account().id())
        .doesNotContainAnyElementsOf(eur.accounts().values().stream().map(a -> a.id()).toList());
    assertThat(otherChart.id(AccountCode.REVENUE)).isNotEqualTo(eur.id(AccountCode.REVENUE));
    assertThatThrownBy(() -> ledger.balance(OPERATOR, other, eur.id(AccountCode.REVENUE))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ledger.reverse(OPERATOR, other, entryOfA.id(), "cross-tenant")).isInstanceOf(NotFoundException.class);
    // Posting to A's accounts from B's scope is refused: they are not B's accounts.
    assertThatThrownBy(() -> ledger.post(OPERATOR, other, simple("x", AccountCode.RECEIVABLE, AccountCode.REVENUE, eur("1.00"))))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("postings[0].account"));
    // The same key is free in another organization: keys are unique per organization.
    PostResult sameKeyElsewhere = ledger.post(OPERATOR, other, new NewJournalEntry("e-1", clock.instant(),
        new Reference(Reference.Kind.MANUAL, "e-1"), "manual", List.of(
            Posting.debit(otherChart.id(AccountCode.RECEIVABLE), eur("3.00")),
            Posting.credit(otherChart.id(AccountCode.REVENUE), eur("3.00")))));
    assertThat(sameKeyElsewhere).isInstanceOf(PostResult.Posted.class);
    assertThat(sameKeyElsewhere.entry().sequence()).isEqualTo(1);
    assertThat(net(AccountCode.REVENUE)).isEqualTo(eur("11.00"));
  }

  @Test
  void aBatchIsAllOrNothing() {
    List<NewJournalEntry> batch = List.of(
        simple("b-1", AccountCode.RECEIVABLE, AccountCode.REVENUE, eur("1.00")),
        simple("b-2", AccountCode.RECEIVABLE, AccountCode.REVENUE, eur("2.00")),
        new NewJournalEntry("b-3", clock.instant(), new Reference(Reference.Kind.MANUAL, "b-3"), "bad account", List.of(
            Posting.debit(ids.next(AccountId::of), eur("1.00")),
            Posting.credit(eur.id(AccountCode.REVENUE), eur("1.00")))));

    assertThatThrownBy(() -> ledger.postAll(OPERATOR, org, batch))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("postings[0].account"));
    assertThat(entryCount()).isZero();
    assertThat(net(AccountCode.REVENUE)).isEqualTo(eur("0.00"));

    List<PostResult> ok = ledger.postAll(OPERATOR, org, batch.subList(0, 2));
    assertThat(ok).extracting(r -> r.entry().sequence()).containsExactly(1L, 2L);
    assertThat(ledger.postAll(OPERATOR, org, batch.subList(0, 2))).allMatch(r -> r instanceof PostResult.AlreadyPosted);
    assertThat(net(AccountCode.REVENUE)).isEqualTo(eur("3.00"));
  }

  @Test
  void factsArePostedThroughTheirRulesOnceEach() {
    InvoiceId invoice = ids.next(InvoiceId::of);
    TestInvoices.insert(store, org, invoice, InvoiceStatus.OPEN, eur("142.80"));
    PaymentId payment = ids.next(PaymentId::of);
    LedgerFact finalized = new LedgerFact.InvoiceFinalized(invoice, "INV-000001", clock.instant(), eur("100.00"),
        eur("20.00"), eur("22.80"));
    LedgerFact paid = new LedgerFact.PaymentSucceeded(payment, invoice, clock.instant(), eur("142.80"));

    assertThat(ledger.record(OPERATOR, org, finalized)).get().isInstanceOf(PostResult.Posted.class);
    assertThat(ledger.record(OPERATOR, org, finalized)).get().isInstanceOf(PostResult.AlreadyPosted.class);
    ledger.record(Actor.job("invoicing"), org, paid);

    assertThat(net(AccountCode.RECEIVABLE)).isEqualTo(eur("0.00"));
    assertThat(net(AccountCode.CASH_CLEARING)).isEqualTo(eur("142.80"));
    assertThat(net(AccountCode.DEFERRED_REVENUE)).isEqualTo(eur("100.00"));
    assertThat(net(AccountCode.REVENUE)).isEqualTo(eur("20.00"));
    assertThat(net(AccountCode.TAX_PAYABLE)).isEqualTo(eur("22.80"));
    assertThat(entryCount()).isEqualTo(2);
  }

  @Test
  void aFactInAnotherCurrencyThanTheOrganizationsIsRefusedAndOpensNoAccounts() {
    InvoiceId invoice = ids.next(InvoiceId::of);
    assertThatThrownBy(() -> ledger.record(OPERATOR, org, new LedgerFact.InvoiceFinalized(invoice, "INV-000002",
        clock.instant(), Money.ofMajor("10.00", "USD"), Money.zero(USD), Money.zero(USD))))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("amount");
          assertThat(e.rule()).contains("organization's currency EUR").contains("USD");
        });
    assertThat(ledger.chart(OPERATOR, org, USD)).isEmpty();
    assertThat(entryCount()).isZero();
  }

  // ---- bad input: a typed error naming the rule, and nothing written ---------------------

  @Test
  void anAccountOfAnotherCurrencyIsRefused() {
    ChartOfAccounts usd = ledger.openAccounts(OPERATOR, org, USD);
    NewJournalEntry mixed = new NewJournalEntry("m-1", clock.instant(), new Reference(Reference.Kind.MANUAL, "m-1"), "m",
        List.of(Posting.debit(usd.id(AccountCode.RECEIVABLE), eur("1.00")), Posting.credit(eur.id(AccountCode.REVENUE), eur("1.00"))));

    assertThatThrownBy(() -> ledger.post(OPERATOR, org, mixed))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("postings[0].account");
          assertThat(e.rule()).contains("must be in the posting's currency").contains("USD").contains("EUR");
        });
    assertThat(entryCount()).isZero();
  }

  @Test
  void anUnknownAccountIsRefused() {
    NewJournalEntry unknown = new NewJournalEntry("u-1", clock.instant(), new Reference(Reference.Kind.MANUAL, "u-1"), "u",
        List.of(Posting.debit(eur.id(AccountCode.RECEIVABLE), eur("1.00")), Posting.credit(ids.next(AccountId::of), eur("1.00"))));

    assertThatThrownBy(() -> ledger.post(OPERATOR, org, unknown))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("postings[1].account");
          assertThat(e.rule()).contains("must be an account of this organization");
        });
    assertThat(entryCount()).isZero();
    assertThat(net(AccountCode.RECEIVABLE)).isEqualTo(eur("0.00"));
  }

  @Test
  void membersCannotPostToTheLedger() {
    Actor member = Actor.member(ids.next(UserId::of));
    assertThatThrownBy(() -> ledger.post(member, org, simple("e-1", AccountCode.RECEIVABLE, AccountCode.REVENUE, eur("1.00"))))
        .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
          assertThat(e.permission()).isEqualTo(Ledger.POST_PERMISSION);
          assertThat(e.org()).contains(org);
        });
    assertThatThrownBy(() -> ledger.reverse(member, org, ids.next(JournalEntryId::of), "x")).isInstanceOf(AccessDeniedException.class);
    assertThat(entryCount()).isZero();
  }

  @Test
  void aBlankReversalReasonIsRefused() {
    JournalEntry e = ledger.post(OPERATOR, org, simple("e-1", AccountCode.RECEIVABLE, AccountCode.REVENUE, eur("1.00"))).entry();
    assertThatThrownBy(() -> ledger.reverse(OPERATOR, org, e.id(), " "))
        .isInstanceOfSatisfying(InvalidRequestException.class, ex -> assertThat(ex.field()).isEqualTo("reason"));
    assertThat(entryCount()).isEqualTo(1);
  }

  // ---- concurrency ------------------------------------------------------------------------

  @Test
  void eightThreadsPostingTenThousandEntriesLoseNone() throws Exception {
    int threads = 8;
    int perThread = 1_250;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            // Amounts vary by thread and index so a lost or doubled entry changes the totals.
            Money net = Money.of(100 + thread * 7 + i % 13, EUR);
            Money tax = Money.of(19 + i % 3, EUR);
            ledger.post(OPERATOR, org, fourPostings("t" + thread + "-" + i, eur, net, tax));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    long expectedNet = 0;
    long expectedTax = 0;
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        expectedNet += 100 + t * 7 + i % 13;
        expectedTax += 19 + i % 3;
      }
    }
    assertThat(entryCount()).isEqualTo(threads * perThread);
    assertThat(net(AccountCode.REVENUE)).isEqualTo(Money.of(expectedNet, EUR));
    assertThat(net(AccountCode.TAX_PAYABLE)).isEqualTo(Money.of(expectedTax, EUR));
    assertThat(net(AccountCode.CASH_CLEARING)).isEqualTo(Money.of(expectedNet + expectedTax, EUR));
    assertThat(ledger.trialBalance(OPERATOR, org).isBalanced()).isTrue();
    // Sequences are gap-free: the statement of revenue has one line per entry, in order 1..n.
    List<Long> sequences = new ArrayList<>();
    Optional<StatementCursor> cursor = Optional.empty();
    do {
      StatementPage page = ledger.statement(OPERATOR, org, eur.id(AccountCode.REVENUE), cursor, Ledger.MAX_STATEMENT_PAGE);
      page.lines().forEach(l -> sequences.add(l.entrySequence()));
      cursor = page.next();
    } while (cursor.isPresent());
    assertThat(sequences).hasSize(threads * perThread);
    for (int i = 0; i < sequences.size(); i++) {
      assertThat(sequences.get(i)).isEqualTo(i + 1L);
    }
  }
}
