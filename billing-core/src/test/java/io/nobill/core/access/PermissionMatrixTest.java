package io.nobill.core.access;

import io.nobill.core.internal.access.Access;
import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.access.Actor;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.org.Membership;
import io.nobill.core.org.MembershipStatus;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.testkit.TestOrganizations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cell of the permission matrix, allowed and denied, checked through {@link Access}
 * against a real membership in a store — and for operators, jobs and providers.
 */
class PermissionMatrixTest {

  /** The matrix as the product specifies it; the code must agree cell by cell. */
  private static final Map<Role, Set<String>> MEMBERS = new EnumMap<>(Map.of(
      Role.OWNER, Set.of("org.manage", "members.manage", "roles.assign-owner", "billing.manage", "billing.read",
          "features.read", "usage.record", "audit.read"),
      Role.ADMIN, Set.of("members.manage", "billing.read", "features.read", "usage.record"),
      Role.BILLING_MANAGER, Set.of("billing.manage", "billing.read", "features.read", "audit.read"),
      Role.MEMBER, Set.of("features.read", "usage.record")));

  private static final Map<String, Set<String>> OTHERS = Map.of(
      "operator", Set.of("billing.read", "features.read", "audit.read", "org.provision", "overrides.manage", "ledger.post",
          "invoices.manage", "work.read", "work.manage"),
      "job", Set.of("billing.manage", "billing.read", "features.read", "usage.record", "org.provision", "ledger.post",
          "invoices.manage"),
      "provider", Set.of("billing.manage", "billing.read", "features.read", "ledger.post", "invoices.manage"));

  static Stream<Arguments> memberCells() {
    List<Arguments> cells = new ArrayList<>();
    for (Role role : Role.values()) {
      for (Permission p : Permission.values()) {
        cells.add(Arguments.of(role, p, MEMBERS.get(role).contains(p.key())));
      }
    }
    return cells.stream();
  }

  static Stream<Arguments> otherCells() {
    List<Arguments> cells = new ArrayList<>();
    for (String kind : List.of("operator", "job", "provider")) {
      for (Permission p : Permission.values()) {
        cells.add(Arguments.of(kind, p, OTHERS.get(kind).contains(p.key())));
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{0} {2} {1}")
  @MethodSource("memberCells")
  void aMembersRoleDecides(Role role, Permission permission, boolean expected) {
    InMemoryBillingStore store = InMemoryBillingStore.create();
    IdGenerator ids = IdGenerator.sequential();
    OrgId org = ids.next(OrgId::of);
    UserId user = ids.next(UserId::of);
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    store.inTenant(org, tx -> {
      tx.organization().insert(TestOrganizations.sample(org));
      tx.memberships().insert(new Membership(user, role, MembershipStatus.ACTIVE, t, t));
      return null;
    });

    boolean holds = store.inTenant(org, tx -> Access.holds(tx, Actor.member(user), permission));
    boolean impersonated = store.inTenant(org, tx -> Access.holds(tx, Actor.impersonating("ops-1", user), permission));

    assertThat(holds).isEqualTo(expected);
    assertThat(impersonated).as("an impersonating operator has exactly the member's permissions").isEqualTo(expected);
    assertThat(role.grants(permission)).isEqualTo(expected);
    // A deactivated membership confers nothing, whatever the role.
    store.inTenant(org, tx -> {
      tx.memberships().update(tx.memberships().find(user).orElseThrow().with(role, MembershipStatus.DEACTIVATED, t));
      return null;
    });
    assertThat(store.<Boolean>inTenant(org, tx -> Access.holds(tx, Actor.member(user), permission))).isFalse();
  }

  @ParameterizedTest(name = "{0} {2} {1}")
  @MethodSource("otherCells")
  void operatorsJobsAndProvidersHoldWhatTheirPartNeeds(String kind, Permission permission, boolean expected) {
    Actor actor = switch (kind) {
      case "operator" -> Actor.operator("ops-1");
      case "job" -> Actor.job("invoicing");
      default -> Actor.provider("stripe");
    };
    assertThat(permission.grantedTo(actor)).isEqualTo(expected);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Permission.class)
  void aUserWhoIsNotAMemberHoldsNothing(Permission permission) {
    InMemoryBillingStore store = InMemoryBillingStore.create();
    OrgId org = IdGenerator.sequential().next(OrgId::of);
    UserId stranger = UserId.of(new java.util.UUID(0x7000L, 99));
    assertThat(store.<Boolean>inTenant(org, tx -> Access.holds(tx, Actor.member(stranger), permission))).isFalse();
    assertThat(EnumSet.allOf(Permission.class)).contains(permission);
  }
}
