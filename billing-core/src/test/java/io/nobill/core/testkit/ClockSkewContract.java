package io.nobill.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.access.Actor;
import io.nobill.core.Billing;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.audit.AuditQuery;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.event.ProviderEvent;
import io.nobill.core.event.ProviderEvents;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.rating.ProrationBehavior;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.payment.SimulatedCardCollector;
import io.nobill.core.subscription.Subscription;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.subscription.SubscriptionStatus;
import io.nobill.core.tax.regional.RegionalTaxTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Instances whose clocks disagree: a period is invoiced and charged at most once, whichever
 * instance renews it, whatever the order of their stamps. Correctness rests on the store's
 * unique invoice key and on engine changes that stop when they were not applied, not on clocks.
 */
public abstract class ClockSkewContract {
  private static final Actor JOB = Actor.job("test");
  private static final Actor OPERATOR = Actor.operator("ops@nobill.example");

  private final BillingStore store = newStore();
  private final TestClock base = TestClock.at("2026-01-01T09:00:00Z");
  private final IdGenerator ids = IdGenerator.timeOrdered(base);

  protected abstract BillingStore newStore();

  /** An instance whose clock reads {@code skew} away from the shared base clock. */
  private Billing instance(Duration skew) {
    return Billing.builder().store(store).catalog(SeedCatalog.create("EUR"))
        .taxCalculator(RegionalTaxTable.builder().sellerCountry("DE").build())
        .subscriptions(SubscriptionSettings.defaults(SeedCatalog.PRO)).paymentCollector(new SimulatedCardCollector())
        .clock(Clock.offset(base, skew)).idGenerator(ids).build();
  }

  private static OrgId provision(Billing billing, String name, UserId owner) {
    OrgId org = billing.organizations().provision(Actor.member(owner), new NewOrganization(Optional.empty(), name,
        "billing@" + name.toLowerCase(Locale.ROOT).replace(' ', '-') + ".example", "DE", Optional.empty(),
        Money.currency("EUR"), Locale.GERMANY, owner)).id();
    billing.subscriptions().attachPaymentMethod(Actor.member(owner), org, "pm_card_visa");
    return org;
  }

  private static List<Invoice> invoices(Billing billing, OrgId org) {
    return billing.invoices().list(JOB, org, Optional.empty(), Optional.empty(), 1000);
  }

  @Test
  void aTrialConvertedByAnInstanceWhoseClockIsBehindTheLastChangeIsInvoicedAndChargedOnce() {
    Billing ahead = instance(Duration.ofMinutes(5));
    Billing behind = instance(Duration.ZERO);
    UserId owner = ahead.ids().next(UserId::of);
    OrgId org = provision(behind, "Skewed GmbH", owner);
    Instant trialEnd = behind.subscriptions().current(JOB, org).orElseThrow().trialEnd().orElseThrow();

    // Just after the trial ended, the instance five minutes ahead stamps a change of seats...
    base.set(trialEnd.plusSeconds(1));
    ahead.subscriptions().changeSeats(Actor.member(owner), org, 2, ProrationBehavior.CREATE_PRORATIONS);
    // ...and the instance on time converts the trial, again and again within those minutes.
    for (int i = 0; i < 5; i++) {
      behind.work().runDue();
      base.advance(Duration.ofMinutes(1));
    }
    ahead.work().runDue();
    behind.work().runDue();

    List<Invoice> invoices = invoices(behind, org);
    assertThat(invoices).singleElement().satisfies(i -> {
      assertThat(i.status()).isEqualTo(InvoiceStatus.PAID);
      assertThat(i.period().start()).isEqualTo(trialEnd);
    });
    Subscription sub = behind.subscriptions().current(JOB, org).orElseThrow();
    assertThat(sub.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(sub.seats()).isEqualTo(2);
    assertThat(sub.currentPeriod().start()).isEqualTo(trialEnd);
    // Charged once: the cash collected is the one invoice's total.
    assertThat(behind.ledger().trialBalance(JOB, org).net(AccountCode.CASH_CLEARING, Money.currency("EUR")))
        .isEqualTo(invoices.get(0).amountDue());
    assertThat(behind.ledger().trialBalance(JOB, org).isBalanced()).isTrue();
  }

  @Test
  void aYearOfRenewalsOnTwoInstancesTenMinutesApartInvoicesEveryPeriodOnce() {
    Billing ahead = instance(Duration.ofMinutes(5));
    Billing behind = instance(Duration.ofMinutes(-5));
    List<Billing> instances = List.of(ahead, behind);
    List<UserId> owners = new ArrayList<>();
    List<OrgId> orgs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      UserId owner = ahead.ids().next(UserId::of);
      owners.add(owner);
      orgs.add(provision(instances.get(i % 2), "Org " + i, owner));
    }
    Random random = new Random(13);
    Instant end = Instant.parse("2027-01-01T00:00:00Z");
    while (base.instant().isBefore(end)) {
      // Each instance runs its scheduler every few hours, at times that straddle period ends.
      base.advance(Duration.ofMinutes(60 + random.nextInt(6 * 60)));
      int first = random.nextInt(2);
      instances.get(first).work().runDue();
      instances.get(1 - first).work().runDue();
      // The second organization changes seats now and then, through either instance.
      if (random.nextInt(20) == 0) {
        Billing via = instances.get(random.nextInt(2));
        Subscription sub = via.subscriptions().current(JOB, orgs.get(1)).orElseThrow();
        if (sub.status() == SubscriptionStatus.ACTIVE || sub.status() == SubscriptionStatus.TRIALING) {
          via.subscriptions().changeSeats(Actor.member(owners.get(1)), orgs.get(1), 1 + random.nextInt(5),
              ProrationBehavior.CREATE_PRORATIONS);
        }
      }
    }

    for (OrgId org : orgs) {
      List<Invoice> invoices = invoices(ahead, org);
      Subscription sub = ahead.subscriptions().current(JOB, org).orElseThrow();
      assertThat(sub.status()).isEqualTo(SubscriptionStatus.ACTIVE);
      // A period starts on the 15th of each month from the trial's end: twelve in the year, each
      // invoiced once, each a different period.
      Set<Instant> starts = new HashSet<>();
      for (Invoice invoice : invoices) {
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
        Instant latestEnd = invoice.lines().stream().map(l -> l.period().end()).max(Instant::compareTo).orElseThrow();
        assertThat(starts.add(latestEnd)).as("period ending %s invoiced once", latestEnd).isTrue();
      }
      assertThat(invoices).hasSize(12);
      Money paid = invoices.stream().map(Invoice::amountDue).reduce(Money.zero(Money.currency("EUR")), Money::plus);
      assertThat(ahead.ledger().trialBalance(JOB, org).net(AccountCode.CASH_CLEARING, Money.currency("EUR")))
          .isEqualTo(paid);
      assertThat(ahead.ledger().trialBalance(JOB, org).isBalanced()).isTrue();
      assertThat(ahead.audit().verify(OPERATOR, org).intact()).isTrue();
    }
  }

  @Test
  void anEventStampedFarAheadOfTheClockIsRefusedAndChangesNothing() {
    Billing billing = instance(Duration.ZERO);
    UserId owner = billing.ids().next(UserId::of);
    OrgId org = provision(billing, "Future GmbH", owner);
    Subscription before = billing.subscriptions().current(JOB, org).orElseThrow();
    long entries = billing.audit().query(OPERATOR, org, AuditQuery.ALL, 0, 1000).size();
    Instant farAhead = base.instant().plus(ProviderEvents.MAX_CLOCK_AHEAD).plusNanos(1);

    ProviderEvent event = new ProviderEvent.SubscriptionSnapshot("evt_future", org, before.providerId(), farAhead,
        SubscriptionStatus.CANCELED, before.plan(), before.seats(), before.currentPeriod(), before.trialEnd(), false);
    assertThatThrownBy(() -> billing.apply(Actor.provider("stripe"), event))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("occurredAt"));
    // A host's own authority handing the event in as a job is outside NOBill too.
    assertThatThrownBy(() -> billing.apply(Actor.job("host-authority"), event))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("occurredAt"));
    assertThat(billing.subscriptions().current(JOB, org).orElseThrow()).isEqualTo(before);
    assertThat(billing.audit().query(OPERATOR, org, AuditQuery.ALL, 0, 1000)).hasSize((int) entries);

    // At the limit it is accepted: clocks may disagree by minutes.
    ProviderEvent atLimit = new ProviderEvent.SubscriptionSnapshot("evt_soon", org, before.providerId(),
        base.instant().plus(ProviderEvents.MAX_CLOCK_AHEAD), SubscriptionStatus.TRIALING, before.plan(), 3,
        before.currentPeriod(), before.trialEnd(), false);
    billing.apply(Actor.provider("stripe"), atLimit);
    assertThat(billing.subscriptions().current(JOB, org).orElseThrow().seats()).isEqualTo(3);
    // A member's change made on the clock right after is still applied, not ignored as older.
    billing.subscriptions().changeSeats(Actor.member(owner), org, 4, ProrationBehavior.CREATE_PRORATIONS);
    assertThat(billing.subscriptions().current(JOB, org).orElseThrow().seats()).isEqualTo(4);
  }
}
