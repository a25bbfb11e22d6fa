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
    tx.handle().createUpdate("INSERT INTO nobill_organization (org_id, name, body) VALUES (:org, :name, :body)")
        .bind("org", tx.orgId())
        .bind("name", organization.name())
        .bind("body", tx.bodies().write(organization))
        .execute();
  }

  @Override
  public void update(Organization organization) {
    checkScope(organization);
    int rows = tx.handle().createUpdate("UPDATE nobill_organization SET name = :name, body = :body WHERE org_id = :org")
        .bind("org", tx.orgId())
        .bind("name", organization.name())
        .bind("body", tx.bodies().write(organization))
        .execute();
    if (rows == 0) {
      throw new NotFoundException("organization", tx.org());
    }
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
