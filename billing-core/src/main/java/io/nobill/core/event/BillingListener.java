package io.nobill.core.event;

/**
 * Receives {@link BillingEvent}s. Delivery is at least once, so a listener must tolerate
 * seeing an event again. An exception thrown by a listener is logged and the delivery
 * retried later; it never breaks billing and never blocks other listeners.
 *
 * <p>A listener is called outside any NOBill transaction (it may call billing itself), by
 * the outbox delivery sweep of {@code billing.work()}; with several instances sharing a
 * store it may be called from several threads at once. It should return well within the
 * delivery lease (30 seconds by default), or the event may be delivered a second time.
 */
@FunctionalInterface
public interface BillingListener {
  void onEvent(BillingEvent event);
}
