package io.nobill.core.store;

import io.nobill.core.error.ConflictException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.id.AccountId;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.JournalEntryId;
import io.nobill.core.id.PaymentId;
import io.nobill.core.ledger.Account;
import io.nobill.core.ledger.AccountBalance;
import io.nobill.core.ledger.JournalEntry;
import io.nobill.core.ledger.Posting;
import io.nobill.core.ledger.RecordedPayment;
import io.nobill.core.ledger.StatementCursor;
import io.nobill.core.ledger.StatementLine;
import io.nobill.core.spi.LedgerRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

final class InMemoryLedgerRepository implements LedgerRepository {

  /** One organization's ledger tables. */
  static final class Tables {
    final Map<AccountId, Account> accounts = new LinkedHashMap<>();
    final Map<AccountId, AccountBalance> balances = new HashMap<>();
    /** Each account's postings in ledger order, as (entry, posting index) pairs. */
    final Map<AccountId, List<PostingRef>> postingsByAccount = new HashMap<>();
    final List<JournalEntry> journal = new ArrayList<>();
    final Map<JournalEntryId, JournalEntry> entries = new HashMap<>();
    final Map<String, JournalEntry> byKey = new HashMap<>();
    final Map<JournalEntryId, JournalEntry> reversals = new HashMap<>();
    final Map<PaymentId, RecordedPayment> payments = new HashMap<>();
    /** The sum of every entry's debit postings: the store's running total. */
    long volume;
  }

  record PostingRef(JournalEntry entry, int index) {
    Posting posting() {
      return entry.postings().get(index);
    }
  }

  private final Transaction tx;
  private final Tables t;

  InMemoryLedgerRepository(Transaction tx, Tables tables) {
    this.tx = tx;
    this.t = tables;
  }

  @Override
  public List<Account> accounts() {
    tx.check();
    return List.copyOf(t.accounts.values());
  }

  @Override
  public Optional<Account> account(AccountId id) {
    tx.check();
    return Optional.ofNullable(t.accounts.get(Objects.requireNonNull(id, "id")));
  }

  @Override
  public void insertAccount(Account account) {
    tx.check();
    Objects.requireNonNull(account, "account");
    for (Account a : t.accounts.values()) {
      if (a.id().equals(account.id()) || (a.code() == account.code() && a.currency().equals(account.currency()))) {
        throw new ConflictException(account.id(), "account " + account.code() + " in " + account.currency() + " already exists");
      }
    }
    t.accounts.put(account.id(), account);
    t.balances.put(account.id(), AccountBalance.empty(account));
    t.postingsByAccount.put(account.id(), new ArrayList<>());
    tx.onRollback(() -> {
      t.accounts.remove(account.id());
      t.balances.remove(account.id());
      t.postingsByAccount.remove(account.id());
    });
  }

  @Override
  public Optional<JournalEntry> entry(JournalEntryId id) {
    tx.check();
    return Optional.ofNullable(t.entries.get(Objects.requireNonNull(id, "id")));
  }

  @Override
  public Optional<JournalEntry> entryByKey(String idempotencyKey) {
    tx.check();
    return Optional.ofNullable(t.byKey.get(Objects.requireNonNull(idempotencyKey, "idempotencyKey")));
  }

  @Override
  public Optional<JournalEntry> reversalOf(JournalEntryId id) {
    tx.check();
    return Optional.ofNullable(t.reversals.get(Objects.requireNonNull(id, "id")));
  }

  @Override
  public long lastSequence() {
    tx.check();
    return t.journal.size();
  }

  @Override
  public void insertEntry(JournalEntry entry) {
    tx.check();
    Objects.requireNonNull(entry, "entry");
    if (t.entries.containsKey(entry.id())) {
      throw new ConflictException(entry.id(), "journal entry already exists");
    }
    if (t.byKey.containsKey(entry.idempotencyKey())) {
      throw new ConflictException(entry.id(), "idempotency key is taken by entry " + t.byKey.get(entry.idempotencyKey()).id());
    }
    if (entry.sequence() != t.journal.size() + 1) {
      throw ConflictException.concurrent(entry.id(), "sequence " + entry.sequence() + " is not next; the ledger is at " + t.journal.size());
    }
    entry.reverses().ifPresent(original -> {
      if (t.reversals.containsKey(original)) {
        throw new ConflictException(original, "already reversed by entry " + t.reversals.get(original).id());
      }
    });
    for (Posting p : entry.postings()) {
      if (!t.accounts.containsKey(p.account())) {
        throw new NotFoundException("account", p.account());
      }
    }
    long debits = 0;
    for (Posting p : entry.postings()) {
      if (p.side() == io.nobill.core.ledger.Side.DEBIT) {
        debits = Math.addExact(debits, p.amount().minorUnits());
      }
    }
    long volumeBefore = t.volume;
    long volumeAfter = Math.addExact(volumeBefore, debits);
    // All checks passed: apply, recording how to undo.
    t.volume = volumeAfter;
    t.journal.add(entry);
    t.entries.put(entry.id(), entry);
    t.byKey.put(entry.idempotencyKey(), entry);
    entry.reverses().ifPresent(original -> t.reversals.put(original, entry));
    Map<AccountId, AccountBalance> before = new HashMap<>();
    for (int i = 0; i < entry.postings().size(); i++) {
      Posting p = entry.postings().get(i);
      before.putIfAbsent(p.account(), t.balances.get(p.account()));
      t.balances.put(p.account(), t.balances.get(p.account()).plus(p));
      t.postingsByAccount.get(p.account()).add(new PostingRef(entry, i));
    }
    tx.onRollback(() -> {
      t.volume = volumeBefore;
      t.journal.remove(t.journal.size() - 1);
      t.entries.remove(entry.id());
      t.byKey.remove(entry.idempotencyKey());
      entry.reverses().ifPresent(t.reversals::remove);
      t.balances.putAll(before);
      for (Posting p : entry.postings()) {
        List<PostingRef> refs = t.postingsByAccount.get(p.account());
        refs.remove(refs.size() - 1);
      }
    });
  }

  @Override
  public long volume() {
    tx.check();
    return t.volume;
  }

  @Override
  public Optional<RecordedPayment> payment(PaymentId id) {
    tx.check();
    return Optional.ofNullable(t.payments.get(Objects.requireNonNull(id, "id")));
  }

  @Override
  public List<RecordedPayment> paymentsFor(InvoiceId invoice) {
    tx.check();
    Objects.requireNonNull(invoice, "invoice");
    return t.payments.values().stream().filter(p -> p.invoice().equals(invoice)).toList();
  }

  @Override
  public void savePayment(RecordedPayment payment) {
    tx.check();
    Objects.requireNonNull(payment, "payment");
    RecordedPayment before = t.payments.put(payment.id(), payment);
    tx.onRollback(() -> {
      if (before == null) {
        t.payments.remove(payment.id());
      } else {
        t.payments.put(payment.id(), before);
      }
    });
  }

  @Override
  public AccountBalance balance(AccountId account) {
    tx.check();
    AccountBalance b = t.balances.get(Objects.requireNonNull(account, "account"));
    if (b == null) {
      throw new NotFoundException("account", account);
    }
    return b;
  }

  @Override
  public AccountBalance balanceAsOf(AccountId account, Instant asOf) {
    tx.check();
    Objects.requireNonNull(asOf, "asOf");
    Account a = account(account).orElseThrow(() -> new NotFoundException("account", account));
    AccountBalance b = AccountBalance.empty(a);
    for (PostingRef ref : t.postingsByAccount.get(account)) {
      if (!ref.entry().occurredAt().isAfter(asOf)) {
        b = b.plus(ref.posting());
      }
    }
    return b;
  }

  @Override
  public List<StatementLine> statement(AccountId account, Optional<StatementCursor> after, int limit) {
    tx.check();
    Objects.requireNonNull(after, "after");
    InMemoryBillingStore.checkLimit(limit);
    Account a = account(account).orElseThrow(() -> new NotFoundException("account", account));
    AccountBalance running = AccountBalance.empty(a);
    List<StatementLine> lines = new ArrayList<>();
    for (PostingRef ref : t.postingsByAccount.get(account)) {
      running = running.plus(ref.posting());
      if (after.isPresent() && !after.get().isBefore(ref.entry().sequence(), ref.index())) {
        continue;
      }
      Posting p = ref.posting();
      JournalEntry e = ref.entry();
      lines.add(new StatementLine(e.sequence(), ref.index(), e.id(), e.occurredAt(), e.reference(), e.memo(),
          p.side(), p.amount(), running.net()));
      if (lines.size() == limit) {
        break;
      }
    }
    return lines;
  }

}
