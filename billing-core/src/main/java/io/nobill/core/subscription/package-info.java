/**
 * Subscriptions: an organization's plan, seats, status and billing period, as the billing
 * authority reports them through the reducer.
 */
package io.nobill.core.subscription;
