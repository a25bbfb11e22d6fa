package io.nobill.jdbc.internal;

import io.nobill.core.error.ConflictException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.access.Role;
import io.nobill.core.id.UserId;
import io.nobill.core.org.Membership;
import io.nobill.core.org.MembershipStatus;
import io.nobill.core.spi.MembershipRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

final class JdbcMembershipRepository implements MembershipRepository {
  private static final String COLUMNS = "user_id, role, status, since, updated_at";
  private final JdbcTenant tx;

  JdbcMembershipRepository(JdbcTenant tx) {
    this.tx = tx;
  }

  @Override
  public Optional<Membership> find(UserId user) {
    Objects.requireNonNull(user, "user");
    return tx.handle().createQuery("SELECT " + COLUMNS + " FROM nobill_membership WHERE org_id = :org AND user_id = :user")
        .bind("org", tx.orgId())
        .bind("user", user.value())
        .map((rs, ctx) -> membership(rs))
        .findOne();
  }

  @Override
  public List<Membership> list() {
    return tx.handle().createQuery("SELECT " + COLUMNS + " FROM nobill_membership WHERE org_id = :org ORDER BY position")
        .bind("org", tx.orgId())
        .map((rs, ctx) -> membership(rs))
        .list();
  }

  @Override
  public void insert(Membership membership) {
    Objects.requireNonNull(membership, "membership");
    if (find(membership.user()).isPresent()) {
      throw new ConflictException(membership.user(), "is already a member of organization " + tx.org());
    }
    // Members list in the order they joined; the position is exact because the
    // organization's transactions run one at a time.
    tx.handle().createUpdate("INSERT INTO nobill_membership (org_id, user_id, position, role, status, since, updated_at) "
            + "SELECT :org, :user, COALESCE(MAX(position), 0) + 1, :role, :status, :since, :updated "
            + "FROM nobill_membership WHERE org_id = :org")
        .bind("org", tx.orgId())
        .bind("user", membership.user().value())
        .bind("role", membership.role().name())
        .bind("status", membership.status().name())
        .bind("since", Instants.nanos(membership.since()))
        .bind("updated", Instants.nanos(membership.updatedAt()))
        .execute();
  }

  @Override
  public void update(Membership membership) {
    Objects.requireNonNull(membership, "membership");
    int rows = tx.handle().createUpdate("UPDATE nobill_membership SET role = :role, status = :status, since = :since, "
            + "updated_at = :updated WHERE org_id = :org AND user_id = :user")
        .bind("org", tx.orgId())
        .bind("user", membership.user().value())
        .bind("role", membership.role().name())
        .bind("status", membership.status().name())
        .bind("since", Instants.nanos(membership.since()))
        .bind("updated", Instants.nanos(membership.updatedAt()))
        .execute();
    if (rows == 0) {
      throw new NotFoundException("member", membership.user());
    }
  }

  @Override
  public void delete(UserId user) {
    Objects.requireNonNull(user, "user");
    int rows = tx.handle().createUpdate("DELETE FROM nobill_membership WHERE org_id = :org AND user_id = :user")
        .bind("org", tx.orgId())
        .bind("user", user.value())
        .execute();
    if (rows == 0) {
      throw new NotFoundException("member", user);
    }
  }

  private static Membership membership(ResultSet rs) throws SQLException {
    return new Membership(UserId.of(rs.getObject("user_id", java.util.UUID.class)), Role.valueOf(rs.getString("role")),
        MembershipStatus.valueOf(rs.getString("status")), Instants.instant(rs.getLong("since")),
        Instants.instant(rs.getLong("updated_at")));
  }
}
