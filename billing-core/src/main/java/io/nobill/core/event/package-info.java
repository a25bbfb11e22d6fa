/**
 * Events in both directions. Inbound: provider events, the one reducer that applies them
 * ({@link io.nobill.core.internal.event.BillingReducer}), and the inbox that makes a repeated delivery
 * a no-op. Outbound: the transactional {@link io.nobill.core.internal.event.Outbox} that records a
 * {@link io.nobill.core.event.BillingEvent} for each registered listener in the transaction of the
 * change that caused it, and {@link io.nobill.core.internal.event.OutboxDelivery}, the sweep that
 * hands the recorded events to the listeners at least once, retrying with backoff.
 */
package io.nobill.core.event;
