/**
 * The in-memory {@link io.nobill.core.spi.BillingStore}: transactional, for unit tests and
 * the quickstart. Production stores live in {@code io.nobill:billing-jdbc}.
 */
package io.nobill.core.store;
