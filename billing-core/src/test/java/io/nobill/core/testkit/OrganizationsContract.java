package io.nobill.core.testkit;

import io.nobill.core.internal.org.CoreOrganizations;
import io.nobill.core.internal.audit.CoreAuditTrail;
import io.nobill.core.internal.ledger.CoreLedger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.access.AccessDeniedException;
import io.nobill.core.access.Actor;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.access.Role;
import io.nobill.core.audit.AuditEntry;
import io.nobill.core.audit.AuditQuery;
import io.nobill.core.audit.AuditTarget;
import io.nobill.core.audit.AuditTrail;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.ledger.Ledger;
import io.nobill.core.money.Money;
import io.nobill.core.org.Membership;
import io.nobill.core.org.MembershipStatus;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.org.Address;
import io.nobill.core.org.Organization;
import io.nobill.core.org.OrganizationQuery;
import io.nobill.core.org.TaxExemption;
import io.nobill.core.org.Organizations;
import io.nobill.core.org.ProfileChange;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store must support for organizations and members, driven through
 * {@link Organizations}: provisioning, the permission rules, the last-owner rule, audit
 * entries for every change and isolation between organizations. Extend it and return a
 * fresh, empty store.
 */
public abstract class OrganizationsContract {
  protected static final Actor OPERATOR = Actor.operator("ops-1");

  protected abstract BillingStore newStore();

  protected BillingStore store;
  protected TestClock clock;
  protected final IdGenerator ids = IdGenerator.sequential();
  protected CoreLedger ledger;
  protected CoreAuditTrail audit;
  protected CoreOrganizations orgs;
  protected UserId owner;
  protected OrgId acme;

  @BeforeEach
  void provisionAcme() {
    store = newStore();
    clock = TestClock.at("2026-01-10T09:00:00Z");
    ledger = CoreLedger.create(store, clock, ids);
    audit = CoreAuditTrail.create(store, clock);
    orgs = CoreOrganizations.create(store, clock, ids, ledger, audit, List.of());
    owner = ids.next(UserId::of);
    acme = orgs.provision(OPERATOR, request(Optional.empty(), "Acme GmbH", owner)).id();
  }

  protected NewOrganization request(Optional<OrgId> id, String name, UserId owner) {
    return new NewOrganization(id, name, "billing@acme.example", "DE", Optional.of("DE123456789"), Money.currency("EUR"),
        Locale.GERMANY, owner);
  }

  protected Actor member(UserId user) {
    return Actor.member(user);
  }

  protected UserId addMember(Role role) {
    UserId user = ids.next(UserId::of);
    orgs.addMember(member(owner), acme, user, role);
    return user;
  }

  private List<AuditEntry> trail(OrgId org) {
    return audit.query(OPERATOR, org, AuditQuery.ALL, 0, 1000);
  }

  private static Consumer<AccessDeniedException> denied(String permission) {
    return e -> assertThat(e.permission()).isEqualTo(permission);
  }

  @Test
  void provisioningCreatesTheOrganizationItsOwnerItsAccountsAndItsFirstAuditEntries() {
    Organization o = orgs.get(member(owner), acme);
    assertThat(o.name()).isEqualTo("Acme GmbH");
    assertThat(o.createdAt()).isEqualTo(clock.instant());
    assertThat(orgs.members(member(owner), acme)).singleElement()
        .satisfies(m -> {
          assertThat(m.user()).isEqualTo(owner);
          assertThat(m.role()).isEqualTo(Role.OWNER);
        });
    assertThat(ledger.chart(OPERATOR, acme, Money.currency("EUR"))).isPresent();
    assertThat(trail(acme)).extracting(AuditEntry::action).containsExactly("organization.provisioned", "member.added");
    assertThat(trail(acme).get(0).actor()).isEqualTo("operator:ops-1");
    assertThat(trail(acme).get(0).after()).containsEntry("name", "Acme GmbH").containsEntry("currency", "EUR");
    assertThat(audit.verify(OPERATOR, acme).intact()).isTrue();
  }

  @Test
  void provisioningTheSameIdAgainIsIdempotentAndADifferentProfileIsAConflict() {
    OrgId id = ids.next(OrgId::of);
    UserId u = ids.next(UserId::of);
    Organization first = orgs.provision(OPERATOR, request(Optional.of(id), "Globex", u));
    clock.advance(java.time.Duration.ofMinutes(5));
    Organization again = orgs.provision(OPERATOR, request(Optional.of(id), "Globex", u));
    assertThat(again).isEqualTo(first);
    assertThat(trail(id)).hasSize(2);
    assertThatThrownBy(() -> orgs.provision(OPERATOR, request(Optional.of(id), "Globex Corp", u)))
        .isInstanceOf(ConflictException.class);
    assertThat(orgs.get(OPERATOR, id).name()).isEqualTo("Globex");
  }

  @Test
  void aUserMayProvisionTheirOwnOrganizationButMembersMayNotProvisionForOthers() {
    UserId signup = ids.next(UserId::of);
    Organization own = orgs.provision(Actor.member(signup), request(Optional.empty(), "Initech", signup));
    assertThat(orgs.members(Actor.member(signup), own.id())).extracting(Membership::role).containsExactly(Role.OWNER);
    UserId someoneElse = ids.next(UserId::of);
    OrgId id = ids.next(OrgId::of);
    assertThatThrownBy(() -> orgs.provision(Actor.member(signup), request(Optional.of(id), "Hooli", someoneElse)))
        .isInstanceOfSatisfying(AccessDeniedException.class, denied("org.provision"));
    assertThatThrownBy(() -> orgs.provision(Actor.provider("stripe"), request(Optional.of(id), "Hooli", someoneElse)))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(orgs.organizationsOf(someoneElse)).isEmpty();
  }

  @Test
  void badProfilesAreRefusedNamingTheFieldAndWriteNothing() {
    UserId u = ids.next(UserId::of);
    OrgId id = ids.next(OrgId::of);
    assertThatThrownBy(() -> orgs.provision(OPERATOR, new NewOrganization(Optional.of(id), " ", "a@b.example", "DE",
        Optional.empty(), Money.currency("EUR"), Locale.GERMANY, u)))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("name"));
    assertThatThrownBy(() -> orgs.provision(OPERATOR, new NewOrganization(Optional.of(id), "X", "not-an-email", "DE",
        Optional.empty(), Money.currency("EUR"), Locale.GERMANY, u)))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("billingEmail"));
    assertThatThrownBy(() -> orgs.provision(OPERATOR, new NewOrganization(Optional.of(id), "X", "a@b.example", "XX",
        Optional.empty(), Money.currency("EUR"), Locale.GERMANY, u)))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("country"));
    assertThatThrownBy(() -> orgs.get(OPERATOR, id)).isInstanceOf(NotFoundException.class);
    assertThat(orgs.organizationsOf(u)).isEmpty();
    assertThatThrownBy(() -> orgs.updateProfile(member(owner), acme, ProfileChange.NONE.withBillingEmail("nope")))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("billingEmail"));
    assertThat(orgs.get(OPERATOR, acme).billingEmail()).isEqualTo("billing@acme.example");
  }

  @Test
  void onlyTheOwnerManagesTheProfileAndTheChangeIsAudited() {
    UserId admin = addMember(Role.ADMIN);
    assertThatThrownBy(() -> orgs.updateProfile(member(admin), acme, ProfileChange.NONE.withName("Hijacked")))
        .isInstanceOfSatisfying(AccessDeniedException.class, denied("org.manage"));
    Organization renamed = orgs.updateProfile(member(owner), acme, ProfileChange.NONE.withName("Acme SE"));
    assertThat(renamed.name()).isEqualTo("Acme SE");
    AuditEntry last = trail(acme).get(trail(acme).size() - 1);
    assertThat(last.action()).isEqualTo("organization.profile-changed");
    assertThat(last.before()).containsExactly(java.util.Map.entry("name", "Acme GmbH"));
    assertThat(last.after()).containsExactly(java.util.Map.entry("name", "Acme SE"));
  }

  @Test
  void adminsManageMembersButNotOwners() {
    UserId admin = addMember(Role.ADMIN);
    UserId someone = ids.next(UserId::of);
    orgs.addMember(member(admin), acme, someone, Role.MEMBER);
    orgs.changeRole(member(admin), acme, someone, Role.BILLING_MANAGER);
    assertThatThrownBy(() -> orgs.changeRole(member(admin), acme, someone, Role.OWNER))
        .isInstanceOfSatisfying(AccessDeniedException.class, denied("roles.assign-owner"));
    assertThatThrownBy(() -> orgs.addMember(member(admin), acme, ids.next(UserId::of), Role.OWNER))
        .isInstanceOfSatisfying(AccessDeniedException.class, denied("roles.assign-owner"));
    assertThatThrownBy(() -> orgs.removeMember(member(admin), acme, owner))
        .isInstanceOfSatisfying(AccessDeniedException.class, denied("roles.assign-owner"));
    UserId plain = addMember(Role.MEMBER);
    assertThatThrownBy(() -> orgs.addMember(member(plain), acme, ids.next(UserId::of), Role.MEMBER))
        .isInstanceOfSatisfying(AccessDeniedException.class, denied("members.manage"));
    assertThat(orgs.members(member(owner), acme)).extracting(Membership::user).containsExactly(owner, admin, someone, plain);
  }

  @Test
  void theLastOwnerCannotBeRemovedDeactivatedOrDemotedNotEvenByThemselves() {
    assertThatThrownBy(() -> orgs.changeRole(member(owner), acme, owner, Role.ADMIN))
        .isInstanceOf(ConflictException.class).hasMessageContaining("last owner");
    assertThatThrownBy(() -> orgs.deactivate(member(owner), acme, owner))
        .isInstanceOf(ConflictException.class).hasMessageContaining("last owner");
    assertThatThrownBy(() -> orgs.removeMember(member(owner), acme, owner))
        .isInstanceOf(ConflictException.class).hasMessageContaining("last owner");
    assertThat(orgs.members(member(owner), acme)).singleElement()
        .satisfies(m -> assertThat(m.role()).isEqualTo(Role.OWNER));
    // With a second owner, the first may step down.
    UserId second = ids.next(UserId::of);
    orgs.addMember(member(owner), acme, second, Role.OWNER);
    orgs.changeRole(member(owner), acme, owner, Role.ADMIN);
    assertThatThrownBy(() -> orgs.removeMember(member(second), acme, second)).isInstanceOf(ConflictException.class);
  }

  @Test
  void aRemovedOrDeactivatedUserLosesEveryPermissionAtOnce() {
    UserId manager = addMember(Role.BILLING_MANAGER);
    assertThat(ledger.trialBalance(member(manager), acme).isBalanced()).isTrue();
    orgs.deactivate(member(owner), acme, manager);
    assertThatThrownBy(() -> ledger.trialBalance(member(manager), acme))
        .isInstanceOfSatisfying(AccessDeniedException.class, denied("billing.read"));
    orgs.reactivate(member(owner), acme, manager);
    assertThat(ledger.trialBalance(member(manager), acme).isBalanced()).isTrue();
    orgs.removeMember(member(owner), acme, manager);
    assertThatThrownBy(() -> ledger.trialBalance(member(manager), acme)).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> orgs.get(member(manager), acme)).isInstanceOf(AccessDeniedException.class);
    assertThat(orgs.organizationsOf(manager)).isEmpty();
  }

  @Test
  void aDuplicateMembershipIsAConflictAndUnknownMembersAreNotFound() {
    UserId user = addMember(Role.MEMBER);
    long before = trail(acme).size();
    assertThatThrownBy(() -> orgs.addMember(member(owner), acme, user, Role.ADMIN))
        .isInstanceOf(ConflictException.class).hasMessageContaining("already a member");
    assertThatThrownBy(() -> orgs.changeRole(member(owner), acme, ids.next(UserId::of), Role.ADMIN))
        .isInstanceOf(NotFoundException.class);
    assertThat(trail(acme)).hasSize((int) before);
    assertThat(orgs.members(member(owner), acme)).filteredOn(m -> m.user().equals(user)).singleElement()
        .satisfies(m -> assertThat(m.role()).isEqualTo(Role.MEMBER));
  }

  @Test
  void unknownRoleNamesAreRefused() {
    assertThat(Organizations.parseRole("billing-manager")).isEqualTo(Role.BILLING_MANAGER);
    assertThat(Organizations.parseRole("owner")).isEqualTo(Role.OWNER);
    assertThatThrownBy(() -> Organizations.parseRole("superuser"))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("role");
          assertThat(e.rule()).contains("OWNER, ADMIN, BILLING_MANAGER, MEMBER");
        });
  }

  @Test
  void operatorsImpersonateToManageMembersAndTheAuditNamesBoth() {
    UserId user = ids.next(UserId::of);
    assertThatThrownBy(() -> orgs.addMember(OPERATOR, acme, user, Role.MEMBER))
        .isInstanceOfSatisfying(AccessDeniedException.class, denied("members.manage"));
    orgs.addMember(Actor.impersonating("ops-1", owner), acme, user, Role.MEMBER);
    AuditEntry last = trail(acme).get(trail(acme).size() - 1);
    assertThat(last.action()).isEqualTo("member.added");
    assertThat(last.actor()).isEqualTo("member:" + owner);
    assertThat(last.impersonator()).contains("operator:ops-1");
    assertThat(audit.query(OPERATOR, acme, AuditQuery.ALL.withActor("operator:ops-1"), 0, 100))
        .extracting(AuditEntry::action).contains("member.added");
  }

  @Test
  void membersAndAuditAreIsolatedBetweenOrganizations() {
    UserId globexOwner = ids.next(UserId::of);
    OrgId globex = orgs.provision(OPERATOR, request(Optional.empty(), "Globex", globexOwner)).id();
    UserId shared = ids.next(UserId::of);
    orgs.addMember(member(owner), acme, shared, Role.ADMIN);
    orgs.addMember(member(globexOwner), globex, shared, Role.MEMBER);

    assertThat(orgs.members(member(globexOwner), globex)).extracting(Membership::user).containsExactly(globexOwner, shared);
    assertThat(orgs.members(member(globexOwner), globex)).filteredOn(m -> m.user().equals(shared))
        .extracting(Membership::role).containsExactly(Role.MEMBER);
    assertThatThrownBy(() -> orgs.members(member(owner), globex)).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> orgs.addMember(member(owner), globex, ids.next(UserId::of), Role.MEMBER))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(trail(globex)).allSatisfy(e -> assertThat(e.org()).isEqualTo(globex));
    assertThat(trail(acme)).allSatisfy(e -> assertThat(e.org()).isEqualTo(acme));
    assertThat(orgs.organizationsOf(shared)).containsExactlyInAnyOrder(acme, globex);
    assertThat(audit.verify(OPERATOR, acme).intact()).isTrue();
    assertThat(audit.verify(OPERATOR, globex).intact()).isTrue();
  }

  @Test
  void theAuditTrailIsReadableByOwnersAndBillingManagersAndQueriable() {
    UserId manager = addMember(Role.BILLING_MANAGER);
    UserId plain = addMember(Role.MEMBER);
    clock.advance(java.time.Duration.ofDays(1));
    orgs.changeRole(member(owner), acme, plain, Role.ADMIN);
    assertThat(audit.query(member(manager), acme, AuditQuery.ALL.withAction("member.role-changed"), 0, 10)).singleElement()
        .satisfies(e -> {
          assertThat(e.before()).containsEntry("role", "MEMBER");
          assertThat(e.after()).containsEntry("role", "ADMIN");
          assertThat(e.target()).isEqualTo(AuditTarget.of("member", plain));
        });
    assertThat(audit.query(OPERATOR, acme, AuditQuery.ALL.between(clock.instant(), clock.instant().plusSeconds(1)), 0, 10))
        .extracting(AuditEntry::action).containsExactly("member.role-changed");
    assertThat(audit.query(OPERATOR, acme, AuditQuery.ALL.withTarget(AuditTarget.of("member", manager)), 0, 10))
        .extracting(AuditEntry::action).containsExactly("member.added");
    List<AuditEntry> page1 = audit.query(OPERATOR, acme, AuditQuery.ALL, 0, 2);
    List<AuditEntry> page2 = audit.query(OPERATOR, acme, AuditQuery.ALL, page1.get(1).sequence(), 2);
    assertThat(page1).extracting(AuditEntry::sequence).containsExactly(1L, 2L);
    assertThat(page2).extracting(AuditEntry::sequence).containsExactly(3L, 4L);
    assertThatThrownBy(() -> audit.query(member(plain), acme, AuditQuery.ALL, 0, 10))
        .isInstanceOfSatisfying(AccessDeniedException.class, denied("audit.read"));
  }

  @Test
  void deactivatedMembersStayOnRecordAndCanBeReactivated() {
    UserId user = addMember(Role.MEMBER);
    Membership off = orgs.deactivate(member(owner), acme, user);
    assertThat(off.status()).isEqualTo(MembershipStatus.DEACTIVATED);
    assertThat(orgs.members(member(owner), acme)).extracting(Membership::user).contains(user);
    assertThat(orgs.reactivate(member(owner), acme, user).status()).isEqualTo(MembershipStatus.ACTIVE);
    assertThat(trail(acme)).extracting(AuditEntry::action).contains("member.deactivated", "member.reactivated");
  }

  @Test
  void theLedgerOfAProvisionedOrganizationIsReadableByItsOwner() {
    assertThat(ledger.trialBalance(member(owner), acme).net(AccountCode.RECEIVABLE, Money.currency("EUR")))
        .isEqualTo(Money.zero(Money.currency("EUR")));
  }

  // ---- address, tax exemption, external reference, metadata -----------------------------------

  private static final Address CALIFORNIA = new Address("1 Market St", Optional.of("Suite 300"), "San Francisco",
      "94105", Optional.of("US-CA"), "US");

  private NewOrganization californian(Optional<OrgId> id, UserId u, String externalRef) {
    return new NewOrganization(id, "Initech Inc.", "ap@initech.example", "US", Optional.of("94-1234567"),
        Money.currency("USD"), Locale.US, u).withAddress(CALIFORNIA)
        .withTaxExemption(TaxExemption.exempt("CA-RESALE-0042", Optional.of(LocalDate.parse("2027-12-31"))))
        .withExternalRef(externalRef).withMetadata(Map.of("crm", "0015g00000XyZ", "plan", "enterprise"));
  }

  @Test
  void addressExemptionExternalReferenceAndMetadataAreStoredAuditedAndChanged() {
    UserId u = ids.next(UserId::of);
    Organization stored = orgs.provision(OPERATOR, californian(Optional.empty(), u, "tenant-42"));
    Organization read = orgs.get(member(u), stored.id());
    assertThat(read).isEqualTo(stored);
    assertThat(read.address()).contains(CALIFORNIA);
    assertThat(read.taxExemption().certificate()).contains("CA-RESALE-0042");
    assertThat(read.taxExemption().expiresOn()).contains(LocalDate.parse("2027-12-31"));
    assertThat(read.externalRef()).contains("tenant-42");
    assertThat(read.metadata()).containsExactly(Map.entry("crm", "0015g00000XyZ"), Map.entry("plan", "enterprise"));
    assertThat(trail(stored.id()).get(0).after())
        .containsEntry("address", "1 Market St, Suite 300, 94105 San Francisco, US-CA, US")
        .containsEntry("taxExemption", "CA-RESALE-0042 until 2027-12-31")
        .containsEntry("externalRef", "tenant-42")
        .containsEntry("metadata.plan", "enterprise");
    // The same request again is the same organization; a different exemption is another profile.
    assertThat(orgs.provision(OPERATOR, californian(Optional.of(stored.id()), u, "tenant-42"))).isEqualTo(stored);
    assertThatThrownBy(() -> orgs.provision(OPERATOR, californian(Optional.of(stored.id()), u, "tenant-42")
        .withTaxExemption(TaxExemption.NONE))).isInstanceOf(ConflictException.class);

    // Moving to Ontario moves the country with the address; the exemption ends; metadata is replaced.
    Address toronto = Address.inRegion("100 King St W", "Toronto", "M5X 1A9", "CA-ON");
    Organization moved = orgs.updateProfile(member(u), stored.id(), ProfileChange.NONE.withAddress(Optional.of(toronto))
        .withTaxExemption(TaxExemption.NONE).withExternalRef(Optional.of("tenant-42-ca"))
        .withMetadata(Map.of("plan", "team")));
    assertThat(moved.country()).isEqualTo("CA");
    assertThat(orgs.get(member(u), stored.id())).isEqualTo(moved);
    AuditEntry change = trail(stored.id()).get(trail(stored.id()).size() - 1);
    assertThat(change.action()).isEqualTo("organization.profile-changed");
    assertThat(change.before()).containsEntry("country", "US").containsEntry("taxExemption", "CA-RESALE-0042 until 2027-12-31")
        .containsEntry("externalRef", "tenant-42").containsEntry("metadata.crm", "0015g00000XyZ")
        .containsEntry("metadata.plan", "enterprise").doesNotContainKey("name");
    assertThat(change.after()).containsEntry("country", "CA").containsEntry("taxExemption", "")
        .containsEntry("address", "100 King St W, M5X 1A9 Toronto, CA-ON, CA").containsEntry("externalRef", "tenant-42-ca")
        .containsEntry("metadata.crm", "").containsEntry("metadata.plan", "team");
    // Removing the address keeps the country.
    Organization plain = orgs.updateProfile(member(u), stored.id(), ProfileChange.NONE.withAddress(Optional.empty()));
    assertThat(plain.address()).isEmpty();
    assertThat(plain.country()).isEqualTo("CA");
    assertThat(audit.verify(OPERATOR, stored.id()).intact()).isTrue();
  }

  @Test
  void organizationsProvisionedWithACountryOnlyHaveNoAddressExemptionReferenceOrMetadata() {
    Organization o = orgs.get(member(owner), acme);
    assertThat(o.address()).isEmpty();
    assertThat(o.taxExemption()).isEqualTo(TaxExemption.NONE);
    assertThat(o.externalRef()).isEmpty();
    assertThat(o.metadata()).isEmpty();
    assertThat(trail(acme).get(0).after()).doesNotContainKeys("address", "taxExemption", "externalRef");
  }

  @Test
  void badAddressesExemptionsReferencesAndMetadataAreRefusedNamingTheFieldAndWriteNothing() {
    UserId u = ids.next(UserId::of);
    OrgId id = ids.next(OrgId::of);
    NewOrganization good = californian(Optional.of(id), u, "tenant-7");
    // Values refuse bad fields as they are built, naming the field as the request names it.
    Map<String, org.assertj.core.api.ThrowingConsumer<Void>> values = new java.util.LinkedHashMap<>();
    values.put("address.line1", v -> new Address(" ", Optional.empty(), "San Francisco", "94105", Optional.of("US-CA"), "US"));
    values.put("address.line2", v -> new Address("1 Market St", Optional.of("a\nb"), "San Francisco", "94105",
        Optional.of("US-CA"), "US"));
    values.put("address.city", v -> new Address("1 Market St", Optional.empty(), "x".repeat(101), "94105",
        Optional.of("US-CA"), "US"));
    values.put("address.postalCode", v -> new Address("1 Market St", Optional.empty(), "San Francisco", "9".repeat(21),
        Optional.of("US-CA"), "US"));
    values.put("address.region", v -> new Address("1 Market St", Optional.empty(), "San Francisco", "94105",
        Optional.of("CA-ON"), "US"));
    values.put("address.country", v -> Address.of("1 Market St", "San Francisco", "94105", "XX"));
    values.put("taxExemption.certificate", v -> TaxExemption.exempt(" padded", Optional.empty()));
    values.put("taxExemption.expiresOn", v -> new TaxExemption(Optional.empty(), Optional.of(LocalDate.parse("2027-01-01"))));
    values.forEach((field, build) -> assertThatThrownBy(() -> build.accept(null)).as(field)
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo(field)));

    // Requests are checked when provisioning, before anything is written.
    Map<String, NewOrganization> bad = new java.util.LinkedHashMap<>();
    bad.put("address.country", new NewOrganization(Optional.of(id), "Initech Inc.", "ap@initech.example", "DE",
        Optional.empty(), Money.currency("USD"), Locale.US, u, Optional.of(CALIFORNIA), TaxExemption.NONE,
        Optional.empty(), Map.of()));
    bad.put("externalRef", good.withExternalRef("x".repeat(256)));
    bad.put("externalRef ", good.withExternalRef(" tenant-7"));
    bad.put("metadata", good.withMetadata(Map.of("bad\u0000key", "v")));
    bad.put("metadata.note", good.withMetadata(Map.of("note", "line\nbreak")));
    Map<String, String> tooMany = new java.util.HashMap<>();
    for (int i = 0; i <= Organization.MAX_METADATA; i++) {
      tooMany.put("k" + i, "v");
    }
    bad.put("metadata ", good.withMetadata(tooMany));
    bad.forEach((field, request) -> assertThatThrownBy(() -> orgs.provision(OPERATOR, request))
        .as(field).isInstanceOfSatisfying(InvalidRequestException.class,
            e -> assertThat(e.field()).isEqualTo(field.strip())));
    assertThatThrownBy(() -> orgs.get(OPERATOR, id)).isInstanceOf(NotFoundException.class);
    assertThat(orgs.organizationsOf(u)).isEmpty();
    assertThat(orgs.search(OPERATOR, OrganizationQuery.externalRef("tenant-7"), Optional.empty(), 10)).isEmpty();

    int entries = trail(acme).size();
    Organization before = orgs.get(OPERATOR, acme);
    assertThatThrownBy(() -> orgs.updateProfile(member(owner), acme, ProfileChange.NONE.withAddress(Optional.of(CALIFORNIA))
        .withCountry("DE"))).isInstanceOfSatisfying(InvalidRequestException.class,
            e -> assertThat(e.field()).isEqualTo("address.country"));
    assertThatThrownBy(() -> orgs.updateProfile(member(owner), acme, ProfileChange.NONE.withMetadata(Map.of("k", "a\tb\nc"))))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("metadata.k"));
    assertThat(orgs.get(OPERATOR, acme)).isEqualTo(before);
    assertThat(trail(acme)).hasSize(entries);
  }

  @Test
  void anExternalReferenceBelongsToOneOrganizationInTheStore() {
    UserId u = ids.next(UserId::of);
    Organization first = orgs.provision(OPERATOR, californian(Optional.empty(), u, "tenant-1"));
    OrgId second = ids.next(OrgId::of);
    assertThatThrownBy(() -> orgs.provision(OPERATOR, californian(Optional.of(second), u, "tenant-1")))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> orgs.get(OPERATOR, second)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> orgs.updateProfile(member(owner), acme, ProfileChange.NONE.withExternalRef(Optional.of("tenant-1"))))
        .isInstanceOf(ConflictException.class);
    assertThat(orgs.get(OPERATOR, acme).externalRef()).isEmpty();
    // Freed by its holder, the reference can be taken, and the transaction that failed left nothing behind.
    orgs.updateProfile(member(u), first.id(), ProfileChange.NONE.withExternalRef(Optional.empty()));
    assertThat(orgs.updateProfile(member(owner), acme, ProfileChange.NONE.withExternalRef(Optional.of("tenant-1")))
        .externalRef()).contains("tenant-1");
    assertThat(orgs.search(OPERATOR, OrganizationQuery.externalRef("tenant-1"), Optional.empty(), 10))
        .containsExactly(acme);
    // An organization keeps its own reference through other changes.
    orgs.updateProfile(member(owner), acme, ProfileChange.NONE.withName("Acme SE"));
    assertThat(orgs.get(OPERATOR, acme).externalRef()).contains("tenant-1");
  }

  @Test
  void operatorsSearchOrganizationsByNameReferenceAndCountryAPageAtATime() {
    UserId u = ids.next(UserId::of);
    OrgId initech = orgs.provision(OPERATOR, californian(Optional.empty(), u, "tenant-9")).id();
    OrgId acmeUs = orgs.provision(OPERATOR, new NewOrganization(Optional.empty(), "ACME Corp 100%_off", "ap@acme.example",
        "US", Optional.empty(), Money.currency("USD"), Locale.US, u)).id();
    OrgId globex = orgs.provision(OPERATOR, request(Optional.empty(), "Globex", u)).id();

    assertThat(orgs.search(OPERATOR, OrganizationQuery.nameContains("acme"), Optional.empty(), 10))
        .containsExactlyElementsOf(sorted(acme, acmeUs));
    assertThat(orgs.search(OPERATOR, OrganizationQuery.nameContains("Ini"), Optional.empty(), 10)).containsExactly(initech);
    assertThat(orgs.search(OPERATOR, OrganizationQuery.nameContains("100%_"), Optional.empty(), 10)).containsExactly(acmeUs);
    assertThat(orgs.search(OPERATOR, OrganizationQuery.nameContains("0%o"), Optional.empty(), 10)).isEmpty();
    assertThat(orgs.search(OPERATOR, OrganizationQuery.externalRef("tenant-9"), Optional.empty(), 10)).containsExactly(initech);
    assertThat(orgs.search(OPERATOR, OrganizationQuery.externalRef("tenant-"), Optional.empty(), 10)).isEmpty();
    assertThat(orgs.search(OPERATOR, OrganizationQuery.country("US"), Optional.empty(), 10))
        .containsExactlyElementsOf(sorted(initech, acmeUs));
    assertThat(orgs.search(OPERATOR, OrganizationQuery.nameContains("acme").inCountry("DE"), Optional.empty(), 10))
        .containsExactly(acme);
    assertThat(orgs.search(OPERATOR, OrganizationQuery.ALL, Optional.empty(), 10))
        .containsExactlyElementsOf(sorted(acme, initech, acmeUs, globex));
    // Paged in id order.
    List<OrgId> all = sorted(acme, initech, acmeUs, globex);
    List<OrgId> first = orgs.search(OPERATOR, OrganizationQuery.ALL, Optional.empty(), 3);
    assertThat(first).isEqualTo(all.subList(0, 3));
    assertThat(orgs.search(OPERATOR, OrganizationQuery.ALL, Optional.of(first.get(2)), 3)).isEqualTo(all.subList(3, 4));
    // A rename is found under the new name only.
    orgs.updateProfile(member(u), globex, ProfileChange.NONE.withName("Globex Acme Holdings"));
    assertThat(orgs.search(OPERATOR, OrganizationQuery.nameContains("ACME"), Optional.empty(), 10))
        .containsExactlyElementsOf(sorted(acme, acmeUs, globex));

    // Operators only, and a bounded page.
    assertThatThrownBy(() -> orgs.search(member(owner), OrganizationQuery.ALL, Optional.empty(), 10))
        .isInstanceOf(AccessDeniedException.class);
    for (int limit : new int[] {0, Organizations.MAX_LIST + 1}) {
      assertThatThrownBy(() -> orgs.search(OPERATOR, OrganizationQuery.ALL, Optional.empty(), limit))
          .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    }
    assertThatThrownBy(() -> OrganizationQuery.country("us")).isInstanceOfSatisfying(InvalidRequestException.class,
        e -> assertThat(e.field()).isEqualTo("country"));
    assertThatThrownBy(() -> OrganizationQuery.nameContains(" ")).isInstanceOfSatisfying(InvalidRequestException.class,
        e -> assertThat(e.field()).isEqualTo("nameContains"));
  }

  private static List<OrgId> sorted(OrgId... ids) {
    return java.util.Arrays.stream(ids).sorted(io.nobill.core.id.TypedId.ORDER).toList();
  }
}
