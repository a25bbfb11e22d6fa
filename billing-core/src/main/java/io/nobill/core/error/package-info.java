/**
 * The failures every NOBill call can raise, all unchecked under {@link io.nobill.core.error.BillingException}:
 * an invalid request (names the field and the rule), something not found, a conflict with the
 * current state, or a failing provider. Each says whether a retry can help. At the bottom of the
 * package graph, so that every other package may throw them.
 */
package io.nobill.core.error;
