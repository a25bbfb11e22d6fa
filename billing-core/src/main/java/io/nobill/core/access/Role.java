package io.nobill.core.access;

import java.util.EnumSet;
import java.util.Set;

/** A member's role in an organization, and the permissions it carries. */
public enum Role {
  OWNER(EnumSet.of(Permission.ORG_MANAGE, Permission.MEMBERS_MANAGE, Permission.ROLES_ASSIGN_OWNER,
      Permission.BILLING_MANAGE, Permission.BILLING_READ, Permission.FEATURES_READ, Permission.USAGE_RECORD,
      Permission.AUDIT_READ)),
  ADMIN(EnumSet.of(Permission.MEMBERS_MANAGE, Permission.BILLING_READ, Permission.FEATURES_READ, Permission.USAGE_RECORD)),
  BILLING_MANAGER(EnumSet.of(Permission.BILLING_MANAGE, Permission.BILLING_READ, Permission.FEATURES_READ,
      Permission.AUDIT_READ)),
  MEMBER(EnumSet.of(Permission.FEATURES_READ, Permission.USAGE_RECORD));

  private final Set<Permission> permissions;

  Role(Set<Permission> permissions) {
    this.permissions = Set.copyOf(permissions);
  }

  public boolean grants(Permission permission) {
    return permissions.contains(permission);
  }

  public Set<Permission> permissions() {
    return permissions;
  }
}
