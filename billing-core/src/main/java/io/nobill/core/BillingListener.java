package io.nobill.core;

/**
 * Receives {@link BillingEvent}s. Delivery is at least once, so a listener must tolerate
 * seeing an event again. An exception thrown by a listener is logged and the delivery
 * retried later; it never breaks billing and never blocks other listeners.
 */
@FunctionalInterface
public interface BillingListener {
  void onEvent(BillingEvent event);
}
