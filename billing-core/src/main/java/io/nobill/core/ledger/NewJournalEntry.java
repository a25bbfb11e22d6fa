package io.nobill.core.ledger;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.money.Bounds;
import io.nobill.core.money.Money;
import io.nobill.core.text.TextPolicy;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A journal entry as a caller asks to post it. The constructor enforces what makes an entry
 * valid on its own: a usable idempotency key, at least two postings, and debits equal to
 * credits in every currency. Whether its accounts exist is checked when it is posted.
 *
 * @param idempotencyKey unique per organization, 1–255 characters (code points), no control
 *     characters, no whitespace at either end; posting the same key
 *     again with the same content returns the original entry
 * @param occurredAt     when the fact happened, by the billing clock; balances "as of" use it; in
 *     the range every store holds ({@link Bounds#checkInstant})
 * @param reference      what the entry is about
 * @param memo           a human-readable note, at most 500 characters; tab and line breaks are
 *     the only control characters it may hold
 * @param postings       two or more postings, at most {@value #MAX_POSTINGS}
 */
public record NewJournalEntry(String idempotencyKey, Instant occurredAt, Reference reference, String memo,
    List<Posting> postings) {

  public static final int MAX_KEY = 255;
  public static final int MAX_MEMO = 500;
  public static final int MAX_POSTINGS = 100;

  public NewJournalEntry {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(memo, "memo");
    Objects.requireNonNull(postings, "postings");
    checkKey(idempotencyKey);
    Bounds.checkInstant(occurredAt, "occurredAt");
    // A memo may be empty or blank; whatever it holds is free text.
    String memoRule = TextPolicy.violation(memo, TextPolicy.Shape.MULTILINE, MAX_MEMO);
    if (memoRule != null && !memoRule.equals(TextPolicy.BLANK)) {
      throw new InvalidRequestException("memo", memoRule);
    }
    postings = List.copyOf(postings);
    InvalidRequestException.require(postings.size() >= 2, "postings", "must have at least 2 postings");
    InvalidRequestException.require(postings.size() <= MAX_POSTINGS, "postings",
        "must have at most " + MAX_POSTINGS + " postings");
    checkBalanced(postings);
  }

  public static void checkKey(String key) {
    TextPolicy.key(key, "idempotencyKey", MAX_KEY);
  }

  private static void checkBalanced(List<Posting> postings) {
    // The common case, one currency, needs no map: sum debits minus credits exactly.
    Currency first = postings.get(0).amount().currency();
    long net = 0;
    boolean oneCurrency = true;
    try {
      for (Posting p : postings) {
        if (!p.amount().currency().equals(first)) {
          oneCurrency = false;
          break;
        }
        long m = p.amount().minorUnits();
        net = p.side() == Side.DEBIT ? Math.addExact(net, m) : Math.subtractExact(net, m);
      }
    } catch (ArithmeticException overflow) {
      oneCurrency = false; // let the exact per-currency sums below name the problem
    }
    if (oneCurrency && net == 0) {
      return;
    }
    Map<Currency, Money[]> sums = new LinkedHashMap<>();
    for (Posting p : postings) {
      Money zero = Money.zero(p.amount().currency());
      Money[] debitCredit = sums.computeIfAbsent(p.amount().currency(), c -> new Money[] {zero, zero});
      int i = p.side() == Side.DEBIT ? 0 : 1;
      debitCredit[i] = debitCredit[i].plus(p.amount());
    }
    for (Money[] dc : sums.values()) {
      if (!dc[0].equals(dc[1])) {
        throw new InvalidRequestException("postings", "must balance per currency: debits " + dc[0]
            + " but credits " + dc[1]);
      }
    }
  }
}
