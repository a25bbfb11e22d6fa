package io.nobill.core.internal.org;

import io.nobill.core.access.AccessDeniedException;
import io.nobill.core.access.Actor;
import io.nobill.core.access.Permission;
import io.nobill.core.access.Role;
import io.nobill.core.audit.AuditTarget;
import io.nobill.core.audit.AuditTrail;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.internal.access.Access;
import io.nobill.core.internal.audit.CoreAuditTrail;
import io.nobill.core.internal.ledger.CoreLedger;
import io.nobill.core.ledger.Ledger;
import io.nobill.core.org.*;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.TenantTransaction;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
public final class CoreOrganizations implements Organizations {
  private final BillingStore store;
  private final Clock clock;
  private final IdGenerator ids;
  private final CoreLedger ledger;
  private final CoreAuditTrail audit;
  private final List<MembershipRule> rules;
  private final List<ProvisioningStep> steps;
  private final List<MembershipObserver> observers;

  /** Work done in the transaction of any change to the active members: seats following them, say. */
  @FunctionalInterface
  public interface MembershipObserver {
    void afterMembershipChange(TenantTransaction tx, Actor actor);
  }

  /** Work done in an organization's provisioning transaction, after its owner and accounts exist: a trial, say. */
  @FunctionalInterface
  public interface ProvisioningStep {
    void afterProvisioning(TenantTransaction tx, Organization organization);
  }

  /**
   * A check made before a member is added or reactivated, inside the same transaction: the
   * seat limit of the organization's plan is one.
   */
  @FunctionalInterface
  public interface MembershipRule {
    /** Throws to refuse adding one more active member to the organization of {@code tx}. */
    void beforeAdding(TenantTransaction tx, UserId user);
  }

  private CoreOrganizations(BillingStore store, Clock clock, IdGenerator ids, CoreLedger ledger, CoreAuditTrail audit,
      List<MembershipRule> rules, List<ProvisioningStep> steps, List<MembershipObserver> observers) {
    this.store = store;
    this.clock = clock;
    this.ids = ids;
    this.ledger = ledger;
    this.audit = audit;
    this.rules = List.copyOf(rules);
    this.steps = List.copyOf(steps);
    this.observers = List.copyOf(observers);
  }

  public static CoreOrganizations create(BillingStore store, Clock clock, IdGenerator ids, CoreLedger ledger, CoreAuditTrail audit,
      List<MembershipRule> rules) {
    return create(store, clock, ids, ledger, audit, rules, List.of());
  }

  public static CoreOrganizations create(BillingStore store, Clock clock, IdGenerator ids, CoreLedger ledger, CoreAuditTrail audit,
      List<MembershipRule> rules, List<ProvisioningStep> steps) {
    return create(store, clock, ids, ledger, audit, rules, steps, List.of());
  }

  public static CoreOrganizations create(BillingStore store, Clock clock, IdGenerator ids, CoreLedger ledger, CoreAuditTrail audit,
      List<MembershipRule> rules, List<ProvisioningStep> steps, List<MembershipObserver> observers) {
    return new CoreOrganizations(Objects.requireNonNull(store, "store"), Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(ids, "ids"), Objects.requireNonNull(ledger, "ledger"), Objects.requireNonNull(audit, "audit"),
        Objects.requireNonNull(rules, "rules"), Objects.requireNonNull(steps, "steps"),
        Objects.requireNonNull(observers, "observers"));
  }

  private void membersChanged(TenantTransaction tx, Actor actor) {
    for (MembershipObserver o : observers) {
      o.afterMembershipChange(tx, actor);
    }
  }

  /**
   * Provisions an organization: its record, its owner, its ledger accounts in its currency,
   * and the first entries of its audit trail. Operators and NOBill's jobs may provision; a
   * user may provision an organization they will own (self-service sign-up). Provisioning
   * the same id again with the same profile and owner returns the existing organization.
   */
  @Override
  public Organization provision(Actor actor, NewOrganization request) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(request, "request");
    boolean selfService = Access.memberUser(actor).map(request.owner()::equals).orElse(false)
        && actor instanceof Actor.Member;
    OrgId id = request.id().orElseGet(() -> ids.next(OrgId::of));
    if (!selfService && !Permission.ORG_PROVISION.grantedTo(actor)) {
      throw new AccessDeniedException(actor.describe(), Permission.ORG_PROVISION.key(), id);
    }
    Instant now = clock.instant();
    Organization organization = new Organization(id, request.name(), request.billingEmail(), request.country(),
        request.taxId(), request.currency(), request.locale(), now, request.address(), request.taxExemption(),
        request.externalRef(), request.metadata());
    return store.inTenant(id, tx -> {
      Optional<Organization> existing = tx.organization().find();
      if (existing.isPresent()) {
        Organization e = existing.get();
        boolean same = e.name().equals(organization.name()) && e.billingEmail().equals(organization.billingEmail())
            && e.country().equals(organization.country()) && e.taxId().equals(organization.taxId())
            && e.currency().equals(organization.currency()) && e.locale().equals(organization.locale())
            && e.address().equals(organization.address()) && e.taxExemption().equals(organization.taxExemption())
            && e.externalRef().equals(organization.externalRef()) && e.metadata().equals(organization.metadata())
            && tx.memberships().find(request.owner()).map(m -> m.role() == Role.OWNER).orElse(false);
        if (same) {
          return e;
        }
        throw new ConflictException(id, "organization already exists with a different profile or owner");
      }
      tx.organization().insert(organization);
      tx.memberships().insert(new Membership(request.owner(), Role.OWNER, MembershipStatus.ACTIVE, now, now));
      ledger.openAccounts(tx, organization.currency());
      audit.record(tx, actor, "organization.provisioned", AuditTarget.of("organization", id), Map.of(),
          profileFields(organization));
      audit.record(tx, actor, "member.added", AuditTarget.of("member", request.owner()), Map.of(),
          Map.of("role", Role.OWNER.name(), "status", MembershipStatus.ACTIVE.name()));
      for (ProvisioningStep step : steps) {
        step.afterProvisioning(tx, organization);
      }
      return organization;
    });
  }

  /** Changes the organization's profile. Needs {@code org.manage}. */
  @Override
  public Organization updateProfile(Actor actor, OrgId org, ProfileChange change) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(change, "change");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.ORG_MANAGE);
      Organization before = load(tx);
      Organization after = change.applyTo(before);
      tx.organization().update(after);
      Map<String, String> was = profileFields(before);
      Map<String, String> now = profileFields(after);
      Map<String, String> changedBefore = new LinkedHashMap<>();
      Map<String, String> changedAfter = new LinkedHashMap<>();
      // Metadata keys come and go: a key on one side only is "" on the other.
      java.util.Set<String> keys = new java.util.LinkedHashSet<>(was.keySet());
      keys.addAll(now.keySet());
      for (String key : keys) {
        String from = was.getOrDefault(key, "");
        String to = now.getOrDefault(key, "");
        if (!from.equals(to)) {
          changedBefore.put(key, from);
          changedAfter.put(key, to);
        }
      }
      audit.record(tx, actor, "organization.profile-changed", AuditTarget.of("organization", org), changedBefore,
          changedAfter);
      return after;
    });
  }

  /** The organization's profile. Needs {@code features.read} (every member has it). */
  @Override
  public Organization get(Actor actor, OrgId org) {
    Objects.requireNonNull(org, "org");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.FEATURES_READ);
      return load(tx);
    });
  }

  /** The organization's members, active and deactivated. Needs {@code features.read}. */
  @Override
  public List<Membership> members(Actor actor, OrgId org) {
    Objects.requireNonNull(org, "org");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.FEATURES_READ);
      return tx.memberships().list();
    });
  }

  /** The organizations a user belongs to, read across tenants: ids only. */
  @Override
  public List<OrgId> organizationsOf(UserId user) {
    Objects.requireNonNull(user, "user");
    return store.inPlatform(tx -> tx.organizationsOf(user));
  }

  @Override
  public List<OrgId> list(Actor actor, Optional<OrgId> after, int limit) {
    Access.requirePlatform(actor, Permission.BILLING_READ);
    Objects.requireNonNull(after, "after");
    InvalidRequestException.require(limit >= 1 && limit <= MAX_LIST, "limit", "must be in 1.." + MAX_LIST);
    return store.inPlatform(tx -> tx.organizations(after, limit));
  }

  @Override
  public List<OrgId> search(Actor actor, OrganizationQuery query, Optional<OrgId> after, int limit) {
    Access.requirePlatform(actor, Permission.BILLING_READ);
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(after, "after");
    InvalidRequestException.require(limit >= 1 && limit <= MAX_LIST, "limit", "must be in 1.." + MAX_LIST);
    return store.inPlatform(tx -> tx.searchOrganizations(query, after, limit));
  }

  /** Adds a member with a role. */
  @Override
  public Membership addMember(Actor actor, OrgId org, UserId user, Role role) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(role, "role");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, role == Role.OWNER ? Permission.ROLES_ASSIGN_OWNER : Permission.MEMBERS_MANAGE);
      load(tx);
      if (tx.memberships().find(user).isPresent()) {
        throw new ConflictException(user, "is already a member of organization " + org);
      }
      for (MembershipRule rule : rules) {
        rule.beforeAdding(tx, user);
      }
      Instant now = clock.instant();
      Membership membership = new Membership(user, role, MembershipStatus.ACTIVE, now, now);
      tx.memberships().insert(membership);
      audit.record(tx, actor, "member.added", AuditTarget.of("member", user), Map.of(),
          Map.of("role", role.name(), "status", MembershipStatus.ACTIVE.name()));
      membersChanged(tx, actor);
      return membership;
    });
  }

  /** Changes a member's role. */
  @Override
  public Membership changeRole(Actor actor, OrgId org, UserId user, Role role) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(role, "role");
    return store.inTenant(org, tx -> {
      Membership current = member(tx, user);
      requireManage(tx, actor, current.role(), role);
      if (current.role() == role) {
        return current;
      }
      if (current.role() == Role.OWNER && current.isActive()) {
        requireAnotherOwner(tx, user, "demoted");
      }
      Membership changed = current.with(role, current.status(), clock.instant());
      tx.memberships().update(changed);
      audit.record(tx, actor, "member.role-changed", AuditTarget.of("member", user), Map.of("role", current.role().name()),
          Map.of("role", role.name()));
      return changed;
    });
  }

  /** Deactivates a member: they keep their record but lose every permission and their seat. */
  @Override
  public Membership deactivate(Actor actor, OrgId org, UserId user) {
    return setStatus(actor, org, user, MembershipStatus.DEACTIVATED);
  }

  /** Reactivates a deactivated member, subject to the seat limit. */
  @Override
  public Membership reactivate(Actor actor, OrgId org, UserId user) {
    return setStatus(actor, org, user, MembershipStatus.ACTIVE);
  }

  private Membership setStatus(Actor actor, OrgId org, UserId user, MembershipStatus status) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(user, "user");
    return store.inTenant(org, tx -> {
      Membership current = member(tx, user);
      requireManage(tx, actor, current.role(), current.role());
      if (current.status() == status) {
        return current;
      }
      if (status == MembershipStatus.DEACTIVATED && current.role() == Role.OWNER) {
        requireAnotherOwner(tx, user, "deactivated");
      }
      if (status == MembershipStatus.ACTIVE) {
        for (MembershipRule rule : rules) {
          rule.beforeAdding(tx, user);
        }
      }
      Membership changed = current.with(current.role(), status, clock.instant());
      tx.memberships().update(changed);
      audit.record(tx, actor, status == MembershipStatus.ACTIVE ? "member.reactivated" : "member.deactivated",
          AuditTarget.of("member", user), Map.of("status", current.status().name()), Map.of("status", status.name()));
      membersChanged(tx, actor);
      return changed;
    });
  }

  /** Removes a member: from this moment they hold no permission in the organization. */
  @Override
  public void removeMember(Actor actor, OrgId org, UserId user) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(user, "user");
    store.inTenant(org, tx -> {
      Membership current = member(tx, user);
      requireManage(tx, actor, current.role(), current.role());
      if (current.role() == Role.OWNER && current.isActive()) {
        requireAnotherOwner(tx, user, "removed");
      }
      tx.memberships().delete(user);
      audit.record(tx, actor, "member.removed", AuditTarget.of("member", user),
          Map.of("role", current.role().name(), "status", current.status().name()), Map.of());
      membersChanged(tx, actor);
      return null;
    });
  }

  /** Owners are managed only with {@code roles.assign-owner}; everyone else with {@code members.manage}. */
  private static void requireManage(TenantTransaction tx, Actor actor, Role from, Role to) {
    boolean owners = from == Role.OWNER || to == Role.OWNER;
    Access.require(tx, actor, owners ? Permission.ROLES_ASSIGN_OWNER : Permission.MEMBERS_MANAGE);
  }

  private static void requireAnotherOwner(TenantTransaction tx, UserId user, String what) {
    long otherOwners = tx.memberships().list().stream()
        .filter(m -> m.role() == Role.OWNER && m.isActive() && !m.user().equals(user))
        .count();
    if (otherOwners == 0) {
      throw new ConflictException(user, "is the last owner of organization " + tx.org() + " and cannot be " + what
          + "; make another member owner first");
    }
  }

  private static Membership member(TenantTransaction tx, UserId user) {
    return tx.memberships().find(user).orElseThrow(() -> new NotFoundException("member", user));
  }

  private static Organization load(TenantTransaction tx) {
    return tx.organization().find().orElseThrow(() -> new NotFoundException("organization", tx.org()));
  }

  private static Map<String, String> profileFields(Organization o) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("name", o.name());
    fields.put("billingEmail", o.billingEmail());
    fields.put("country", o.country());
    fields.put("taxId", o.taxId().orElse(""));
    fields.put("currency", o.currency().getCurrencyCode());
    fields.put("locale", o.locale().toLanguageTag());
    // Fields added after the first release are recorded only when set, so an organization
    // without them is audited exactly as before; a change compares a missing field as "".
    o.address().ifPresent(a -> fields.put("address", a.oneLine()));
    if (o.taxExemption().isExempt()) {
      fields.put("taxExemption", o.taxExemption().describe());
    }
    o.externalRef().ifPresent(r -> fields.put("externalRef", r));
    o.metadata().forEach((k, v) -> fields.put("metadata." + k, v));
    return fields;
  }
}
