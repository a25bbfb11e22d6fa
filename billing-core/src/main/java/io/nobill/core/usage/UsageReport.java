package io.nobill.core.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Usage not yet reported to an external provider (Stripe meter events): one meter's quantity
 * in one hour not reported so far. {@link #identifier()} is deterministic — the same window
 * and the same number of earlier reports give the same identifier — so a provider adapter
 * that sends it as the event's idempotency identifier reports each quantity exactly once,
 * however often it retries; usage arriving late for a reported hour gets the next revision.
 */
public record UsageReport(String meter, Instant windowStart, Instant windowEnd, BigDecimal quantity, int revision,
    String identifier) {
  public UsageReport {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(identifier, "identifier");
  }
}
