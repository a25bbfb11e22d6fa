package io.nobill.core.org;

/** Whether a membership currently confers its role's permissions. */
public enum MembershipStatus {
  ACTIVE,
  /** Kept for the record and for reactivation; confers no permission and takes no seat. */
  DEACTIVATED
}
