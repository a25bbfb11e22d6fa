package io.nobill.core.spi;

import io.nobill.core.id.AccountId;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.JournalEntryId;
import io.nobill.core.id.PaymentId;
import io.nobill.core.ledger.Account;
import io.nobill.core.ledger.AccountBalance;
import io.nobill.core.ledger.JournalEntry;
import io.nobill.core.ledger.RecordedPayment;
import io.nobill.core.ledger.StatementCursor;
import io.nobill.core.ledger.StatementLine;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The ledger of the organization in scope: its accounts, its append-only journal, and the
 * posted totals of each account. Validation of entries is the core's job; a store keeps
 * what it is given, enforces the uniqueness rules below, and keeps totals in step with the
 * journal in the same transaction.
 */
public interface LedgerRepository {

  /** Every account, in the order opened. */
  List<Account> accounts();

  Optional<Account> account(AccountId id);

  /**
   * Opens an account.
   *
   * @throws io.nobill.core.error.ConflictException if an account with the same code and currency exists
   */
  void insertAccount(Account account);

  Optional<JournalEntry> entry(JournalEntryId id);

  Optional<JournalEntry> entryByKey(String idempotencyKey);

  /** The entry that reverses {@code id}, if there is one. */
  Optional<JournalEntry> reversalOf(JournalEntryId id);

  /** The sequence number of the last entry, 0 if there is none. */
  long lastSequence();

  /**
   * Appends an entry, adds its postings to its accounts' totals and its debits to the
   * {@link #volume()}. The entry's sequence is
   * {@link #lastSequence()} + 1; its accounts exist in this organization.
   *
   * @throws io.nobill.core.error.ConflictException if its id, key or sequence is already taken,
   *     or it reverses an entry that already has a reversal
   */
  void insertEntry(JournalEntry entry);

  /**
   * As {@link #insertEntry}, unless the entry's idempotency key is taken: then returns the entry
   * that holds it and inserts nothing. The default looks the key up first; a store whose insert
   * can tell a taken key by itself overrides this, so that a new entry costs no lookup.
   *
   * @throws io.nobill.core.error.ConflictException as {@link #insertEntry} does, for any other clash
   */
  default Optional<JournalEntry> insertEntryUnlessKeyTaken(JournalEntry entry) {
    Optional<JournalEntry> holder = entryByKey(entry.idempotencyKey());
    if (holder.isEmpty()) {
      insertEntry(entry);
    }
    return holder;
  }

  /**
   * The organization's ledger volume: the sum, in minor units, of the debit postings of every
   * entry in every currency. The core refuses an entry that would take it past
   * {@link io.nobill.core.money.Bounds#MAX_LEDGER_VOLUME}, which bounds every account's totals; a
   * store keeps it as a running total (read with {@link #lastSequence()}, not summed per call).
   */
  long volume();

  /** A payment recorded by the ledger, with what was refunded of it so far. */
  Optional<RecordedPayment> payment(PaymentId id);

  /** The payments recorded against an invoice, in no particular order. */
  List<RecordedPayment> paymentsFor(InvoiceId invoice);

  /** Stores a payment, or replaces the stored one with the same id (a refund was added). */
  void savePayment(RecordedPayment payment);

  /** The posted totals of an account. */
  AccountBalance balance(AccountId account);

  /** The totals of the postings of entries that occurred at or before {@code asOf}. */
  AccountBalance balanceAsOf(AccountId account, Instant asOf);

  /**
   * Postings to an account in ledger order (entry sequence, then posting index), after the
   * cursor when one is given, at most {@code limit} of them, each with the balance after it.
   */
  List<StatementLine> statement(AccountId account, Optional<StatementCursor> after, int limit);
}
