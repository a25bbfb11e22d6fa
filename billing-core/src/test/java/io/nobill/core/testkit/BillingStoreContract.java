package io.nobill.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.error.ConflictException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.TypedId;
import io.nobill.core.org.Organization;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.PlatformTransaction;
import io.nobill.core.spi.TenantTransaction;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BillingStore} must do: all-or-nothing work, tenant isolation for every
 * repository, and a platform scope that sees ids only. Extend it and return a fresh, empty
 * store from {@link #newStore()}.
 */
public abstract class BillingStoreContract {

  /** A new store with no data in it. Called once per test. */
  protected abstract BillingStore newStore();

  protected BillingStore store;
  protected final IdGenerator ids = IdGenerator.sequential();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  /** The organization as read in its own scope. */
  protected Optional<Organization> findOrganization(OrgId org) {
    return store.inTenant(org, tx -> tx.organization().find());
  }

  /** A page of organization ids, read in the platform scope. */
  protected List<OrgId> listOrganizations(Optional<OrgId> after, int limit) {
    return store.inPlatform(tx -> tx.organizations(after, limit));
  }

  /** Provisions a sample organization with a new id and returns the id. */
  protected OrgId provision() {
    OrgId org = ids.next(OrgId::of);
    store.inTenant(org, tx -> {
      tx.organization().insert(TestOrganizations.sample(org));
      return null;
    });
    return org;
  }

  @Test
  void aWrittenOrganizationIsReadBackInItsOwnScope() {
    OrgId org = ids.next(OrgId::of);
    Organization written = TestOrganizations.named(org, "Round Trip GmbH");
    store.inTenant(org, tx -> {
      tx.organization().insert(written);
      return null;
    });

    Optional<Organization> read = findOrganization(org);

    assertThat(read).contains(written);
    assertThat(store.<OrgId>inTenant(org, TenantTransaction::org)).isEqualTo(org);
  }

  @Test
  void workThatThrowsLeavesNoTraceAndTheExceptionReachesTheCaller() {
    OrgId org = ids.next(OrgId::of);
    IllegalStateException boom = new IllegalStateException("boom");

    assertThatThrownBy(() -> store.inTenant(org, tx -> {
      tx.organization().insert(TestOrganizations.sample(org));
      assertThat(tx.organization().find()).isPresent();
      throw boom;
    })).isSameAs(boom);

    assertThat(findOrganization(org)).isEmpty();
    assertThat(listOrganizations(Optional.empty(), 100)).doesNotContain(org);
  }

  @Test
  void anUpdateRolledBackRestoresThePreviousRow() {
    OrgId org = provision();
    Organization before = findOrganization(org).orElseThrow();

    assertThatThrownBy(() -> store.inTenant(org, tx -> {
      tx.organization().update(TestOrganizations.named(org, "Renamed"));
      throw new IllegalArgumentException("abort");
    })).hasMessage("abort");

    assertThat(findOrganization(org)).contains(before);
  }

  @Test
  void anUpdateCommitsWhenTheWorkReturns() {
    OrgId org = provision();
    store.inTenant(org, tx -> {
      tx.organization().update(TestOrganizations.named(org, "Renamed"));
      return null;
    });
    assertThat(findOrganization(org).orElseThrow().name()).isEqualTo("Renamed");
  }

  @Test
  void whatOneOrganizationWroteIsInvisibleFromAnother() {
    OrgId a = provision();
    OrgId b = ids.next(OrgId::of);

    assertThat(findOrganization(b)).isEmpty();
    assertThatThrownBy(() -> store.inTenant(b, tx -> {
      tx.organization().update(TestOrganizations.named(b, "Not there"));
      return null;
    })).isInstanceOf(NotFoundException.class);
    assertThat(findOrganization(a).orElseThrow().id()).isEqualTo(a);
  }

  @Test
  void aTenantScopeCannotWriteAnotherTenantsRow() {
    OrgId a = provision();
    OrgId b = ids.next(OrgId::of);
    Organization before = findOrganization(a).orElseThrow();

    assertThatThrownBy(() -> store.inTenant(b, tx -> {
      tx.organization().insert(TestOrganizations.named(a, "Hijacked"));
      return null;
    })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(a.toString());
    assertThatThrownBy(() -> store.inTenant(b, tx -> {
      tx.organization().update(TestOrganizations.named(a, "Hijacked"));
      return null;
    })).isInstanceOf(IllegalArgumentException.class);

    assertThat(findOrganization(a)).contains(before);
    assertThat(findOrganization(b)).isEmpty();
  }

  @Test
  void aSecondInsertOfTheSameOrganizationIsAConflictAndChangesNothing() {
    OrgId org = provision();
    Organization before = findOrganization(org).orElseThrow();

    assertThatThrownBy(() -> store.inTenant(org, tx -> {
      tx.organization().insert(TestOrganizations.named(org, "Again"));
      return null;
    })).isInstanceOf(ConflictException.class).hasMessageContaining(org.toString());

    assertThat(findOrganization(org)).contains(before);
  }

  @Test
  void thePlatformScopeListsOrganizationIdsInOrderAndInPages() {
    List<OrgId> created = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      created.add(provision());
    }
    created.sort(TypedId.ORDER);

    List<OrgId> seen = new ArrayList<>();
    Optional<OrgId> after = Optional.empty();
    while (true) {
      Optional<OrgId> cursor = after;
      List<OrgId> page = listOrganizations(cursor, 10);
      assertThat(page.size()).isLessThanOrEqualTo(10);
      if (page.isEmpty()) {
        break;
      }
      seen.addAll(page);
      after = Optional.of(page.get(page.size() - 1));
    }
    assertThat(seen).containsExactlyElementsOf(created);
  }

  /** An organization with an external reference and a country, as a host would provision it. */
  private static Organization referenced(OrgId org, String name, String country, Optional<String> externalRef) {
    Organization s = TestOrganizations.named(org, name);
    return new Organization(org, name, s.billingEmail(), country, Optional.empty(), s.currency(), s.locale(), s.createdAt(),
        Optional.empty(), io.nobill.core.org.TaxExemption.NONE, externalRef, java.util.Map.of());
  }

  private List<OrgId> search(io.nobill.core.org.OrganizationQuery query, Optional<OrgId> after, int limit) {
    return store.inPlatform(tx -> tx.searchOrganizations(query, after, limit));
  }

  @Test
  void thePlatformScopeSearchesOrganizationsByNameReferenceAndCountryInIdOrder() {
    List<OrgId> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      OrgId org = ids.next(OrgId::of);
      Organization o = referenced(org, (i % 2 == 0 ? "Even " : "Odd ") + "Co " + i, i < 3 ? "FR" : "DE",
          i == 5 ? Optional.of("host-5") : Optional.empty());
      store.inTenant(org, tx -> {
        tx.organization().insert(o);
        return null;
      });
      created.add(org);
    }
    List<OrgId> even = List.of(created.get(0), created.get(2), created.get(4), created.get(6));
    assertThat(search(io.nobill.core.org.OrganizationQuery.nameContains("EVEN"), Optional.empty(), 10)).isEqualTo(even);
    assertThat(search(io.nobill.core.org.OrganizationQuery.nameContains("even"), Optional.empty(), 2))
        .isEqualTo(even.subList(0, 2));
    assertThat(search(io.nobill.core.org.OrganizationQuery.nameContains("even"), Optional.of(even.get(1)), 2))
        .isEqualTo(even.subList(2, 4));
    assertThat(search(io.nobill.core.org.OrganizationQuery.country("FR"), Optional.empty(), 10))
        .isEqualTo(created.subList(0, 3));
    assertThat(search(io.nobill.core.org.OrganizationQuery.nameContains("odd").inCountry("DE"), Optional.empty(), 10))
        .isEqualTo(List.of(created.get(3), created.get(5)));
    assertThat(search(io.nobill.core.org.OrganizationQuery.externalRef("host-5"), Optional.empty(), 10))
        .containsExactly(created.get(5));
    assertThat(search(io.nobill.core.org.OrganizationQuery.ALL, Optional.empty(), 10)).isEqualTo(created);
    assertThatThrownBy(() -> search(io.nobill.core.org.OrganizationQuery.ALL, Optional.empty(), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    assertThatThrownBy(() -> search(io.nobill.core.org.OrganizationQuery.ALL, Optional.empty(),
        PlatformTransaction.MAX_PAGE + 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
  }

  /**
   * An external reference is unique in the store, though another tenant's row is invisible to
   * the transaction that collides with it; the collision leaves that transaction usable.
   */
  @Test
  void anExternalReferenceIsUniqueInTheStoreAndACollisionLeavesTheTransactionUsable() {
    OrgId first = ids.next(OrgId::of);
    OrgId second = ids.next(OrgId::of);
    store.inTenant(first, tx -> {
      tx.organization().insert(referenced(first, "First", "DE", Optional.of("host-1")));
      return null;
    });
    Organization stored = store.inTenant(second, tx -> {
      assertThatThrownBy(() -> tx.organization().insert(referenced(second, "Second", "DE", Optional.of("host-1"))))
          .isInstanceOf(ConflictException.class);
      tx.organization().insert(referenced(second, "Second", "DE", Optional.of("host-2")));
      assertThatThrownBy(() -> tx.organization().update(referenced(second, "Second", "DE", Optional.of("host-1"))))
          .isInstanceOf(ConflictException.class);
      tx.organization().update(referenced(second, "Second GmbH", "DE", Optional.of("host-2")));
      return tx.organization().find().orElseThrow();
    });
    assertThat(findOrganization(second)).contains(stored);
    assertThat(stored.name()).isEqualTo("Second GmbH");
    // Organizations without a reference never collide.
    for (int i = 0; i < 2; i++) {
      provision();
    }
    // A reference released in a transaction that rolls back stays taken.
    assertThatThrownBy(() -> store.inTenant(first, tx -> {
      tx.organization().update(referenced(first, "First", "DE", Optional.empty()));
      throw new IllegalStateException("rolled back");
    })).hasMessage("rolled back");
    assertThatThrownBy(() -> store.inTenant(second, tx -> {
      tx.organization().update(referenced(second, "Second", "DE", Optional.of("host-1")));
      return null;
    })).isInstanceOf(ConflictException.class);
    assertThat(findOrganization(first).orElseThrow().externalRef()).contains("host-1");
  }

  @Test
  void thePlatformScopeRejectsAPageSizeOutOfRange() {
    assertThatThrownBy(() -> store.inPlatform(tx -> tx.organizations(Optional.empty(), 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    assertThatThrownBy(() -> store.inPlatform(tx -> tx.organizations(Optional.empty(), PlatformTransaction.MAX_PAGE + 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
  }

  /**
   * The platform scope's API returns ids and nothing else, so tenant data cannot be read
   * across tenants through it. This checks the interface every store implements.
   */
  @Test
  void thePlatformScopeSeesIdsOnly() {
    for (Method method : PlatformTransaction.class.getMethods()) {
      assertThat(returnsIdsOnly(method.getGenericReturnType()))
          .as("PlatformTransaction.%s returns %s", method.getName(), method.getGenericReturnType())
          .isTrue();
    }
  }

  private static boolean returnsIdsOnly(Type type) {
    if (type instanceof Class<?> c) {
      return TypedId.class.isAssignableFrom(c) || c == int.class || c == long.class || c == boolean.class;
    }
    if (type instanceof ParameterizedType p) {
      Type raw = p.getRawType();
      boolean container = raw == List.class || raw == Optional.class || raw == java.util.Map.Entry.class;
      if (!container) {
        return false;
      }
      for (Type arg : p.getActualTypeArguments()) {
        if (!returnsIdsOnly(arg)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  @Test
  void transactionsDoNotNest() {
    OrgId org = provision();
    assertThatThrownBy(() -> store.inTenant(org, tx -> findOrganization(org)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("nest");
    assertThatThrownBy(() -> store.inTenant(org, tx -> store.inPlatform(p -> p.organizations(Optional.empty(), 1))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("nest");
    assertThatThrownBy(() -> store.inPlatform(p -> findOrganization(org)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("nest");
    // The failed attempts left the store usable.
    assertThat(findOrganization(org)).isPresent();
  }

  @Test
  void aTransactionCannotBeUsedAfterItsWorkReturned() {
    OrgId org = provision();
    TenantTransaction leaked = store.inTenant(org, tx -> tx);
    assertThatThrownBy(() -> leaked.organization().find()).isInstanceOf(IllegalStateException.class);
    AtomicReference<PlatformTransaction> platform = new AtomicReference<>();
    store.inPlatform(tx -> {
      platform.set(tx);
      return null;
    });
    assertThatThrownBy(() -> platform.get().organizations(Optional.empty(), 1))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void concurrentProvisioningLosesNothing() throws Exception {
    int threads = 4;
    int perThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<OrgId>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Callable<List<OrgId>> task = () -> {
          List<OrgId> mine = new ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            mine.add(provision());
          }
          return mine;
        };
        futures.add(pool.submit(task));
      }
      List<OrgId> all = new ArrayList<>();
      for (Future<List<OrgId>> f : futures) {
        all.addAll(f.get());
      }
      List<OrgId> listed = listOrganizations(Optional.empty(), PlatformTransaction.MAX_PAGE);
      assertThat(listed).containsExactlyInAnyOrderElementsOf(all).hasSize(threads * perThread);
      for (OrgId org : all) {
        assertThat(findOrganization(org).orElseThrow().id()).isEqualTo(org);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void nullArgumentsAreRejectedByName() {
    assertThatThrownBy(() -> store.inTenant(null, tx -> null)).isInstanceOf(NullPointerException.class).hasMessage("org");
    assertThatThrownBy(() -> store.inTenant(ids.next(OrgId::of), null)).isInstanceOf(NullPointerException.class).hasMessage("work");
    assertThatThrownBy(() -> store.inPlatform(null)).isInstanceOf(NullPointerException.class).hasMessage("work");
  }
}
