package io.nobill.core.invoice;

import java.util.EnumSet;
import java.util.Set;

/**
 * An invoice's status, as Stripe names them. Allowed transitions: draft → open (finalize);
 * open → paid | void | uncollectible; uncollectible → paid | void. Paid and void are final.
 */
public enum InvoiceStatus {
  DRAFT,
  OPEN,
  PAID,
  VOID,
  UNCOLLECTIBLE;

  /** Whether an invoice in this status may move to {@code next}. */
  public boolean canMoveTo(InvoiceStatus next) {
    return allowedNext().contains(next);
  }

  /** The statuses this one may move to. */
  public Set<InvoiceStatus> allowedNext() {
    return switch (this) {
      case DRAFT -> EnumSet.of(OPEN);
      case OPEN -> EnumSet.of(PAID, VOID, UNCOLLECTIBLE);
      case UNCOLLECTIBLE -> EnumSet.of(PAID, VOID);
      case PAID, VOID -> EnumSet.noneOf(InvoiceStatus.class);
    };
  }
}
