package io.nobill.jdbc.internal;

import io.nobill.core.error.ConflictException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.org.Organization;
import io.nobill.core.spi.OrganizationRepository;
import java.util.Objects;
import java.util.Optional;

final class JdbcOrganizationRepository implements OrganizationRepository {
  private final JdbcTenant tx;

  JdbcOrganizationRepository(JdbcTenant tx) {
    this.tx = tx;
  }

  @Override
  public Optional<Organization> find() {
    return tx.handle().createQuery("SELECT body FROM nobill_organization WHERE org_id = :org")
        .bind("org", tx.orgId())
        .mapTo(String.class)
        .findOne()
        .map(body -> tx.bodies().readOrganization(body));
  }

  @Override
  public void insert(Organization organization) {
    checkScope(organization);
    if (exists()) {
      throw new ConflictException(tx.org(), "organization already exists");
    }
    claimingExternalRef(organization, () -> tx.handle().createUpdate(
            "INSERT INTO nobill_organization (org_id, name, country, external_ref, body)"
                + " VALUES (:org, :name, :country, :externalRef, :body)")
        .bind("org", tx.orgId())
        .bind("name", organization.name())
        .bind("country", organization.country())
        .bind("externalRef", organization.externalRef().orElse(null))
        .bind("body", tx.bodies().write(organization))
        .execute());
  }

  @Override
  public void update(Organization organization) {
    checkScope(organization);
    int rows = claimingExternalRef(organization, () -> tx.handle().createUpdate(
            "UPDATE nobill_organization SET name = :name, country = :country, external_ref = :externalRef,"
                + " body = :body WHERE org_id = :org")
        .bind("org", tx.orgId())
        .bind("name", organization.name())
        .bind("country", organization.country())
        .bind("externalRef", organization.externalRef().orElse(null))
        .bind("body", tx.bodies().write(organization))
        .execute());
    if (rows == 0) {
      throw new NotFoundException("organization", tx.org());
    }
  }

  /**
   * Runs the write in a savepoint when the organization has an external reference. Another
   * organization's row holding the same reference is invisible to this tenant's transaction
   * (row-level security), so the unique index is the check: its violation is rolled back to the
   * savepoint, leaving the transaction usable, and refused as a conflict no retry can resolve.
   */
  private int claimingExternalRef(Organization organization, java.util.function.IntSupplier write) {
    if (organization.externalRef().isEmpty()) {
      return write.getAsInt();
    }
    String savepoint = "nobill_external_ref";
    tx.handle().savepoint(savepoint);
    try {
      int rows = write.getAsInt();
      tx.handle().releaseSavepoint(savepoint);
      return rows;
    } catch (org.jdbi.v3.core.JdbiException e) {
      java.sql.SQLException sql = sqlCause(e);
      if (sql == null || !"23505".equals(sql.getSQLState()) && !"23001".equals(sql.getSQLState())) {
        throw e;
      }
      tx.handle().rollbackToSavepoint(savepoint);
      throw new ConflictException(tx.org(), "the external reference belongs to another organization");
    }
  }

  private static java.sql.SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql) {
        return sql;
      }
    }
    return null;
  }

  private boolean exists() {
    return tx.handle().createQuery("SELECT COUNT(*) FROM nobill_organization WHERE org_id = :org")
        .bind("org", tx.orgId()).mapTo(Long.class).one() > 0;
  }

  private void checkScope(Organization organization) {
    Objects.requireNonNull(organization, "organization");
    tx.check();
    if (!organization.id().equals(tx.org())) {
      throw new IllegalArgumentException("organization " + organization.id()
          + " cannot be written from the transaction of organization " + tx.org());
    }
  }
}
