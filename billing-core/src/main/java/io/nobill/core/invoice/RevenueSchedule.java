package io.nobill.core.invoice;

import io.nobill.core.catalog.Period;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.money.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * How an invoice's revenue billed in advance is earned: {@code deferred} spread over
 * {@code period} day by day (UTC days, in proportion to the seconds of each day inside the
 * period), recognized through {@code recognizedThrough}, {@code recognized} so far.
 */
public record RevenueSchedule(InvoiceId invoice, Money deferred, Period period, Money recognized,
    Instant recognizedThrough) {
  public RevenueSchedule {
    Objects.requireNonNull(invoice, "invoice");
    Objects.requireNonNull(deferred, "deferred");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(recognized, "recognized");
    Objects.requireNonNull(recognizedThrough, "recognizedThrough");
  }

  /** Whether all of it has been recognized. */
  public boolean complete() {
    return recognized.equals(deferred);
  }
}
