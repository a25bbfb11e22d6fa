/**
 * The JDBC {@code BillingStore} for H2 and PostgreSQL: Jdbi over a pooled {@code DataSource},
 * Flyway migrations under {@code db/nobill/}, row-level security on PostgreSQL.
 *
 * <p>This module has no code yet; it is part of the reactor so that its dependency set is
 * pinned and checked for convergence from the start.
 */
package io.nobill.jdbc;
