/**
 * NOBill's entry point, {@link io.nobill.core.Billing}, and the types every part shares:
 * {@link io.nobill.core.Actor}, {@link io.nobill.core.BillingException} and its families,
 * {@link io.nobill.core.BillingEvent} and {@link io.nobill.core.BillingListener}.
 */
package io.nobill.core;
