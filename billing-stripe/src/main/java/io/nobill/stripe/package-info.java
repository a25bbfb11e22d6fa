/**
 * Stripe as the billing provider: customers, Checkout, the customer portal, seat and plan
 * changes, meter events, translation of Stripe events into {@code ProviderEvent}s, and
 * reconciliation of Stripe invoices against NOBill's own rating.
 *
 * <p>This module has no code yet; it is part of the reactor so that its dependency set is
 * pinned and checked for convergence from the start.
 */
package io.nobill.stripe;
