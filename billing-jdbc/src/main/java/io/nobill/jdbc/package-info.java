/**
 * The JDBC {@code BillingStore} for H2 (the embedded default) and PostgreSQL: Jdbi over any
 * {@code DataSource} or a HikariCP pool of its own, Flyway migrations under {@code
 * db/nobill/} with their own history table, row-level security on PostgreSQL. The entry point
 * is {@link io.nobill.jdbc.JdbcBillingStore}.
 */
package io.nobill.jdbc;
