/**
 * The webhook servlet a host application mounts: verifies Stripe signatures, translates the
 * event and hands it to {@code Billing.apply} through the inbox.
 *
 * <p>This module has no code yet; it is part of the reactor so that its dependency set is
 * pinned and checked for convergence from the start.
 */
package io.nobill.servlet;
