package io.nobill.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.access.AccessDeniedException;
import io.nobill.core.access.Actor;
import io.nobill.core.access.Role;
import io.nobill.core.audit.AuditEntry;
import io.nobill.core.audit.AuditQuery;
import io.nobill.core.audit.AuditTrail;
import io.nobill.core.catalog.Catalog;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.PlanRef;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.entitlement.Entitlements;
import io.nobill.core.entitlement.Overrides;
import io.nobill.core.event.ProviderEvents;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceRequest;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.invoice.Invoices;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.ledger.ChartOfAccounts;
import io.nobill.core.ledger.Ledger;
import io.nobill.core.ledger.NewJournalEntry;
import io.nobill.core.ledger.Posting;
import io.nobill.core.ledger.Reference;
import io.nobill.core.ledger.TrialBalance;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.org.Organizations;
import io.nobill.core.rating.Rating;
import io.nobill.core.rating.RatingInput;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.PlatformTransaction;
import io.nobill.core.spi.TenantTransaction;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.subscription.Subscriptions;
import io.nobill.core.tax.TaxBehavior;
import io.nobill.core.tax.TaxProfile;
import io.nobill.core.testkit.TestClock;
import io.nobill.core.usage.Usage;
import io.nobill.core.work.BackgroundWork;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each way a host could once walk around NOBill's rules, shown closed. Before the API was
 * split into interfaces over internal implementations, {@code billing.store().inTenant(...)}
 * handed out a tenant transaction that public methods accepted: a member denied
 * {@code voidInvoice} could void the invoice through {@code invoices().voidInvoice(tx, id)},
 * anyone could post to the ledger with {@code ledger().post(tx, entry)}, and
 * {@code audit().record(tx, actor, ...)} wrote entries in another person's name that
 * {@code verify} still called intact. Those calls no longer compile; the tests below prove that
 * what remains is refused with nothing written, and that the surface stays that way.
 */
class FormerBackDoorsTest {
  /** The services {@link Billing} hands out: every one is checked below. */
  private static final List<Class<?>> SERVICES = List.of(Organizations.class, Invoices.class, Ledger.class,
      AuditTrail.class, Usage.class, Subscriptions.class, Entitlements.class, Overrides.class, ProviderEvents.class,
      BackgroundWork.class);

  private final TestClock clock = TestClock.at("2026-03-01T00:00:00Z");
  private final Catalog catalog = SeedCatalog.create("EUR");
  private Billing billing;
  private OrgId org;
  private final UserId owner = UserId.of(new UUID(0xB0, 1));
  private final UserId member = UserId.of(new UUID(0xB0, 2));
  private final Actor operator = Actor.operator("ops-1");

  @BeforeEach
  void setUp() {
    billing = Billing.builder().store(InMemoryBillingStore.create()).clock(clock).catalog(catalog)
        .taxCalculator(io.nobill.core.spi.TaxCalculator.NONE).build();
    org = billing.organizations().provision(operator, new NewOrganization(Optional.empty(), "Acme GmbH",
        "billing@acme.example", "DE", Optional.empty(), Currency.getInstance("EUR"), Locale.GERMANY, owner)).id();
    billing.organizations().addMember(Actor.member(owner), org, member, Role.MEMBER);
  }

  @Test
  void billingHandsOutNoStoreAndNoTransaction() {
    for (Method m : Billing.class.getMethods()) {
      assertThat(BillingStore.class.isAssignableFrom(m.getReturnType())).as(m.toString()).isFalse();
      assertThat(m.getReturnType()).as(m.toString()).isNotIn(TenantTransaction.class, PlatformTransaction.class);
      assertThat(m.getName()).as(m.toString()).isNotIn("store", "outbox", "engine");
    }
  }

  @Test
  void noServiceMethodTakesOrReturnsATransaction() {
    for (Class<?> service : SERVICES) {
      assertThat(service.isInterface()).as(service + " is an interface over an internal implementation").isTrue();
      for (Method m : service.getMethods()) {
        List<Type> types = new ArrayList<>(Arrays.asList(m.getGenericParameterTypes()));
        types.add(m.getGenericReturnType());
        for (Type t : types) {
          assertThat(t.getTypeName()).as(m.toString()).doesNotContain("Transaction").doesNotContain("BillingStore")
              .doesNotContain(".internal.");
        }
      }
    }
  }

  /**
   * Every method that could change or reveal an organization's billing names the actor first,
   * so the permission is checked and the audit entry written inside the library. The few that
   * don't are listed here by name, each for a reason that holds no matter who calls it.
   */
  @Test
  void everyServiceMethodNamesItsActor() {
    Set<String> noActor = Set.of(
        "Subscriptions.withRequestKey", // returns a view; the commands on it name their actor
        "Organizations.organizationsOf", // ids of the caller's own memberships, for the host's tenant switcher
        "BackgroundWork.runDue", "BackgroundWork.start", "BackgroundWork.stop", "BackgroundWork.isStarted",
        "BackgroundWork.sweeps"); // the system's own work, acting as jobs whose permissions are fixed
    List<String> offenders = new ArrayList<>();
    for (Class<?> service : SERVICES) {
      for (Method m : service.getMethods()) {
        if (Modifier.isStatic(m.getModifiers())) {
          continue;
        }
        String name = service.getSimpleName() + "." + m.getName();
        boolean actorFirst = m.getParameterCount() > 0 && m.getParameterTypes()[0] == Actor.class;
        if (!actorFirst && !noActor.contains(name)) {
          offenders.add(m.toString());
        }
      }
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void theAuditTrailCanOnlyBeReadAndVerified() {
    assertThat(Arrays.stream(AuditTrail.class.getMethods()).map(Method::getName).distinct().sorted())
        .containsExactly("query", "verify");
  }

  @Test
  void aMemberDeniedVoidingAnInvoiceCannotVoidItAndNothingIsWritten() {
    Invoice open = billing.invoices().finalizeDraft(operator, org, billing.invoices().draft(operator, org, request()).id());
    List<AuditEntry> before = audit();

    assertThatThrownBy(() -> billing.invoices().voidInvoice(Actor.member(member), org, open.id()))
        .isInstanceOf(AccessDeniedException.class);

    assertThat(billing.invoices().get(operator, org, open.id()).orElseThrow().status()).isEqualTo(InvoiceStatus.OPEN);
    assertThat(audit()).isEqualTo(before);
    assertThat(billing.audit().verify(operator, org).intact()).isTrue();
  }

  @Test
  void noMemberRolePostsToTheLedgerAndNothingIsWritten() {
    ChartOfAccounts chart = billing.ledger().openAccounts(operator, org, Currency.getInstance("EUR"));
    TrialBalance before = billing.ledger().trialBalance(operator, org);
    List<AuditEntry> auditBefore = audit();
    NewJournalEntry forged = new NewJournalEntry("forged-1", clock.instant(), Reference.of(Reference.Kind.INVOICE,
        org), "cash from nowhere", List.of(Posting.debit(chart.id(AccountCode.CASH_CLEARING), Money.ofMajor("1000.00", "EUR")),
        Posting.credit(chart.id(AccountCode.REVENUE), Money.ofMajor("1000.00", "EUR"))));

    for (Actor actor : List.of(Actor.member(owner), Actor.member(member))) {
      assertThatThrownBy(() -> billing.ledger().post(actor, org, forged)).isInstanceOf(AccessDeniedException.class);
    }

    assertThat(billing.ledger().trialBalance(operator, org)).isEqualTo(before);
    assertThat(billing.ledger().entryByKey(operator, org, "forged-1")).isEmpty();
    assertThat(audit()).isEqualTo(auditBefore);
  }

  @Test
  void anotherOrganizationsInvoiceIsNotFoundThroughMine() {
    Invoice mine = billing.invoices().draft(operator, org, request());
    OrgId other = billing.organizations().provision(operator, new NewOrganization(Optional.empty(), "Other Ltd",
        "billing@other.example", "DE", Optional.empty(), Currency.getInstance("EUR"), Locale.UK, member)).id();

    assertThat(billing.invoices().get(Actor.member(member), other, mine.id())).isEmpty();
    assertThatThrownBy(() -> billing.invoices().voidInvoice(operator, other, mine.id()))
        .isInstanceOf(io.nobill.core.error.NotFoundException.class);
    assertThat(billing.invoices().get(operator, org, mine.id()).orElseThrow().status()).isEqualTo(InvoiceStatus.DRAFT);
  }

  /** Replaces paging through {@code billing.store().inPlatform(tx -> tx.organizations(...))}. */
  @Test
  void listingEveryOrganizationIsForOperatorsOnly() {
    OrgId other = billing.organizations().provision(operator, new NewOrganization(Optional.empty(), "Other Ltd",
        "billing@other.example", "DE", Optional.empty(), Currency.getInstance("EUR"), Locale.UK, member)).id();

    List<OrgId> first = billing.organizations().list(operator, Optional.empty(), 1);
    List<OrgId> rest = billing.organizations().list(operator, Optional.of(first.get(0)), 10);
    assertThat(first).hasSize(1);
    assertThat(new java.util.HashSet<>(concat(first, rest))).containsExactlyInAnyOrder(org, other);

    for (Actor actor : List.of(Actor.member(owner), Actor.job("nightly"), Actor.provider("stripe"))) {
      assertThatThrownBy(() -> billing.organizations().list(actor, Optional.empty(), 10))
          .isInstanceOf(AccessDeniedException.class);
    }
    for (int limit : new int[] {0, -1, Organizations.MAX_LIST + 1}) {
      assertThatThrownBy(() -> billing.organizations().list(operator, Optional.empty(), limit))
          .isInstanceOfSatisfying(io.nobill.core.error.InvalidRequestException.class,
              e -> assertThat(e.field()).isEqualTo("limit"));
    }
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private List<AuditEntry> audit() {
    return billing.audit().query(operator, org, AuditQuery.ALL, 0, 1_000);
  }

  private InvoiceRequest request() {
    Period march = new Period(clock.instant(), clock.instant().plusSeconds(31L * 86_400));
    return new InvoiceRequest(Rating.rate(RatingInput.advanceOnly(catalog.require(new PlanRef(SeedCatalog.PRO, 1)),
        PricingOverrides.NONE, march, 2)), Optional.of(new PlanRef(SeedCatalog.PRO, 1)), TaxProfile.consumer("DE"),
        TaxBehavior.EXCLUSIVE, 14);
  }
}
