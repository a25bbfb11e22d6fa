package io.nobill.core.spi;

import io.nobill.core.id.UserId;
import io.nobill.core.org.Membership;
import java.util.List;
import java.util.Optional;

/** The memberships of the organization in scope. */
public interface MembershipRepository {

  Optional<Membership> find(UserId user);

  /** Every membership, active and deactivated, in the order they were added. */
  List<Membership> list();

  /**
   * @throws io.nobill.core.error.ConflictException if the user is already a member
   */
  void insert(Membership membership);

  /**
   * @throws io.nobill.core.error.NotFoundException if the user is not a member
   */
  void update(Membership membership);

  /**
   * @throws io.nobill.core.error.NotFoundException if the user is not a member
   */
  void delete(UserId user);
}
