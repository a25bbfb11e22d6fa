package io.nobill.jdbc;

/** What {@link JdbcBillingStore} does with its schema when it starts. */
public enum SchemaMode {
  /** Apply pending NOBill migrations (the default); a history from a newer NOBill fails. */
  MIGRATE,
  /**
   * Only check that the database has exactly the migrations this version expects, for hosts
   * that run migrations as a separate deployment step; any difference fails the start.
   */
  VALIDATE
}
