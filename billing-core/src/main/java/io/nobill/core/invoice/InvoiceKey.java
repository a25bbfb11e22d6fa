package io.nobill.core.invoice;

import io.nobill.core.catalog.Period;
import io.nobill.core.id.SubscriptionId;
import java.util.Objects;

/**
 * What a subscription invoice bills, as a key every store holds unique per organization: the
 * subscription, the kind of invoice and the period it is for. The store refuses a second
 * invoice with the same key, so a period is invoiced at most once whatever the timing, the
 * number of instances or the disagreement of their clocks: correctness rests on this key, not
 * on who got there first.
 *
 * @param value the key as stored: {@code <subscription>/<kind>/<period start>/<period end>}
 */
public record InvoiceKey(String value) {
  /** The longest key a store must hold. */
  public static final int MAX_LENGTH = 200;

  /** What a subscription invoice is for. */
  public enum Kind {
    /** A period billed in advance (flat fees and seats), with the previous period's usage when the plan is unchanged. */
    ADVANCE,
    /** A period's usage and prorations billed after it ended, alone (the plan changed, or the subscription ended). */
    ARREARS,
    /** Prorations invoiced at once; {@code discriminator} is the subscription version that caused them. */
    PRORATION
  }

  public InvoiceKey {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("an invoice key has 1-" + MAX_LENGTH + " characters");
    }
  }

  /** The key of {@code subscription}'s {@code kind} invoice for {@code period}. */
  public static InvoiceKey of(SubscriptionId subscription, Kind kind, Period period) {
    Objects.requireNonNull(subscription, "subscription");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(period, "period");
    return new InvoiceKey(subscription + "/" + kind.name().toLowerCase(java.util.Locale.ROOT) + "/"
        + period.start() + "/" + period.end());
  }

  /** The key of the prorations invoiced at once by the change that made {@code version} of {@code subscription}. */
  public static InvoiceKey proration(SubscriptionId subscription, long version) {
    Objects.requireNonNull(subscription, "subscription");
    return new InvoiceKey(subscription + "/proration/" + version);
  }

  @Override
  public String toString() {
    return value;
  }
}
