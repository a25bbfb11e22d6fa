package io.nobill.core.spi;

/**
 * Counters shared by every tenant: the gap-free sequences documents are numbered from (one
 * seller's invoices, its credit notes). Reachable from a tenant transaction, because a number
 * is taken in the same transaction as the document that carries it; it holds nothing of any
 * tenant but the counters' last values.
 *
 * <p>The contract every store keeps ({@code InvoiceNumberingContract}):
 *
 * <ul>
 *   <li>{@link #next} returns 1 for a counter never used, then one more than the last committed
 *       value: no value twice, none skipped;
 *   <li>the value is taken only if the enclosing transaction commits: a rolled-back transaction
 *       gives it back, so the next one takes it;
 *   <li>a transaction that took a value holds the counter until it ends, so transactions of
 *       other tenants taking from the same counter wait for it (the price of a gap-free
 *       sequence: finalizations of one series are serialized, for the short rest of their
 *       transaction).
 * </ul>
 */
public interface NumberingRepository {
  /** The longest counter name a store must hold. */
  int MAX_COUNTER_LENGTH = 100;

  /**
   * Takes the next value of {@code counter}.
   *
   * @param counter the counter's name, 1-{@value #MAX_COUNTER_LENGTH} characters, e.g. {@code invoice/2026}
   * @return the value taken, at least 1
   */
  long next(String counter);

  /** Checks a counter name as every store does, so that the stores agree on what they refuse. */
  static String checkCounter(String counter) {
    java.util.Objects.requireNonNull(counter, "counter");
    if (counter.isEmpty() || counter.length() > MAX_COUNTER_LENGTH || !counter.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("a counter name has 1-" + MAX_COUNTER_LENGTH
          + " printable ASCII characters without spaces, was '" + counter + "'");
    }
    return counter;
  }
}
