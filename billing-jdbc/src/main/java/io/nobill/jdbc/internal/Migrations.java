package io.nobill.jdbc.internal;

import io.nobill.jdbc.SchemaMode;
import io.nobill.jdbc.StorageException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.ValidateResult;

/** NOBill's Flyway migrations, kept apart from the host's own: their folder, their history table. */
public final class Migrations {
  /** The history table, beside (not instead of) the host's {@code flyway_schema_history}. */
  public static final String HISTORY_TABLE = "nobill_schema_history";

  private Migrations() {}

  public static void apply(DataSource dataSource, Dialect dialect, SchemaMode mode) {
    Flyway flyway = Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/nobill/common", "classpath:db/nobill/" + dialect.flywayFolder())
        .table(HISTORY_TABLE)
        // The host's own tables may share the schema: start NOBill's history at version 0
        // rather than refusing a non-empty schema.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .baselineDescription("NOBill tables beside the host tables")
        // A history with migrations this version does not know comes from a newer NOBill:
        // refuse it instead of running old code on a newer schema.
        .ignoreMigrationPatterns(new String[0])
        .load();
    try {
      if (mode == SchemaMode.MIGRATE) {
        flyway.migrate();
      } else {
        ValidateResult result = flyway.validateWithResult();
        if (!result.validationSuccessful) {
          throw new StorageException("the NOBill schema does not match this version (validate-only mode): "
              + summary(result), false);
        }
      }
    } catch (FlywayException e) {
      throw new StorageException("the NOBill schema cannot be " + (mode == SchemaMode.MIGRATE ? "migrated" : "validated")
          + ": " + e.getMessage(), false, e);
    }
  }

  private static String summary(ValidateResult result) {
    StringBuilder out = new StringBuilder();
    result.invalidMigrations.forEach(m -> out.append(out.length() == 0 ? "" : "; ").append(m.version == null ? "" : "version "
        + m.version + ": ").append(m.errorDetails == null ? "invalid" : m.errorDetails.errorMessage));
    return out.length() == 0 ? result.getAllErrorMessages() : out.toString();
  }
}
