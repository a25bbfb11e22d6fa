/**
 * Rating: the pure functions that turn a plan, an organization's pricing overrides, seats,
 * usage and pending prorations into invoice lines ({@link io.nobill.core.rating.Rating}),
 * and proration by the second ({@link io.nobill.core.rating.Proration}).
 */
package io.nobill.core.rating;
