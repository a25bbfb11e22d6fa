/**
 * Payment collectors shipped with the core: a simulated card collector for demos and tests. Real
 * collectors (Stripe) live in their adapter artifacts and implement {@link io.nobill.core.spi.PaymentCollector}.
 */
package io.nobill.core.payment;
