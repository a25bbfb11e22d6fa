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
   * @throws io.nobill.core.error.ConflictException if it already exists, or another organization
   *     in the store has the same {@link Organization#externalRef() external reference}
   */
  void insert(Organization organization);

  /**
   * Replaces the organization in scope.
   *
   * @throws IllegalArgumentException if {@code organization.id()} is not the org in scope
   * @throws io.nobill.core.error.NotFoundException if it does not exist
   * @throws io.nobill.core.error.ConflictException if another organization in the store has the
   *     same {@link Organization#externalRef() external reference}
   */
  void update(Organization organization);
}
