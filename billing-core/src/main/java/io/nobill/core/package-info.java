/**
 * NOBill's entry point, {@link io.nobill.core.Billing}, and the types every part shares:
 * {@link io.nobill.core.access.Actor}, {@link io.nobill.core.error.BillingException} and its families,
 * {@link io.nobill.core.event.BillingEvent} and {@link io.nobill.core.event.BillingListener}.
 */
package io.nobill.core;
