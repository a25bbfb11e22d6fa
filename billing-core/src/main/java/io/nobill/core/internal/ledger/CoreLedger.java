package io.nobill.core.internal.ledger;

import io.nobill.core.access.Actor;
import io.nobill.core.access.Permission;
import io.nobill.core.audit.AuditTarget;
import io.nobill.core.audit.AuditTrail;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.id.AccountId;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.JournalEntryId;
import io.nobill.core.id.OrgId;
import io.nobill.core.internal.access.Access;
import io.nobill.core.internal.audit.CoreAuditTrail;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.ledger.*;
import io.nobill.core.money.Bounds;
import io.nobill.core.money.Money;
import io.nobill.core.org.Organization;
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
public final class CoreLedger implements Ledger {
  private static final int MAX_REASON = 400;

  private final BillingStore store;
  private final Clock clock;
  private final IdGenerator ids;
  private final CoreAuditTrail audit;

  /**
   * Who issues the document of a refund once its entry is posted (the credit note), in the
   * refund's transaction. Set once, by the assembly, after the invoices exist; none by default.
   */
  public interface RefundDocuments {
    void refunded(TenantTransaction tx, LedgerFact.PaymentRefunded fact, RecordedPayment payment, JournalEntry entry);
  }

  private volatile RefundDocuments refundDocuments;

  /**
   * Issues the document of every refund posted from now on with {@code documents}.
   *
   * @throws IllegalStateException if already set
   */
  public void documentRefundsWith(RefundDocuments documents) {
    Objects.requireNonNull(documents, "documents");
    if (refundDocuments != null) {
      throw new IllegalStateException("refund documents are already set");
    }
    refundDocuments = documents;
  }

  private CoreLedger(BillingStore store, Clock clock, IdGenerator ids) {
    this.store = store;
    this.clock = clock;
    this.ids = ids;
    this.audit = CoreAuditTrail.create(store, clock);
  }

  /** A ledger over {@code store}, timing entries by {@code clock} and naming them from {@code ids}. */
  public static CoreLedger create(BillingStore store, Clock clock, IdGenerator ids) {
    return new CoreLedger(Objects.requireNonNull(store, "store"), Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(ids, "ids"));
  }

  // ---- accounts -------------------------------------------------------------------------

  /** Opens the organization's accounts in {@code currency}, those missing only, and returns them all. */
  @Override
  public ChartOfAccounts openAccounts(Actor actor, OrgId org, Currency currency) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(currency, "currency");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.LEDGER_POST);
      return openAccounts(tx, currency);
    });
  }

  /** As {@link #openAccounts(Actor, OrgId, Currency)}, inside a running tenant transaction. */
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
  @Override
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
   * if needed, and audits the entry it posts. Empty when the fact moves no money.
   *
   * <p>The fact is checked against the organization in scope before anything is written:
   *
   * <ul>
   *   <li>it is in the organization's currency, else {@link InvalidRequestException} naming
   *       {@code amount};
   *   <li>the invoice a fact names exists in this organization ({@link NotFoundException}
   *       otherwise) and is in the fact's currency;
   *   <li>a payment ({@link LedgerFact.PaymentSucceeded}) is for an open or uncollectible
   *       invoice ({@link ConflictException} otherwise) and, with the organization's earlier
   *       payments of that invoice, does not exceed its amount due ({@code amount});
   *       its payment id is not recorded for another invoice or amount ({@link ConflictException});
   *   <li>a refund ({@link LedgerFact.PaymentRefunded}) names a payment the ledger recorded in
   *       this organization ({@link NotFoundException} otherwise), is in its currency, and does
   *       not exceed what remains refundable of it: the payment less every earlier refund
   *       ({@code amount}). A refund id recorded before is answered as posted with the same
   *       content, and is a {@link ConflictException} with other content: it never counts twice.
   * </ul>
   *
   * <p>As every posting, it is bounded by the organization's ledger volume (see
   * {@link #post(TenantTransaction, NewJournalEntry)}).
   */
  @Override
  public Optional<PostResult> record(Actor actor, OrgId org, LedgerFact fact) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(fact, "fact");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.LEDGER_POST);
      return record(tx, actor, fact);
    });
  }

  /**
   * As {@link #record(Actor, OrgId, LedgerFact)}, inside a running tenant transaction, for a
   * caller that has checked {@code actor}'s permission: the fact is checked, posted and its
   * entry audited as made by {@code actor}.
   */
  public Optional<PostResult> record(TenantTransaction tx, Actor actor, LedgerFact fact) {
    Objects.requireNonNull(actor, "actor");
    Optional<PostResult> result = record(tx, fact);
    result.ifPresent(r -> audited(tx, actor, r));
    return result;
  }

  /**
   * As {@link #record(TenantTransaction, Actor, LedgerFact)} but writes no audit entry: for a
   * caller whose own audit entry in the same transaction names the change that moved the money
   * (an invoice finalized, paid, voided or written off).
   */
  public Optional<PostResult> record(TenantTransaction tx, LedgerFact fact) {
    Objects.requireNonNull(tx, "tx");
    Objects.requireNonNull(fact, "fact");
    Optional<RecordedPayment> payment = check(tx, fact);
    ChartOfAccounts chart = openAccounts(tx, fact.currency());
    Optional<PostResult> result = PostingRules.entryFor(fact, chart).map(entry -> post(tx, entry));
    if (result.isPresent() && result.get() instanceof PostResult.Posted posted) {
      payment.ifPresent(tx.ledger()::savePayment);
      // A refund posted once is documented once: recording it again finds it AlreadyPosted.
      RefundDocuments documents = refundDocuments;
      if (documents != null && fact instanceof LedgerFact.PaymentRefunded refund && payment.isPresent()) {
        documents.refunded(tx, refund, payment.get(), posted.entry());
      }
    }
    return result;
  }

  /**
   * Checks {@code fact} against the organization in scope; returns the payment record a new
   * payment or refund leaves, to be saved once its entry is posted.
   */
  private static Optional<RecordedPayment> check(TenantTransaction tx, LedgerFact fact) {
    Organization org = tx.organization().find().orElseThrow(() -> new NotFoundException("organization", tx.org()));
    if (!fact.currency().equals(org.currency())) {
      throw new InvalidRequestException("amount", "must be in the organization's currency "
          + org.currency().getCurrencyCode() + ", was " + fact.currency().getCurrencyCode());
    }
    LedgerRepository ledger = tx.ledger();
    if (fact instanceof LedgerFact.PaymentRefunded r) {
      if (ledger.entryByKey(PostingRules.refundKey(r.refund())).isPresent()) {
        return Optional.empty(); // a repeat: posting answers it as posted before, or as a conflict
      }
      RecordedPayment paid = ledger.payment(r.payment()).orElseThrow(() -> new NotFoundException("payment", r.payment()));
      if (!paid.amount().currency().equals(r.currency())) {
        throw new InvalidRequestException("amount", "must be in the currency of payment " + r.payment() + ", "
            + paid.amount().currency().getCurrencyCode() + "; was " + r.currency().getCurrencyCode());
      }
      if (r.amount().isGreaterThan(paid.refundable())) {
        throw new InvalidRequestException("amount", "must not exceed what remains refundable of payment " + r.payment()
            + ", " + paid.refundable() + " (paid " + paid.amount() + ", refunded " + paid.refunded() + "); was " + r.amount());
      }
      return Optional.of(paid.withRefund(r.amount()));
    }
    if (fact instanceof LedgerFact.PaymentSucceeded p) {
      Invoice invoice = invoiceOf(tx, p.invoice(), p.currency());
      Optional<RecordedPayment> earlier = ledger.payment(p.payment());
      if (earlier.isPresent()) {
        if (!earlier.get().invoice().equals(p.invoice()) || !earlier.get().amount().equals(p.amount())) {
          throw new ConflictException(p.payment(), "was recorded before as " + earlier.get().amount() + " for invoice "
              + earlier.get().invoice());
        }
        return Optional.empty(); // a repeat: posting answers it
      }
      if (invoice.status() != InvoiceStatus.OPEN && invoice.status() != InvoiceStatus.UNCOLLECTIBLE) {
        throw new ConflictException(p.invoice(), "is " + invoice.status() + "; a payment settles an open or uncollectible invoice");
      }
      Money owed = invoice.amountDue();
      for (RecordedPayment other : ledger.paymentsFor(p.invoice())) {
        owed = owed.minus(other.amount());
      }
      if (p.amount().isGreaterThan(owed)) {
        throw new InvalidRequestException("amount", "must not exceed what is still owed on invoice " + p.invoice() + ", "
            + owed.max(Money.zero(owed.currency())) + "; was " + p.amount());
      }
      return Optional.of(new RecordedPayment(p.payment(), p.invoice(), p.amount(), Money.zero(p.currency())));
    }
    invoiceNamedBy(fact).ifPresent(id -> invoiceOf(tx, id, fact.currency()));
    return Optional.empty();
  }

  private static Optional<InvoiceId> invoiceNamedBy(LedgerFact fact) {
    if (fact instanceof LedgerFact.InvoiceFinalized f) {
      return Optional.of(f.invoice());
    } else if (fact instanceof LedgerFact.CreditApplied f) {
      return Optional.of(f.invoice());
    } else if (fact instanceof LedgerFact.InvoiceVoided f) {
      return Optional.of(f.invoice());
    } else if (fact instanceof LedgerFact.InvoiceWrittenOff f) {
      return Optional.of(f.invoice());
    } else if (fact instanceof LedgerFact.RevenueRecognized f) {
      return Optional.of(f.invoice());
    }
    return Optional.empty();
  }

  private static Invoice invoiceOf(TenantTransaction tx, InvoiceId id, Currency currency) {
    Invoice invoice = tx.invoices().find(id).orElseThrow(() -> new NotFoundException("invoice", id));
    if (!invoice.currency().equals(currency)) {
      throw new InvalidRequestException("amount", "must be in the currency of invoice " + id + ", "
          + invoice.currency().getCurrencyCode() + "; was " + currency.getCurrencyCode());
    }
    return invoice;
  }

  /**
   * Posts a hand-built entry. Posting the same key again with the same content returns the
   * original entry as {@link PostResult.AlreadyPosted}; with different content it is a
   * {@link ConflictException} and nothing is written.
   *
   * <p>An organization's ledger volume — the sum of the debit postings of all its entries, in
   * every currency, reversals included — stays at most {@link Bounds#MAX_LEDGER_VOLUME} minor
   * units; with each posting at most {@link Bounds#MAX_AMOUNT}, every balance and sum of the
   * organization fits a {@code long} on every store.
   *
   * @throws InvalidRequestException naming {@code postings[i].account} for an account that
   *     does not exist in this organization or is in another currency than its posting, or
   *     naming {@code postings} for an entry that would take the ledger volume past its bound
   */
  @Override
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
  @Override
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
      checkVolume(ledger, entry);
    } catch (InvalidRequestException bad) {
      // A key posted before with other content is a conflict whatever else is wrong with it; with
      // the same content it is a repeat, which a volume reached since then does not refuse.
      Optional<JournalEntry> holder = ledger.entryByKey(entry.idempotencyKey());
      if (holder.isPresent()) {
        if (!holder.get().content().equals(entry)) {
          throw keyTaken(holder.get(), entry);
        }
        return new PostResult.AlreadyPosted(holder.get());
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

  /**
   * Refuses an entry that would take the organization's ledger volume past
   * {@link Bounds#MAX_LEDGER_VOLUME}: what keeps every account's totals, every balance and every
   * trial-balance sum within a {@code long} on every store. The volume is the store's running
   * total, so this costs no query of its own.
   */
  private static void checkVolume(LedgerRepository ledger, NewJournalEntry entry) {
    long debits = 0;
    for (Posting p : entry.postings()) {
      if (p.side() == Side.DEBIT) {
        debits += p.amount().minorUnits(); // at most 100 postings of 10^15: no overflow
      }
    }
    long volume = ledger.volume();
    if (debits > Bounds.MAX_LEDGER_VOLUME - volume) {
      throw new InvalidRequestException("postings", "must keep the organization's ledger volume (the sum of all its debit "
          + "postings) at most " + Bounds.MAX_LEDGER_VOLUME + " minor units; it is " + volume + " and this entry debits "
          + debits);
    }
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
    checkVolume(ledger, e);
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
  @Override
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
  @Override
  public Optional<JournalEntry> entry(Actor actor, OrgId org, JournalEntryId id) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(id, "id");
    return Access.inTenant(store, org, actor, Permission.BILLING_READ, tx -> tx.ledger().entry(id));
  }

  /** The entry posted under an idempotency key, if any. */
  @Override
  public Optional<JournalEntry> entryByKey(Actor actor, OrgId org, String idempotencyKey) {
    Objects.requireNonNull(org, "org");
    // A key no entry can have is refused before any store is asked: PostgreSQL cannot even look up a NUL.
    NewJournalEntry.checkKey(Objects.requireNonNull(idempotencyKey, "idempotencyKey"));
    return Access.inTenant(store, org, actor, Permission.BILLING_READ, tx -> tx.ledger().entryByKey(idempotencyKey));
  }

  /** The entry that reversed {@code entry}, if it was reversed. */
  @Override
  public Optional<JournalEntry> reversalOf(Actor actor, OrgId org, JournalEntryId entry) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(entry, "entry");
    return Access.inTenant(store, org, actor, Permission.BILLING_READ, tx -> tx.ledger().reversalOf(entry));
  }

  /** The posted totals of an account. */
  @Override
  public AccountBalance balance(Actor actor, OrgId org, AccountId account) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(account, "account");
    return Access.inTenant(store, org, actor, Permission.BILLING_READ, tx -> tx.ledger().balance(account));
  }

  /** The totals of postings from entries that occurred at or before {@code asOf}. */
  @Override
  public AccountBalance balanceAsOf(Actor actor, OrgId org, AccountId account, Instant asOf) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(asOf, "asOf");
    return Access.inTenant(store, org, actor, Permission.BILLING_READ, tx -> tx.ledger().balanceAsOf(account, asOf));
  }

  /** Every account of the organization with its posted totals. */
  @Override
  public TrialBalance trialBalance(Actor actor, OrgId org) {
    Objects.requireNonNull(org, "org");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.BILLING_READ);
      LedgerRepository ledger = tx.ledger();
      return new TrialBalance(ledger.accounts().stream().map(a -> ledger.balance(a.id())).toList());
    });
  }

  /** Every account with the totals of postings from entries that occurred at or before {@code asOf}. */
  @Override
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
  @Override
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
