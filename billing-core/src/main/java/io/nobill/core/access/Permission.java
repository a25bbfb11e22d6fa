package io.nobill.core.access;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an operation needs. Members get permissions from their {@link Role}; the other
 * actors get the ones their part in billing needs, listed with each permission:
 * platform operators run the platform (provision, overrides, reading across orgs, manual
 * ledger and invoice corrections), NOBill's jobs run the billing cycle, providers mirror
 * the billing provider's state.
 */
public enum Permission {
  /** Edit the organization's profile, close it. */
  ORG_MANAGE("org.manage", EnumSet.noneOf(Kind.class)),
  /** Add, change, deactivate and remove members who are not owners. */
  MEMBERS_MANAGE("members.manage", EnumSet.noneOf(Kind.class)),
  /** Make someone an owner, or change an owner's role. */
  ROLES_ASSIGN_OWNER("roles.assign-owner", EnumSet.noneOf(Kind.class)),
  /** Choose the plan and seats, cancel, check out, open the billing portal. */
  BILLING_MANAGE("billing.manage", EnumSet.of(Kind.JOB, Kind.PROVIDER)),
  /** Read the subscription, invoices and ledger. */
  BILLING_READ("billing.read", EnumSet.of(Kind.OPERATOR, Kind.JOB, Kind.PROVIDER)),
  /** Read features and entitlements. */
  FEATURES_READ("features.read", EnumSet.of(Kind.OPERATOR, Kind.JOB, Kind.PROVIDER)),
  /** Record usage. */
  USAGE_RECORD("usage.record", EnumSet.of(Kind.JOB)),
  /** Read the audit trail. */
  AUDIT_READ("audit.read", EnumSet.of(Kind.OPERATOR)),
  /** Create organizations. */
  ORG_PROVISION("org.provision", EnumSet.of(Kind.OPERATOR, Kind.JOB)),
  /** Set an organization's custom prices, discounts and entitlement overrides. */
  OVERRIDES_MANAGE("overrides.manage", EnumSet.of(Kind.OPERATOR)),
  /** Post manual ledger entries and reversals. */
  LEDGER_POST("ledger.post", EnumSet.of(Kind.OPERATOR, Kind.JOB, Kind.PROVIDER)),
  /** Draft, finalize, void and settle invoices. */
  INVOICES_MANAGE("invoices.manage", EnumSet.of(Kind.OPERATOR, Kind.JOB, Kind.PROVIDER)),
  /** List background work that keeps failing, across organizations. Platform operators only. */
  WORK_READ("work.read", EnumSet.of(Kind.OPERATOR)),
  /** Retry stuck background work and dead-lettered events. Platform operators only. */
  WORK_MANAGE("work.manage", EnumSet.of(Kind.OPERATOR));

  /** The kinds of actor that are not members. */
  public enum Kind { OPERATOR, JOB, PROVIDER }

  private final String key;
  private final Set<Kind> nonMembers;

  Permission(String key, Set<Kind> nonMembers) {
    this.key = key;
    this.nonMembers = Set.copyOf(nonMembers);
  }

  /** The permission's name, e.g. {@code "billing.manage"}. */
  public String key() {
    return key;
  }

  /** Whether an actor that is not a member (an operator, a job, a provider) holds it. */
  public boolean grantedTo(Actor actor) {
    if (actor instanceof Actor.Operator) {
      return nonMembers.contains(Kind.OPERATOR);
    } else if (actor instanceof Actor.Job) {
      return nonMembers.contains(Kind.JOB);
    } else if (actor instanceof Actor.Provider) {
      return nonMembers.contains(Kind.PROVIDER);
    }
    return false;
  }

  @Override
  public String toString() {
    return key;
  }
}
