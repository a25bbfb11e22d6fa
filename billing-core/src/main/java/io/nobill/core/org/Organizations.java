package io.nobill.core.org;

import io.nobill.core.access.AccessDeniedException;
import io.nobill.core.access.Actor;
import io.nobill.core.access.Role;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Organizations and their members. Every method checks the actor's permission inside the
 * organization's transaction before it changes anything, and writes an audit entry in the
 * same transaction.
 *
 * <p>Rules: members with {@code members.manage} (owners, admins) add, change, deactivate and
 * remove members who are not owners; making someone an owner, or changing or removing an
 * owner, needs {@code roles.assign-owner} (owners). The last active owner can be neither
 * removed, deactivated nor demoted — not even by themselves.
 */
public interface Organizations {

  /**
   * Provisions an organization: its record, its owner, its ledger accounts in its currency,
   * and the first entries of its audit trail. Operators and NOBill's jobs may provision; a
   * user may provision an organization they will own (self-service sign-up). Provisioning
   * the same id again with the same profile and owner returns the existing organization.
   */
  Organization provision(Actor actor, NewOrganization request);

  /** Changes the organization's profile. Needs {@code org.manage}. */
  Organization updateProfile(Actor actor, OrgId org, ProfileChange change);

  /** The organization's profile. Needs {@code features.read} (every member has it). */
  Organization get(Actor actor, OrgId org);

  /** The organization's members, active and deactivated. Needs {@code features.read}. */
  List<Membership> members(Actor actor, OrgId org);

  /** The organizations a user belongs to, read across tenants: ids only. */
  List<OrgId> organizationsOf(UserId user);

  /** Adds a member with a role. */
  Membership addMember(Actor actor, OrgId org, UserId user, Role role);

  /** Changes a member's role. */
  Membership changeRole(Actor actor, OrgId org, UserId user, Role role);

  /** Deactivates a member: they keep their record but lose every permission and their seat. */
  Membership deactivate(Actor actor, OrgId org, UserId user);

  /** Reactivates a deactivated member, subject to the seat limit. */
  Membership reactivate(Actor actor, OrgId org, UserId user);

  /** Removes a member: from this moment they hold no permission in the organization. */
  void removeMember(Actor actor, OrgId org, UserId user);

  /** Parses a role name as a host's form or API would send it, e.g. {@code "billing_manager"}. */
  static Role parseRole(String role) {
    Objects.requireNonNull(role, "role");
    for (Role r : Role.values()) {
      if (r.name().equalsIgnoreCase(role.replace('-', '_'))) {
        return r;
      }
    }
    throw new InvalidRequestException("role", "must be one of OWNER, ADMIN, BILLING_MANAGER, MEMBER");
  }

  /** The most organizations {@link #list} returns at once. */
  int MAX_LIST = 1_000;

  /**
   * Every organization's id, in id order, a page at a time: for an operator's daily checks
   * across tenants (audit verification, trial balances). Needs the platform permission
   * {@code billing.read}, which only operators hold platform-wide; members see their own
   * organizations through {@link #organizationsOf}.
   *
   * @param after the last id of the previous page; empty for the first page
   * @param limit at most {@link #MAX_LIST}
   * @throws AccessDeniedException if the actor is not an operator
   * @throws InvalidRequestException naming {@code limit} outside 1..{@value #MAX_LIST}
   */
  List<OrgId> list(Actor actor, Optional<OrgId> after, int limit);

  /**
   * The ids of the organizations matching {@code query}, in id order, a page at a time: for an
   * operator answering "which tenant is Acme?" or "whose id is our tenant 42?". Operators only,
   * as {@link #list}: the search reads across tenants and answers ids; the profiles are then
   * read one organization at a time with {@link #get}.
   *
   * @param after the last id of the previous page; empty for the first page
   * @param limit at most {@link #MAX_LIST}
   * @throws AccessDeniedException if the actor is not an operator
   * @throws InvalidRequestException naming {@code limit} outside 1..{@value #MAX_LIST}
   */
  List<OrgId> search(Actor actor, OrganizationQuery query, Optional<OrgId> after, int limit);
}
