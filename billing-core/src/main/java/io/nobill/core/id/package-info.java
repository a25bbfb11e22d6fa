/**
 * Typed ids: records over UUIDs, time-ordered (version 7) in production and deterministic in
 * tests, both from the {@link io.nobill.core.spi.IdGenerator} passed to {@code Billing}.
 */
package io.nobill.core.id;
