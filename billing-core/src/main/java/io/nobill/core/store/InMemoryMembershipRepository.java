package io.nobill.core.store;

import io.nobill.core.error.ConflictException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.org.Membership;
import io.nobill.core.spi.MembershipRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;

final class InMemoryMembershipRepository implements MembershipRepository {
  private final Transaction tx;
  private final OrgId org;
  private final Map<UserId, Membership> members;
  /** The platform-wide index user → organizations, kept in step for {@code organizationsOf}. */
  private final Map<UserId, NavigableSet<OrgId>> byUser;

  InMemoryMembershipRepository(Transaction tx, OrgId org, Map<UserId, Membership> members,
      Map<UserId, NavigableSet<OrgId>> byUser) {
    this.tx = tx;
    this.org = org;
    this.members = members;
    this.byUser = byUser;
  }

  @Override
  public Optional<Membership> find(UserId user) {
    tx.check();
    return Optional.ofNullable(members.get(Objects.requireNonNull(user, "user")));
  }

  @Override
  public List<Membership> list() {
    tx.check();
    return List.copyOf(members.values());
  }

  @Override
  public void insert(Membership membership) {
    tx.check();
    Objects.requireNonNull(membership, "membership");
    if (members.containsKey(membership.user())) {
      throw new ConflictException(membership.user(), "is already a member of organization " + org);
    }
    members.put(membership.user(), membership);
    boolean indexed = byUser.computeIfAbsent(membership.user(), u -> new java.util.TreeSet<>(io.nobill.core.id.TypedId.ORDER)).add(org);
    tx.onRollback(() -> {
      members.remove(membership.user());
      if (indexed) {
        byUser.get(membership.user()).remove(org);
      }
    });
  }

  @Override
  public void update(Membership membership) {
    tx.check();
    Objects.requireNonNull(membership, "membership");
    Membership before = members.get(membership.user());
    if (before == null) {
      throw new NotFoundException("member", membership.user());
    }
    members.put(membership.user(), membership);
    tx.onRollback(() -> members.put(membership.user(), before));
  }

  @Override
  public void delete(UserId user) {
    tx.check();
    Objects.requireNonNull(user, "user");
    Membership before = members.get(user);
    if (before == null) {
      throw new NotFoundException("member", user);
    }
    // Keep insertion order on rollback: rebuild the map as it was.
    Map<UserId, Membership> snapshot = new LinkedHashMap<>(members);
    members.remove(user);
    byUser.get(user).remove(org);
    tx.onRollback(() -> {
      members.clear();
      members.putAll(snapshot);
      byUser.get(user).add(org);
    });
  }
}
