package io.nobill.core.org;

import io.nobill.core.access.Role;
import io.nobill.core.id.UserId;
import java.time.Instant;
import java.util.Objects;

/** A user's membership of the organization in scope, with one role. */
public record Membership(UserId user, Role role, MembershipStatus status, Instant since, Instant updatedAt) {
  public Membership {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public boolean isActive() {
    return status == MembershipStatus.ACTIVE;
  }

  /** The same membership with another role or status, changed at {@code at}. */
  public Membership with(Role newRole, MembershipStatus newStatus, Instant at) {
    return new Membership(user, newRole, newStatus, since, at);
  }
}
