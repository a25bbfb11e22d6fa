package io.nobill.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.PlanRef;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.SubscriptionId;
import io.nobill.core.invoice.BillTo;
import io.nobill.core.invoice.CollectionState;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.internal.invoice.InvoiceCalculation;
import io.nobill.core.invoice.InvoiceRequest;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.invoice.RevenueSchedule;
import io.nobill.core.money.Money;
import io.nobill.core.rating.ProrationItem;
import io.nobill.core.rating.Rating;
import io.nobill.core.rating.RatingInput;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.spi.TenantTransaction;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.subscription.BillingSchedule;
import io.nobill.core.subscription.PaymentMethodRecord;
import io.nobill.core.subscription.Subscription;
import io.nobill.core.subscription.SubscriptionStatus;
import io.nobill.core.tax.regional.RegionalTaxTable;
import io.nobill.core.tax.TaxBehavior;
import io.nobill.core.tax.TaxProfile;
import io.nobill.core.testkit.TestOrganizations;
import io.nobill.jdbc.testkit.TestDatabases;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The invoice and subscription repositories and the platform sweeps over them, replayed on the
 * in-memory store and on the database: every result and every failure (class and message) must
 * be the same. Ids straddle the sign bit of both UUID halves, so an order that compared them
 * as signed numbers would show.
 */
class JdbcInvoiceAndSubscriptionStorageTest {
  private static final Plan PRO = SeedCatalog.create("EUR").latest("pro").orElseThrow();
  private static final Period FEB = new Period(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"));
  private static final TaxCalculator TAXES = RegionalTaxTable.builder().sellerCountry("DE").build();
  private static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");
  private static final OrgId ORG_LOW = OrgId.of(UUID.fromString("00000000-0000-0000-0000-000000000001"));
  private static final OrgId ORG_HIGH = OrgId.of(UUID.fromString("f0000000-0000-0000-0000-000000000001"));
  private static final OrgId ORG_MID = OrgId.of(UUID.fromString("80000000-0000-0000-0000-000000000001"));
  /** An organization whose rows exist but which was never provisioned. */
  private static final OrgId ORG_GHOST = OrgId.of(UUID.fromString("40000000-0000-0000-0000-000000000001"));
  private static final List<UUID> SPREAD = List.of(
      UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"),
      UUID.fromString("00000000-0000-0000-0000-000000000002"),
      UUID.fromString("80000000-0000-0000-0000-000000000000"),
      UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff"),
      UUID.fromString("00000000-0000-0000-8000-000000000000"),
      UUID.fromString("00000000-0000-0000-7fff-ffffffffffff"),
      UUID.fromString("c0000000-0000-0000-0000-000000000000"));

  private final TestDatabases databases = new TestDatabases();

  @AfterEach
  void closeStores() {
    databases.closeAll();
  }

  @Nested
  class OnH2 extends Scenarios {
    @Override
    BillingStore newStore() {
      return databases.newStore(TestDatabases.Kind.H2);
    }
  }

  @Nested
  class OnPostgres extends Scenarios {
    @Override
    BillingStore newStore() {
      return databases.newStore(TestDatabases.Kind.POSTGRESQL);
    }
  }

  abstract static class Scenarios {
    abstract BillingStore newStore();

    /** Runs {@code scenario} on a fresh in-memory store and a fresh database; both logs must match. */
    private void sameOnBoth(Consumer<Log> scenario) {
      Log memory = new Log(InMemoryBillingStore.create());
      scenario.accept(memory);
      Log database = new Log(newStore());
      scenario.accept(database);
      assertThat(memory.lines).isNotEmpty();
      assertThat(database.lines).containsExactlyElementsOf(memory.lines);
    }

    @Test
    void invoicesInsertFindUpdateAndListLikeTheInMemoryStore() {
      sameOnBoth(log -> {
        log.provision(ORG_LOW, ORG_MID);
        List<Invoice> drafts = new ArrayList<>();
        for (UUID id : SPREAD) {
          drafts.add(log.tenant(ORG_LOW, tx -> {
            Invoice draft = log.draft(tx, InvoiceId.of(id));
            tx.invoices().insert(draft);
            return draft;
          }));
        }
        log.tenant(ORG_LOW, tx -> tx.invoices().find(drafts.get(2).id()).map(i -> i.equals(drafts.get(2))));
        log.tenant(ORG_MID, tx -> tx.invoices().find(drafts.get(2).id()));
        log.tenant(ORG_LOW, tx -> {
          tx.invoices().insert(drafts.get(0));
          return null;
        });
        log.tenant(ORG_MID, tx -> {
          tx.invoices().insert(drafts.get(0));
          return null;
        });
        // Open two of them, then try stale, future and unknown versions.
        for (int i : new int[] {1, 3}) {
          log.tenant(ORG_LOW, tx -> {
            tx.invoices().update(open(drafts.get(i), "ACME-00000" + i, 1));
            return null;
          });
        }
        log.tenant(ORG_LOW, tx -> {
          tx.invoices().update(open(drafts.get(1), "ACME-000001", 1));
          return null;
        });
        log.tenant(ORG_LOW, tx -> {
          tx.invoices().update(open(drafts.get(4), "ACME-000004", 5));
          return null;
        });
        log.tenant(ORG_LOW, tx -> {
          tx.invoices().update(withId(drafts.get(4), InvoiceId.of(UUID.fromString("12345678-0000-0000-0000-000000000000"))));
          return null;
        });
        log.tenant(ORG_MID, tx -> {
          tx.invoices().update(open(drafts.get(5), "ACME-000005", 1));
          return null;
        });
        log.tenant(ORG_LOW, tx -> tx.invoices().find(drafts.get(3).id()).orElseThrow().number());
        for (Optional<InvoiceStatus> status : List.of(Optional.<InvoiceStatus>empty(), Optional.of(InvoiceStatus.DRAFT),
            Optional.of(InvoiceStatus.OPEN), Optional.of(InvoiceStatus.PAID))) {
          for (int limit : new int[] {1, 2, 3, 100}) {
            log.tenant(ORG_LOW, tx -> ids(tx.invoices().list(status, Optional.empty(), limit)));
            for (Invoice after : drafts) {
              log.tenant(ORG_LOW, tx -> ids(tx.invoices().list(status, Optional.of(after.id()), limit)));
            }
          }
        }
        log.tenant(ORG_LOW, tx -> tx.invoices().list(Optional.empty(), Optional.of(InvoiceId.of(new UUID(0, 3))), 100).size());
        log.tenant(ORG_MID, tx -> tx.invoices().list(Optional.empty(), Optional.empty(), 100));
        log.tenant(ORG_LOW, tx -> tx.invoices().list(Optional.empty(), Optional.empty(), 0));
        log.tenant(ORG_LOW, tx -> tx.invoices().list(Optional.empty(), Optional.empty(), 10_001));
        // A work that fails leaves nothing behind.
        log.tenant(ORG_LOW, tx -> {
          tx.invoices().insert(withId(drafts.get(0), InvoiceId.of(new UUID(1, 1))));
          tx.invoices().update(open(drafts.get(0), "ACME-000009", 1));
          throw new IllegalStateException("crash");
        });
        log.tenant(ORG_LOW, tx -> ids(tx.invoices().list(Optional.empty(), Optional.empty(), 100)));
        log.tenant(ORG_LOW, tx -> tx.invoices().find(drafts.get(0).id()).orElseThrow().status());
      });
    }

    @Test
    void countersAreSharedByTenantsGapFreeAndRollBack() {
      sameOnBoth(log -> {
        log.provision(ORG_LOW, ORG_MID);
        log.tenant(ORG_LOW, tx -> tx.numbering().next("bad counter"));
        log.tenant(ORG_LOW, tx -> tx.numbering().next(""));
        log.tenant(ORG_LOW, tx -> tx.numbering().next("invoice/2026"));
        log.tenant(ORG_LOW, tx -> List.of(tx.numbering().next("invoice/2026"), tx.numbering().next("credit-note/2026")));
        log.tenant(ORG_LOW, tx -> {
          tx.numbering().next("invoice/2026");
          throw new IllegalStateException("crash after numbering");
        });
        log.tenant(ORG_MID, tx -> tx.numbering().next("invoice/2026"));
        log.tenant(ORG_MID, tx -> {
          tx.numbering().next("invoice/2027");
          throw new IllegalStateException("crash on the first number");
        });
        log.tenant(ORG_MID, tx -> tx.numbering().next("invoice/2027"));
        log.tenant(ORG_LOW, tx -> tx.numbering().next("credit-note/2026"));
      });
    }

    @Test
    void collectionsAndRevenueSchedulesAndTheirSweeps() {
      sameOnBoth(log -> {
        log.provision(ORG_HIGH, ORG_LOW, ORG_MID);
        Map<OrgId, List<Invoice>> invoices = new java.util.LinkedHashMap<>();
        for (OrgId org : List.of(ORG_HIGH, ORG_LOW, ORG_MID, ORG_GHOST)) {
          invoices.put(org, new ArrayList<>());
          for (UUID id : SPREAD.subList(0, 3)) {
            invoices.get(org).add(log.tenant(org, tx -> {
              Invoice draft = log.draft(tx, InvoiceId.of(id));
              tx.invoices().insert(draft);
              return draft;
            }));
          }
        }
        log.tenant(ORG_LOW, tx -> tx.invoices().collection(invoices.get(ORG_LOW).get(0).id()));
        log.tenant(ORG_LOW, tx -> {
          tx.invoices().setCollection(CollectionState.due(InvoiceId.of(new UUID(9, 9)), Optional.empty(), T0));
          return null;
        });
        log.tenant(ORG_LOW, tx -> {
          tx.invoices().setRevenueSchedule(schedule(InvoiceId.of(new UUID(9, 9)), "0.00"));
          return null;
        });
        // Collections: one due per organization at T0, one due later, one with nothing due.
        for (OrgId org : invoices.keySet()) {
          List<Invoice> mine = invoices.get(org);
          log.tenant(org, tx -> {
            tx.invoices().setCollection(CollectionState.due(mine.get(0).id(), Optional.of(SubscriptionId.of(new UUID(5, 5))), T0));
            tx.invoices().setCollection(CollectionState.due(mine.get(1).id(), Optional.empty(), T0.plusSeconds(3600)));
            tx.invoices().setCollection(new CollectionState(mine.get(2).id(), Optional.empty(), 3,
                Optional.of(T0.minusNanos(1)), Optional.empty(), Optional.of("card_declined")));
            return tx.invoices().collection(mine.get(2).id());
          });
        }
        for (Instant now : List.of(T0.minusNanos(1), T0, T0.plusSeconds(3599), T0.plusSeconds(3600))) {
          for (int limit : new int[] {1, 2, 5, 100}) {
            log.platform(tx -> tx.dueCollections(now, limit));
          }
        }
        // Claiming one moves it out of the sweep, as a lease does.
        log.tenant(ORG_MID, tx -> {
          CollectionState s = tx.invoices().collection(invoices.get(ORG_MID).get(0).id()).orElseThrow();
          tx.invoices().setCollection(new CollectionState(s.invoice(), s.subscription(), 1, s.firstFailureAt(),
              Optional.of(T0.plusSeconds(900)), s.lastFailure()));
          return tx.invoices().collection(s.invoice());
        });
        log.platform(tx -> tx.dueCollections(T0.plusSeconds(899), 100));
        log.platform(tx -> tx.dueCollections(T0, 0));

        // Revenue: open schedules in ORG_MID and ORG_HIGH (and the ghost), ORG_LOW complete.
        log.platform(tx -> tx.organizationsWithDeferredRevenue(100));
        for (OrgId org : invoices.keySet()) {
          List<Invoice> mine = invoices.get(org);
          boolean done = org.equals(ORG_LOW);
          log.tenant(org, tx -> {
            for (int i = 0; i < mine.size(); i++) {
              tx.invoices().setRevenueSchedule(schedule(mine.get(i).id(), done || i == 1 ? "85.00" : "10.00"));
            }
            return tx.invoices().openRevenueSchedules(100).stream().map(RevenueSchedule::invoice).toList();
          });
        }
        log.tenant(ORG_MID, tx -> tx.invoices().openRevenueSchedules(1));
        log.tenant(ORG_MID, tx -> tx.invoices().revenueSchedule(invoices.get(ORG_MID).get(1).id()));
        log.tenant(ORG_MID, tx -> tx.invoices().openRevenueSchedules(0));
        for (int limit : new int[] {1, 2, 100}) {
          log.platform(tx -> tx.organizationsWithDeferredRevenue(limit));
        }
        for (Invoice i : invoices.get(ORG_HIGH)) {
          log.tenant(ORG_HIGH, tx -> {
            tx.invoices().setRevenueSchedule(schedule(i.id(), "85.00"));
            return null;
          });
        }
        log.platform(tx -> tx.organizationsWithDeferredRevenue(100));
        log.tenant(ORG_MID, tx -> {
          tx.invoices().setRevenueSchedule(schedule(invoices.get(ORG_MID).get(0).id(), "85.00"));
          tx.invoices().setCollection(CollectionState.due(invoices.get(ORG_MID).get(1).id(), Optional.empty(), T0));
          throw new IllegalStateException("crash");
        });
        log.platform(tx -> tx.organizationsWithDeferredRevenue(100));
        log.platform(tx -> tx.dueCollections(T0, 100));
      });
    }

    @Test
    void subscriptionsStoreFindListAndUpdateLikeTheInMemoryStore() {
      sameOnBoth(log -> {
        log.provision(ORG_LOW, ORG_MID);
        List<Subscription> subs = new ArrayList<>();
        for (int i = 0; i < SPREAD.size(); i++) {
          Subscription s = subscription(ORG_LOW, SPREAD.get(i), "sub_" + i, SubscriptionStatus.ACTIVE, FEB, Optional.empty());
          subs.add(s);
          log.tenant(ORG_LOW, tx -> {
            tx.subscriptions().insert(s);
            return null;
          });
        }
        log.tenant(ORG_LOW, tx -> tx.subscriptions().list());
        log.tenant(ORG_MID, tx -> tx.subscriptions().list());
        log.tenant(ORG_LOW, tx -> tx.subscriptions().find(subs.get(3).id()));
        log.tenant(ORG_MID, tx -> tx.subscriptions().find(subs.get(3).id()));
        log.tenant(ORG_LOW, tx -> tx.subscriptions().findByProviderId("sub_4"));
        log.tenant(ORG_LOW, tx -> tx.subscriptions().findByProviderId("sub_99"));
        log.tenant(ORG_LOW, tx -> {
          tx.subscriptions().insert(subs.get(0));
          return null;
        });
        log.tenant(ORG_LOW, tx -> {
          tx.subscriptions().insert(subscription(ORG_LOW, new UUID(7, 7), "sub_2", SubscriptionStatus.ACTIVE, FEB,
              Optional.empty()));
          return null;
        });
        // The same provider id in another organization is another subscription.
        log.tenant(ORG_MID, tx -> {
          tx.subscriptions().insert(subs.get(0));
          return tx.subscriptions().list();
        });
        log.tenant(ORG_LOW, tx -> {
          tx.subscriptions().update(next(subs.get(2), SubscriptionStatus.PAST_DUE));
          return tx.subscriptions().find(subs.get(2).id());
        });
        log.tenant(ORG_LOW, tx -> {
          tx.subscriptions().update(next(subs.get(2), SubscriptionStatus.CANCELED));
          return null;
        });
        log.tenant(ORG_LOW, tx -> {
          tx.subscriptions().update(next(next(next(subs.get(5), SubscriptionStatus.ACTIVE), SubscriptionStatus.ACTIVE),
              SubscriptionStatus.ACTIVE));
          return null;
        });
        log.tenant(ORG_LOW, tx -> {
          tx.subscriptions().update(subscription(ORG_LOW, new UUID(8, 8), "sub_x", SubscriptionStatus.ACTIVE, FEB,
              Optional.empty()));
          return null;
        });
        log.tenant(ORG_LOW, tx -> {
          tx.subscriptions().insert(subscription(ORG_LOW, new UUID(6, 6), "sub_new", SubscriptionStatus.ACTIVE, FEB,
              Optional.empty()));
          tx.subscriptions().update(next(subs.get(1), SubscriptionStatus.UNPAID));
          throw new IllegalStateException("crash");
        });
        log.tenant(ORG_LOW, tx -> tx.subscriptions().list());

        // The payment method on file and the billing schedules.
        log.tenant(ORG_LOW, tx -> tx.subscriptions().paymentMethod());
        log.tenant(ORG_LOW, tx -> {
          tx.subscriptions().setPaymentMethod(new PaymentMethodRecord(Optional.of("pm_1"), T0, "evt_1"));
          tx.subscriptions().setPaymentMethod(new PaymentMethodRecord(Optional.of("pm_2"), T0.plusNanos(1), "evt_2"));
          return tx.subscriptions().paymentMethod();
        });
        log.tenant(ORG_MID, tx -> tx.subscriptions().paymentMethod());
        log.tenant(ORG_LOW, tx -> {
          tx.subscriptions().setPaymentMethod(new PaymentMethodRecord(Optional.empty(), T0.plusNanos(2), "evt_3"));
          throw new IllegalStateException("crash");
        });
        log.tenant(ORG_LOW, tx -> tx.subscriptions().paymentMethod());
        log.tenant(ORG_LOW, tx -> tx.subscriptions().schedule(subs.get(0).id()));
        log.tenant(ORG_LOW, tx -> tx.subscriptions().schedule(SubscriptionId.of(new UUID(3, 3))));
        BillingSchedule schedule = BillingSchedule.empty(subs.get(0).id())
            .withPendingProrations(List.of(new ProrationItem("Seats 3 → 5", Optional.of("seats"),
                new Period(T0.plusSeconds(86_400), FEB.end()), new BigDecimal("2.000"), Money.ofMajor("-12.34", "EUR"))))
            .withScheduledPlan(Optional.of(new PlanRef("pro", 2)))
            .withDiscountsApplied(Map.of("welcome", 2, "loyal", 1))
            .withAnchor(T0.plusNanos(123));
        log.tenant(ORG_LOW, tx -> {
          tx.subscriptions().setSchedule(schedule);
          return tx.subscriptions().schedule(subs.get(0).id()).equals(schedule);
        });
        log.tenant(ORG_LOW, tx -> {
          tx.subscriptions().setSchedule(schedule.withPendingProrations(List.of()));
          return tx.subscriptions().schedule(subs.get(0).id());
        });
        log.tenant(ORG_MID, tx -> tx.subscriptions().schedule(subs.get(0).id()));
        log.tenant(ORG_LOW, tx -> {
          tx.subscriptions().setSchedule(schedule);
          throw new IllegalStateException("crash");
        });
        log.tenant(ORG_LOW, tx -> tx.subscriptions().schedule(subs.get(0).id()));
      });
    }

    @Test
    void dueSubscriptionsFollowTheInMemoryRule() {
      sameOnBoth(log -> {
        log.provision(ORG_HIGH, ORG_MID, ORG_LOW);
        Instant trialEnd = T0.plus(Duration.ofDays(14));
        for (OrgId org : List.of(ORG_HIGH, ORG_MID, ORG_LOW, ORG_GHOST)) {
          int n = 0;
          for (SubscriptionStatus status : SubscriptionStatus.values()) {
            for (Optional<Instant> trial : List.of(Optional.<Instant>empty(), Optional.of(trialEnd))) {
              UUID id = SPREAD.get(n % SPREAD.size());
              Subscription s = subscription(org, new UUID(id.getMostSignificantBits(), n), "sub_" + n, status,
                  new Period(T0, T0.plus(Duration.ofDays(n % 2 == 0 ? 7 : 28))), trial);
              n++;
              log.tenant(org, tx -> {
                tx.subscriptions().insert(s);
                return null;
              });
            }
          }
        }
        for (Instant now : List.of(T0, T0.plus(Duration.ofDays(7)).minusNanos(1), T0.plus(Duration.ofDays(7)),
            T0.plus(Duration.ofDays(13)), trialEnd, T0.plus(Duration.ofDays(28)))) {
          for (Duration notice : List.of(Duration.ZERO, Duration.ofDays(3), Duration.ofDays(1).negated(),
              Duration.ofDays(365 * 1000))) {
            for (int limit : new int[] {1, 3, 10, 100}) {
              log.platform(tx -> tx.dueSubscriptions(now, notice, limit));
            }
          }
        }
        // Renewing one moves its period end, so it is no longer due.
        log.tenant(ORG_MID, tx -> {
          Subscription s = tx.subscriptions().list().stream().filter(x -> x.status() == SubscriptionStatus.ACTIVE)
              .findFirst().orElseThrow();
          tx.subscriptions().update(new Subscription(s.id(), s.org(), s.providerId(), s.plan(), s.seats(), s.status(),
              new Period(s.currentPeriod().end(), s.currentPeriod().end().plus(Duration.ofDays(28))), s.trialEnd(),
              s.cancelAtPeriodEnd(), s.canceledAt(), s.endedAt(), s.lastChangeAt(), s.lastChangeEvent(), s.version() + 1));
          return s.id();
        });
        log.platform(tx -> tx.dueSubscriptions(T0.plus(Duration.ofDays(28)), Duration.ZERO, 100));
        log.platform(tx -> tx.dueSubscriptions(T0, Duration.ZERO, 0));
      });
    }

    // ---- fixtures --------------------------------------------------------------------------

    private static Invoice withId(Invoice i, InvoiceId id) {
      return new Invoice(id, i.org(), i.number(), i.status(), i.currency(), i.plan(), i.period(), i.billTo(), i.lines(),
          i.taxBehavior(), i.taxLines(), i.subtotal(), i.discountTotal(), i.taxTotal(), i.total(), i.creditApplied(),
          i.amountDue(), i.daysUntilDue(), i.createdAt(), i.finalizedAt(), i.dueAt(), i.paidAt(), i.closedAt(), i.version());
    }

    /** The invoice opened as {@code number}, {@code steps} versions on. */
    private static Invoice open(Invoice i, String number, int steps) {
      return new Invoice(i.id(), i.org(), Optional.of(number), InvoiceStatus.OPEN, i.currency(), i.plan(), i.period(),
          i.billTo(), i.lines(), i.taxBehavior(), i.taxLines(), i.subtotal(), i.discountTotal(), i.taxTotal(), i.total(),
          i.creditApplied(), i.amountDue(), i.daysUntilDue(), i.createdAt(), Optional.of(T0.plusNanos(7)),
          Optional.of(T0.plus(Duration.ofDays(14))), Optional.empty(), Optional.empty(), i.version() + steps);
    }

    private static RevenueSchedule schedule(InvoiceId invoice, String recognized) {
      return new RevenueSchedule(invoice, Money.ofMajor("85.00", "EUR"), FEB, Money.ofMajor(recognized, "EUR"),
          T0.plusSeconds(86_400));
    }

    private static Subscription subscription(OrgId org, UUID id, String providerId, SubscriptionStatus status,
        Period period, Optional<Instant> trialEnd) {
      return new Subscription(SubscriptionId.of(id), org, providerId, PRO.ref(), 3, status, period, trialEnd, false,
          Optional.empty(), status == SubscriptionStatus.CANCELED ? Optional.of(T0) : Optional.empty(), T0, "evt_0", 1);
    }

    private static Subscription next(Subscription s, SubscriptionStatus status) {
      return new Subscription(s.id(), s.org(), s.providerId(), s.plan(), s.seats(), status, s.currentPeriod(), s.trialEnd(),
          s.cancelAtPeriodEnd(), s.canceledAt(), status == SubscriptionStatus.CANCELED ? Optional.of(T0) : s.endedAt(),
          s.lastChangeAt().plusNanos(1), s.lastChangeEvent() + "'", s.version() + 1);
    }

    private static List<InvoiceId> ids(List<Invoice> invoices) {
      return invoices.stream().map(Invoice::id).toList();
    }
  }

  /** One store and what the scenario saw on it: each result, or the failure's class and message. */
  private static final class Log {
    final BillingStore store;
    final List<String> lines = new ArrayList<>();

    Log(BillingStore store) {
      this.store = store;
    }

    void provision(OrgId... orgs) {
      for (OrgId org : orgs) {
        store.inTenant(org, tx -> {
          tx.organization().insert(TestOrganizations.named(org, "Acme GmbH"));
          return null;
        });
      }
    }

    /** A valid draft for the transaction's organization, not stored. */
    Invoice draft(TenantTransaction tx, InvoiceId id) {
      InvoiceRequest request = new InvoiceRequest(Rating.rate(RatingInput.advanceOnly(PRO, PricingOverrides.NONE, FEB, 3)),
          Optional.of(PRO.ref()), TaxProfile.consumer("DE"), TaxBehavior.EXCLUSIVE, 14);
      return InvoiceCalculation.draft(id, tx.org(), BillTo.of(tx.organization().find().orElse(
          TestOrganizations.named(tx.org(), "Ghost"))), request, TAXES, T0);
    }

    <T> T tenant(OrgId org, Function<TenantTransaction, T> work) {
      try {
        T result = store.inTenant(org, work::apply);
        lines.add(String.valueOf(result));
        return result;
      } catch (RuntimeException e) {
        lines.add(e.getClass().getSimpleName() + ": " + e.getMessage());
        return null;
      }
    }

    <T> void platform(Function<io.nobill.core.spi.PlatformTransaction, T> work) {
      try {
        lines.add(String.valueOf(store.inPlatform(work::apply)));
      } catch (RuntimeException e) {
        lines.add(e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
  }
}
