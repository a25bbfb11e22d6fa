package io.nobill.core.access;

import io.nobill.core.error.BillingException;
import io.nobill.core.id.OrgId;
import java.util.Objects;

/**
 * An actor lacks the permission an operation needs. Thrown before any state changes, so a
 * denial writes nothing.
 */
public class AccessDeniedException extends BillingException {
  private static final long serialVersionUID = 1L;

  private final String actor;
  private final String permission;
  private final OrgId org;

  /**
   * @param actor      a description of the actor that was denied (ids only)
   * @param permission the permission that was missing, e.g. {@code "billing.manage"}
   * @param org        the organization in which it was missing
   */
  public AccessDeniedException(String actor, String permission, OrgId org) {
    super(Objects.requireNonNull(actor, "actor") + " lacks permission "
        + Objects.requireNonNull(permission, "permission") + " in organization "
        + Objects.requireNonNull(org, "org"));
    this.actor = actor;
    this.permission = permission;
    this.org = org;
  }

  /**
   * A denial of a platform-wide permission, one no organization's membership can grant
   * (listing stuck work across organizations, say); {@link #org()} is then empty.
   *
   * @param actor      a description of the actor that was denied (ids only)
   * @param permission the permission that was missing
   */
  public AccessDeniedException(String actor, String permission) {
    super(Objects.requireNonNull(actor, "actor") + " lacks platform permission "
        + Objects.requireNonNull(permission, "permission"));
    this.actor = actor;
    this.permission = permission;
    this.org = null;
  }

  public String actor() {
    return actor;
  }

  public String permission() {
    return permission;
  }

  /** The organization in which the permission was missing; empty for a platform-wide permission. */
  public java.util.Optional<OrgId> org() {
    return java.util.Optional.ofNullable(org);
  }

  /** Always false: the permission stays missing until the caller changes something. */
  @Override
  public boolean retryable() {
    return false;
  }
}
