package io.nobill.core.ledger;

import io.nobill.core.access.Actor;
import io.nobill.core.access.Permission;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.id.AccountId;
import io.nobill.core.id.JournalEntryId;
import io.nobill.core.id.OrgId;
import io.nobill.core.money.Bounds;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * Each organization's double-entry books. Every money movement is a balanced, immutable
 * {@link JournalEntry}; balances are sums anyone can re-add; corrections are reversals.
 *
 * <p>Billing facts are recorded with {@link #record}, which applies the {@link PostingRules};
 * {@link #post} takes a hand-built entry for manual adjustments by operators. Both are
 * idempotent by the entry's key. NOBill's own changes (invoices, payments, refunds) post
 * their entries in the transaction of the change, so that a change and its entry commit together.
 *
 * <p>Members of an organization never post to its ledger directly: entries come from
 * billing facts, from operators and from NOBill's own jobs and providers. Reading needs
 * {@code billing.read}. Every posting and reversal writes an audit entry in its transaction.
 */
public interface Ledger {
  /** The permission a posting needs; no member role has it. */
  String POST_PERMISSION = Permission.LEDGER_POST.key();
  /** The longest statement page. */
  int MAX_STATEMENT_PAGE = 1_000;

  /** Opens the organization's accounts in {@code currency}, those missing only, and returns them all. */
  ChartOfAccounts openAccounts(Actor actor, OrgId org, Currency currency);

  /** The organization's accounts in {@code currency}, if they were opened. */
  Optional<ChartOfAccounts> chart(Actor actor, OrgId org, Currency currency);

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
   * {@link #post(Actor, OrgId, NewJournalEntry)}).
   */
  Optional<PostResult> record(Actor actor, OrgId org, LedgerFact fact);

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
  PostResult post(Actor actor, OrgId org, NewJournalEntry entry);

  /** Posts several entries in one transaction: all of them, or none if any is refused. */
  List<PostResult> postAll(Actor actor, OrgId org, List<NewJournalEntry> entries);

  /**
   * Posts the exact mirror of an entry, linked to it. An entry is reversed at most once,
   * and a reversal is never itself reversed: post a new entry instead.
   *
   * @throws NotFoundException if the entry does not exist in this organization
   * @throws ConflictException if it was reversed already, or is itself a reversal
   */
  JournalEntry reverse(Actor actor, OrgId org, JournalEntryId entry, String reason);

  /** An entry by id. */
  Optional<JournalEntry> entry(Actor actor, OrgId org, JournalEntryId id);

  /** The entry posted under an idempotency key, if any. */
  Optional<JournalEntry> entryByKey(Actor actor, OrgId org, String idempotencyKey);

  /** The entry that reversed {@code entry}, if it was reversed. */
  Optional<JournalEntry> reversalOf(Actor actor, OrgId org, JournalEntryId entry);

  /** The posted totals of an account. */
  AccountBalance balance(Actor actor, OrgId org, AccountId account);

  /** The totals of postings from entries that occurred at or before {@code asOf}. */
  AccountBalance balanceAsOf(Actor actor, OrgId org, AccountId account, Instant asOf);

  /** Every account of the organization with its posted totals. */
  TrialBalance trialBalance(Actor actor, OrgId org);

  /** Every account with the totals of postings from entries that occurred at or before {@code asOf}. */
  TrialBalance trialBalanceAsOf(Actor actor, OrgId org, Instant asOf);

  /** A page of an account's statement: postings in ledger order with the running balance. */
  StatementPage statement(Actor actor, OrgId org, AccountId account, Optional<StatementCursor> after, int limit);
}
