package io.nobill.core.ledger;

import io.nobill.core.Actor;
import io.nobill.core.ConflictException;
import io.nobill.core.InvalidRequestException;
import io.nobill.core.NotFoundException;
import io.nobill.core.access.Access;
import io.nobill.core.access.Permission;
import io.nobill.core.audit.AuditTarget;
import io.nobill.core.audit.AuditTrail;
import io.nobill.core.id.AccountId;
import io.nobill.core.id.JournalEntryId;
import io.nobill.core.id.OrgId;
import io.nobill.core.money.Money;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.LedgerRepository;
import io.nobill.core.spi.PlatformTransaction;
import io.nobill.core.spi.TenantTransaction;
import io.nobill.core.text.TextPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Each organization's double-entry books. Every money movement is a balanced, immutable
 * {@link JournalEntry}; balances are sums anyone can re-add; corrections are reversals.
 *
 * <p>Billing facts are recorded with {@link #record}, which applies the {@link PostingRules};
 * {@link #post} takes a hand-built entry for manual adjustments by operators. Both are
 * idempotent by the entry's key. Methods taking a {@link TenantTransaction} let other parts
 * of NOBill post inside their own transaction, so that a change and its entry commit together.
 *
 * <p>Members of an organization never post to its ledger directly: entries come from
 * billing facts, from operators and from NOBill's own jobs and providers. Reading needs
 * {@code billing.read}. Every posting and reversal writes an audit entry in its transaction.
 */
public final class Ledger {
  /** The permission a posting needs; no member role has it. */
  public static final String POST_PERMISSION = Permission.LEDGER_POST.key();
  /** The longest statement page. */
  public static final int MAX_STATEMENT_PAGE = 1_000;
  private static final int MAX_REASON = 400;

  private final BillingStore store;
  private final Clock clock;
  private final IdGenerator ids;
  private final AuditTrail audit;

  private Ledger(BillingStore store, Clock clock, IdGenerator ids) {
    this.store = store;
    this.clock = clock;
    this.ids = ids;
    this.audit = AuditTrail.create(store, clock);
  }

  /** A ledger over {@code store}, timing entries by {@code clock} and naming them from {@code ids}. */
  public static Ledger create(BillingStore store, Clock clock, IdGenerator ids) {
    return new Ledger(Objects.requireNonNull(store, "store"), Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(ids, "ids"));
  }

  // ---- accounts -------------------------------------------------------------------------

  /** Opens the organization's accounts in {@code currency}, those missing only, and returns them all. */
  public ChartOfAccounts openAccounts(Actor actor, OrgId org, Currency currency) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(currency, "currency");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.LEDGER_POST);
      return openAccounts(tx, currency);
    });
  }

  /** As {@link #openAccounts(OrgId, Currency)}, inside a running tenant transaction. */
  public ChartOfAccounts openAccounts(TenantTransaction tx, Currency currency) {
    Objects.requireNonNull(tx, "tx");
    Money.zero(currency); // a currency without minor unit cannot be booked
    LedgerRepository ledger = tx.ledger();
    Map<AccountCode, Account> chart = chartMap(ledger, currency);
    Instant now = clock.instant();
    for (AccountCode code : AccountCode.values()) {
      if (!chart.containsKey(code)) {
        Account account = new Account(ids.next(AccountId::of), code, currency, now);
        ledger.insertAccount(account);
        chart.put(code, account);
      }
    }
    return new ChartOfAccounts(currency, chart);
  }

  /** The organization's accounts in {@code currency}, if they were opened. */
  public Optional<ChartOfAccounts> chart(Actor actor, OrgId org, Currency currency) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(currency, "currency");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.BILLING_READ);
      Map<AccountCode, Account> chart = chartMap(tx.ledger(), currency);
      return chart.size() == AccountCode.values().length
          ? Optional.of(new ChartOfAccounts(currency, chart))
          : Optional.empty();
    });
  }

  private static Map<AccountCode, Account> chartMap(LedgerRepository ledger, Currency currency) {
    Map<AccountCode, Account> chart = new EnumMap<>(AccountCode.class);
    for (Account a : ledger.accounts()) {
      if (a.currency().equals(currency)) {
        chart.put(a.code(), a);
      }
    }
    return chart;
  }

  // ---- posting --------------------------------------------------------------------------

  /**
   * Records a billing fact through its posting rule, opening the accounts of its currency
   * if needed. Empty when the fact moves no money.
   */
  public Optional<PostResult> record(Actor actor, OrgId org, LedgerFact fact) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(fact, "fact");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.LEDGER_POST);
      Optional<PostResult> result = record(tx, fact);
      result.ifPresent(r -> audited(tx, actor, r));
      return result;
    });
  }

  /** As {@link #record(Actor, OrgId, LedgerFact)}, inside a running tenant transaction. */
  public Optional<PostResult> record(TenantTransaction tx, LedgerFact fact) {
    Objects.requireNonNull(tx, "tx");
    Objects.requireNonNull(fact, "fact");
    ChartOfAccounts chart = openAccounts(tx, fact.currency());
    return PostingRules.entryFor(fact, chart).map(entry -> post(tx, entry));
  }

  /**
   * Posts a hand-built entry. Posting the same key again with the same content returns the
   * original entry as {@link PostResult.AlreadyPosted}; with different content it is a
   * {@link ConflictException} and nothing is written.
   *
   * @throws InvalidRequestException naming {@code postings[i].account} for an account that
   *     does not exist in this organization or is in another currency than its posting
   */
  public PostResult post(Actor actor, OrgId org, NewJournalEntry entry) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(entry, "entry");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.LEDGER_POST);
      return audited(tx, actor, post(tx, entry));
    });
  }

  /** Writes the audit entry of a posting that changed the books; a repeat changed nothing. */
  private PostResult audited(TenantTransaction tx, Actor actor, PostResult result) {
    if (result instanceof PostResult.Posted posted) {
      JournalEntry e = posted.entry();
      audit.record(tx, actor, "ledger.entry-posted", AuditTarget.of("journal-entry", e.id()), Map.of(), Map.of(
          "sequence", Long.toString(e.sequence()), "key", e.idempotencyKey(),
          "reference", e.reference().kind() + ":" + e.reference().id(), "postings", Integer.toString(e.postings().size())));
    }
    return result;
  }

  /** Posts several entries in one transaction: all of them, or none if any is refused. */
  public List<PostResult> postAll(Actor actor, OrgId org, List<NewJournalEntry> entries) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(entries, "entries");
    InvalidRequestException.require(!entries.isEmpty(), "entries", "must not be empty");
    InvalidRequestException.require(entries.size() <= PlatformTransaction.MAX_PAGE, "entries",
        "must have at most " + PlatformTransaction.MAX_PAGE + " entries");
    List<NewJournalEntry> copy = List.copyOf(entries);
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.LEDGER_POST);
      List<PostResult> results = new ArrayList<>(copy.size());
      for (NewJournalEntry e : copy) {
        results.add(audited(tx, actor, post(tx, e)));
      }
      return List.copyOf(results);
    });
  }

  /** As {@link #post(Actor, OrgId, NewJournalEntry)}, inside a running tenant transaction. */
  public PostResult post(TenantTransaction tx, NewJournalEntry entry) {
    Objects.requireNonNull(tx, "tx");
    Objects.requireNonNull(entry, "entry");
    LedgerRepository ledger = tx.ledger();
    try {
      checkAccounts(ledger, entry);
    } catch (InvalidRequestException bad) {
      // A key posted before with other content is a conflict whatever else is wrong with it.
      Optional<JournalEntry> holder = ledger.entryByKey(entry.idempotencyKey());
      if (holder.isPresent() && !holder.get().content().equals(entry)) {
        throw keyTaken(holder.get(), entry);
      }
      throw bad;
    }
    // Insert first and let a taken key answer: a new entry, by far the usual case, then costs
    // no lookup of its key. The candidate's id and sequence are dropped when the key is taken.
    JournalEntry candidate = next(ledger, entry, Optional.empty());
    Optional<JournalEntry> existing = ledger.insertEntryUnlessKeyTaken(candidate);
    if (existing.isPresent()) {
      if (existing.get().content().equals(entry)) {
        return new PostResult.AlreadyPosted(existing.get());
      }
      throw keyTaken(existing.get(), entry);
    }
    return new PostResult.Posted(candidate);
  }

  private static ConflictException keyTaken(JournalEntry holder, NewJournalEntry entry) {
    return new ConflictException(holder.id(),
        "idempotency key '" + entry.idempotencyKey() + "' was posted before with different content");
  }

  /** The entry {@code e} becomes if it is the ledger's next one. */
  private JournalEntry next(LedgerRepository ledger, NewJournalEntry e, Optional<JournalEntryId> reverses) {
    return new JournalEntry(ids.next(JournalEntryId::of), ledger.lastSequence() + 1, e.idempotencyKey(), e.occurredAt(),
        clock.instant(), e.reference(), e.memo(), e.postings(), reverses);
  }

  private void checkAccounts(LedgerRepository ledger, NewJournalEntry entry) {
    for (int i = 0; i < entry.postings().size(); i++) {
      Posting p = entry.postings().get(i);
      String field = "postings[" + i + "].account";
      Account account = ledger.account(p.account()).orElseThrow(() ->
          new InvalidRequestException(field, "must be an account of this organization; " + p.account() + " is not"));
      if (!account.currency().equals(p.amount().currency())) {
        throw new InvalidRequestException(field, "must be in the posting's currency: account " + account.id()
            + " is in " + account.currency() + ", the posting in " + p.amount().currency());
      }
    }
  }

  private JournalEntry append(LedgerRepository ledger, NewJournalEntry e, Optional<JournalEntryId> reverses) {
    JournalEntry entry = next(ledger, e, reverses);
    ledger.insertEntry(entry);
    return entry;
  }

  /**
   * Posts the exact mirror of an entry, linked to it. An entry is reversed at most once,
   * and a reversal is never itself reversed: post a new entry instead.
   *
   * @throws NotFoundException if the entry does not exist in this organization
   * @throws ConflictException if it was reversed already, or is itself a reversal
   */
  public JournalEntry reverse(Actor actor, OrgId org, JournalEntryId entry, String reason) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(entry, "entry");
    checkReason(reason);
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.LEDGER_POST);
      JournalEntry reversal = reverse(tx, entry, reason);
      audit.record(tx, actor, "ledger.entry-reversed", AuditTarget.of("journal-entry", entry), Map.of(),
          Map.of("reversal", reversal.id().toString(), "sequence", Long.toString(reversal.sequence()), "reason", reason));
      return reversal;
    });
  }

  /** As {@link #reverse(Actor, OrgId, JournalEntryId, String)}, inside a running tenant transaction. */
  public JournalEntry reverse(TenantTransaction tx, JournalEntryId entry, String reason) {
    Objects.requireNonNull(tx, "tx");
    Objects.requireNonNull(entry, "entry");
    checkReason(reason);
    LedgerRepository ledger = tx.ledger();
    JournalEntry original = ledger.entry(entry).orElseThrow(() -> new NotFoundException("journal entry", entry));
    if (original.reverses().isPresent()) {
      throw new ConflictException(entry, "is a reversal and cannot be reversed; post a new entry instead");
    }
    Optional<JournalEntry> earlier = ledger.reversalOf(entry);
    if (earlier.isPresent()) {
      throw new ConflictException(entry, "was already reversed by entry " + earlier.get().id());
    }
    List<Posting> mirrored = original.postings().stream().map(Posting::mirrored).toList();
    String memo = "Reversal of entry " + original.sequence() + ": " + reason;
    NewJournalEntry reversal = new NewJournalEntry("reversal:" + original.id(), clock.instant(), original.reference(),
        memo, mirrored);
    return append(ledger, reversal, Optional.of(original.id()));
  }

  private static void checkReason(String reason) {
    TextPolicy.multiline(reason, "reason", MAX_REASON);
  }

  // ---- reading --------------------------------------------------------------------------

  /** An entry by id. */
  public Optional<JournalEntry> entry(Actor actor, OrgId org, JournalEntryId id) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(id, "id");
    return Access.inTenant(store, org, actor, Permission.BILLING_READ, tx -> tx.ledger().entry(id));
  }

  /** The entry posted under an idempotency key, if any. */
  public Optional<JournalEntry> entryByKey(Actor actor, OrgId org, String idempotencyKey) {
    Objects.requireNonNull(org, "org");
    // A key no entry can have is refused before any store is asked: PostgreSQL cannot even look up a NUL.
    NewJournalEntry.checkKey(Objects.requireNonNull(idempotencyKey, "idempotencyKey"));
    return Access.inTenant(store, org, actor, Permission.BILLING_READ, tx -> tx.ledger().entryByKey(idempotencyKey));
  }

  /** The entry that reversed {@code entry}, if it was reversed. */
  public Optional<JournalEntry> reversalOf(Actor actor, OrgId org, JournalEntryId entry) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(entry, "entry");
    return Access.inTenant(store, org, actor, Permission.BILLING_READ, tx -> tx.ledger().reversalOf(entry));
  }

  /** The posted totals of an account. */
  public AccountBalance balance(Actor actor, OrgId org, AccountId account) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(account, "account");
    return Access.inTenant(store, org, actor, Permission.BILLING_READ, tx -> tx.ledger().balance(account));
  }

  /** The totals of postings from entries that occurred at or before {@code asOf}. */
  public AccountBalance balanceAsOf(Actor actor, OrgId org, AccountId account, Instant asOf) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(asOf, "asOf");
    return Access.inTenant(store, org, actor, Permission.BILLING_READ, tx -> tx.ledger().balanceAsOf(account, asOf));
  }

  /** Every account of the organization with its posted totals. */
  public TrialBalance trialBalance(Actor actor, OrgId org) {
    Objects.requireNonNull(org, "org");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.BILLING_READ);
      LedgerRepository ledger = tx.ledger();
      return new TrialBalance(ledger.accounts().stream().map(a -> ledger.balance(a.id())).toList());
    });
  }

  /** Every account with the totals of postings from entries that occurred at or before {@code asOf}. */
  public TrialBalance trialBalanceAsOf(Actor actor, OrgId org, Instant asOf) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(asOf, "asOf");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.BILLING_READ);
      LedgerRepository ledger = tx.ledger();
      return new TrialBalance(ledger.accounts().stream().map(a -> ledger.balanceAsOf(a.id(), asOf)).toList());
    });
  }

  /** A page of an account's statement: postings in ledger order with the running balance. */
  public StatementPage statement(Actor actor, OrgId org, AccountId account, Optional<StatementCursor> after, int limit) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(after, "after");
    if (limit < 1 || limit > MAX_STATEMENT_PAGE) {
      throw new InvalidRequestException("limit", "must be in 1.." + MAX_STATEMENT_PAGE);
    }
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.BILLING_READ);
      tx.ledger().account(account).orElseThrow(() -> new NotFoundException("account", account));
      // One line more than asked tells whether another page follows.
      List<StatementLine> lines = tx.ledger().statement(account, after, limit + 1);
      if (lines.size() > limit) {
        List<StatementLine> page = lines.subList(0, limit);
        return new StatementPage(page, Optional.of(page.get(limit - 1).cursor()));
      }
      return new StatementPage(lines, Optional.empty());
    });
  }
}
