package io.nobill.core.money;

import io.nobill.core.error.InvalidRequestException;
import java.time.Instant;
import java.util.Objects;

/**
 * The numbers and dates NOBill books, bounded so that every store holds them and every sum
 * of them exactly, and so that the in-memory store, H2 and PostgreSQL accept and refuse the
 * same input.
 *
 * <ul>
 *   <li>A single booked amount (a posting, a billing fact, a provider event's amount) is at
 *       most {@value #MAX_AMOUNT} minor units in magnitude: 10 trillion EUR or USD, 1 trillion
 *       KWD, 10^15 JPY — more than any one invoice, payment or refund of a real business.
 *       Intermediate arithmetic (rating, proration) may use the whole {@code long} range;
 *       only what is booked is bounded.
 *   <li>An organization's ledger volume — the sum of the debit postings of all its entries,
 *       in every currency, over its whole life — is at most {@value #MAX_LEDGER_VOLUME} minor
 *       units. Every account's debits and credits, every balance and every trial-balance sum
 *       are bounded by it, so they always fit a {@code long} (whose maximum is about 9.2 ×
 *       10^18) on every store. The posting that would pass it is refused.
 *   <li>Every stored instant lies in [{@link #EARLIEST}, {@link #LATEST}): from
 *       1970-01-01T00:00:00Z inclusive to 2200-01-01T00:00:00Z exclusive. The JDBC store keeps
 *       instants as nanoseconds since the epoch in a BIGINT, which holds 1677 to 2262; the
 *       range leaves margin for a period or a due date computed from a stored instant.
 * </ul>
 */
public final class Bounds {
  /** The largest magnitude of one booked amount, in minor units: 10^15. */
  public static final long MAX_AMOUNT = 1_000_000_000_000_000L;
  /** The largest lifetime sum of an organization's debit postings, in minor units: 10^18. */
  public static final long MAX_LEDGER_VOLUME = 1_000_000_000_000_000_000L;
  /** The earliest instant stored, inclusive: 1970-01-01T00:00:00Z. */
  public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  /** The first instant past the range stored, exclusive: 2200-01-01T00:00:00Z. */
  public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

  private Bounds() {}

  /**
   * Checks that {@code amount} can be booked: its magnitude is at most {@link #MAX_AMOUNT}.
   *
   * @return the amount
   * @throws InvalidRequestException naming {@code field} otherwise
   */
  public static Money checkAmount(Money amount, String field) {
    Objects.requireNonNull(amount, field);
    long m = amount.minorUnits();
    if (m > MAX_AMOUNT || m < -MAX_AMOUNT) {
      throw new InvalidRequestException(field, "must be at most " + MAX_AMOUNT + " minor units in magnitude, was "
          + amount);
    }
    return amount;
  }

  /** Whether {@code instant} lies in the stored range [{@link #EARLIEST}, {@link #LATEST}). */
  public static boolean inRange(Instant instant) {
    return !instant.isBefore(EARLIEST) && instant.isBefore(LATEST);
  }

  /**
   * Checks that {@code instant} can be stored: it lies in [{@link #EARLIEST}, {@link #LATEST}).
   *
   * @return the instant
   * @throws InvalidRequestException naming {@code field} otherwise
   */
  public static Instant checkInstant(Instant instant, String field) {
    Objects.requireNonNull(instant, field);
    if (!inRange(instant)) {
      throw new InvalidRequestException(field, "must be from " + EARLIEST + " inclusive to " + LATEST
          + " exclusive, was " + instant);
    }
    return instant;
  }

  /** {@code instant} moved into the stored range: for the bounds of a read, never for a write. */
  public static Instant clamp(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    return instant.isBefore(EARLIEST) ? EARLIEST : instant.isBefore(LATEST) ? instant : LATEST;
  }
}
