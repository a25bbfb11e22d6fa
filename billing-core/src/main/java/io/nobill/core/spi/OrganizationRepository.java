package io.nobill.core.spi;

import io.nobill.core.org.Organization;
import java.util.Optional;

/** The organization record of the tenant in scope. */
public interface OrganizationRepository {

  /** The organization in scope, if it has been provisioned. */
  Optional<Organization> find();

  /**
   * Stores the organization in scope.
   *
   * @throws IllegalArgumentException if {@code organization.id()} is not the org in scope
   * @throws io.nobill.core.error.ConflictException if it already exists
   */
  void insert(Organization organization);

  /**
   * Replaces the organization in scope.
   *
   * @throws IllegalArgumentException if {@code organization.id()} is not the org in scope
   * @throws io.nobill.core.error.NotFoundException if it does not exist
   */
  void update(Organization organization);
}
