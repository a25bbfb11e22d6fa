/**
 * Background work: the {@link io.nobill.core.work.Sweep}s NOBill runs periodically (outbox
 * delivery first; trial expiry, invoicing and dunning join later) and
 * {@link io.nobill.core.work.BackgroundWork}, which runs them in a fixed order, either when
 * the host's own scheduler calls {@code runDue()} or on an executor the host passes to
 * {@code start(...)}.
 */
package io.nobill.core.work;
