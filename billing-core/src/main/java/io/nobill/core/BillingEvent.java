package io.nobill.core;

import io.nobill.core.id.OrgId;
import java.time.Instant;

/**
 * Something that happened in billing which a host application may want to act on: send an
 * email, unlock a feature, notify a sales team. Events are written in the same transaction
 * as the change that caused them and delivered to {@link BillingListener}s at least once.
 */
public interface BillingEvent {

  /** The organization the event is about. */
  OrgId org();

  /** When the change happened, by the billing clock. */
  Instant occurredAt();
}
