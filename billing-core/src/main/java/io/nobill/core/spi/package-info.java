/**
 * The ports NOBill's core is written against: the {@link io.nobill.core.spi.BillingStore}
 * and its repositories, and the {@link io.nobill.core.spi.IdGenerator}. Adapters implement
 * them and are wired explicitly into {@code Billing.builder()}; nothing is discovered.
 */
package io.nobill.core.spi;
