package io.nobill.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.Billing;
import io.nobill.core.access.Actor;
import io.nobill.core.catalog.Aggregation;
import io.nobill.core.catalog.Catalog;
import io.nobill.core.catalog.Meter;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.PricingModel;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceLine;
import io.nobill.core.invoice.LineKind;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.payment.SimulatedCardCollector;
import io.nobill.core.rating.ProrationBehavior;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.subscription.SubscribeRequest;
import io.nobill.core.subscription.Subscriptions;
import io.nobill.core.usage.UsageEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plan changed in the middle of a period: the usage before the change is rated on the old
 * plan's prices, the usage after it on the new plan's, on one invoice at the period end — as
 * Stripe bills metered usage when a subscription item's price changes during a billing period
 * ("Manage your usage-based billing setup", https://docs.stripe.com/billing/subscriptions/usage-based/manage-billing-setup:
 * usage before the change is billed at the old price, usage after it at the new one).
 *
 * <p>Usage is kept as hourly rollups, so the split is at the end of the hour containing the
 * change: usage in that hour is rated on the old plan.
 */
public abstract class UsageSplitContract {
  private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
  private static final Instant CHANGE = Instant.parse("2026-04-10T10:30:00Z");
  private static final Instant SPLIT = Instant.parse("2026-04-10T11:00:00Z");
  private static final Instant MAY = Instant.parse("2026-05-01T00:00:00Z");
  private static final Actor METERING = Actor.job("metering");

  protected abstract BillingStore newStore();

  private final TestClock clock = TestClock.at(T0.toString());
  private Billing billing;
  private Actor owner;
  private OrgId acme;
  private int events;

  /** Basic: EUR 10.00 a month and EUR 0.10 a call. Premium: EUR 30.00 a month and EUR 0.04 a call. */
  private static Catalog catalog() {
    return Catalog.builder().meter(new Meter("calls", "API calls", "call", Aggregation.SUM))
        .plan(Plan.builder("basic", 1).name("Basic").currency("EUR").monthly()
            .flatFee("base", "Basic fee", Money.ofMajor("10.00", "EUR"))
            .metered("calls", "API calls", "calls", PricingModel.perUnit("10")).build())
        .plan(Plan.builder("premium", 1).name("Premium").currency("EUR").monthly()
            .flatFee("base", "Premium fee", Money.ofMajor("30.00", "EUR"))
            .metered("calls", "API calls", "calls", PricingModel.perUnit("4")).build())
        .build();
  }

  @BeforeEach
  void aBasicSubscriptionFromApril() {
    billing = Billing.builder().store(newStore()).catalog(catalog()).taxCalculator(TaxCalculator.NONE)
        .paymentCollector(new SimulatedCardCollector()).clock(clock).idGenerator(IdGenerator.sequential()).build();
    UserId user = billing.ids().next(UserId::of);
    owner = Actor.member(user);
    acme = billing.organizations().provision(owner, new NewOrganization(Optional.empty(), "Acme", "billing@acme.example",
        "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, user)).id();
    billing.subscriptions().subscribe(owner, acme, SubscribeRequest.plan("basic").paymentMethod("pm_card_visa"));
  }

  private void use(Instant at, int calls) {
    clock.set(at);
    billing.usage().record(METERING, acme, UsageEvent.of("calls", "e" + (events++), at, BigDecimal.valueOf(calls)));
  }

  private List<InvoiceLine> usageLines(Invoice invoice) {
    return invoice.lines().stream().filter(l -> l.kind() == LineKind.USAGE)
        .sorted(Comparator.comparing((InvoiceLine l) -> l.period().start())).toList();
  }

  private Invoice latest() {
    return billing.invoices().list(owner, acme, Optional.empty(), Optional.empty(), 100).stream()
        .max(Comparator.comparing(Invoice::createdAt)).orElseThrow();
  }

  @Test
  void usageBeforeAnUpgradeIsBilledAtTheOldPriceAndAfterItAtTheNew() {
    use(Instant.parse("2026-04-05T12:00:00Z"), 100);
    clock.set(CHANGE);
    billing.subscriptions().changePlan(owner, acme, "premium", Subscriptions.ChangeTiming.NOW, ProrationBehavior.NONE);
    use(Instant.parse("2026-04-10T10:45:00Z"), 20); // the change's hour: still Basic's
    use(Instant.parse("2026-04-20T08:00:00Z"), 200);

    clock.set(Instant.parse("2026-04-30T12:00:00Z"));
    Invoice upcoming = billing.subscriptions().upcoming(owner, acme).orElseThrow();
    List<InvoiceLine> previewed = usageLines(upcoming);
    assertThat(previewed).hasSize(2);
    assertThat(previewed.get(0).description()).isEqualTo("API calls (Basic)");
    assertThat(previewed.get(0).period()).isEqualTo(new Period(T0, SPLIT));
    assertThat(previewed.get(0).quantity()).isEqualByComparingTo("120");
    assertThat(previewed.get(0).amount()).isEqualTo(Money.ofMajor("12.00", "EUR"));
    assertThat(previewed.get(1).description()).isEqualTo("API calls (Premium)");
    assertThat(previewed.get(1).period()).isEqualTo(new Period(SPLIT, MAY));
    assertThat(previewed.get(1).quantity()).isEqualByComparingTo("200");
    assertThat(previewed.get(1).amount()).isEqualTo(Money.ofMajor("8.00", "EUR"));

    clock.set(MAY.plus(Duration.ofHours(2)));
    billing.work().runDue();
    Invoice may = latest();
    assertThat(usageLines(may)).isEqualTo(previewed);
    // The new period is Premium's alone: its fee in advance, and EUR 30.00 + 12.00 + 8.00 in all.
    assertThat(may.lines()).anySatisfy(l -> {
      assertThat(l.description()).isEqualTo("Premium fee");
      assertThat(l.period().start()).isEqualTo(MAY);
    });
    assertThat(may.total()).isEqualTo(Money.ofMajor("50.00", "EUR"));
    assertThat(may.total()).isEqualTo(upcoming.total());

    // The split is spent: May's usage is rated on Premium alone, with the plain description.
    use(Instant.parse("2026-05-10T00:00:00Z"), 50);
    clock.set(Instant.parse("2026-06-01T02:00:00Z"));
    billing.work().runDue();
    assertThat(usageLines(latest())).singleElement().satisfies(l -> {
      assertThat(l.description()).isEqualTo("API calls");
      assertThat(l.quantity()).isEqualByComparingTo("50");
      assertThat(l.amount()).isEqualTo(Money.ofMajor("2.00", "EUR"));
    });
  }

  @Test
  void aChangeOnTheHourSplitsExactlyThereAndTwoChangesMakeThreeParts() {
    use(Instant.parse("2026-04-02T00:00:00Z"), 10);
    clock.set(Instant.parse("2026-04-10T00:00:00Z"));
    billing.subscriptions().changePlan(owner, acme, "premium", Subscriptions.ChangeTiming.NOW, ProrationBehavior.NONE);
    use(Instant.parse("2026-04-10T00:00:00Z"), 100);
    clock.set(Instant.parse("2026-04-20T00:00:00Z"));
    billing.subscriptions().changePlan(owner, acme, "basic", Subscriptions.ChangeTiming.NOW, ProrationBehavior.NONE);
    use(Instant.parse("2026-04-25T00:00:00Z"), 1);

    clock.set(MAY.plus(Duration.ofHours(2)));
    billing.work().runDue();
    List<InvoiceLine> lines = usageLines(latest());
    assertThat(lines).extracting(InvoiceLine::description)
        .containsExactly("API calls (Basic)", "API calls (Premium)", "API calls (Basic)");
    assertThat(lines).extracting(InvoiceLine::period).containsExactly(
        new Period(T0, Instant.parse("2026-04-10T00:00:00Z")),
        new Period(Instant.parse("2026-04-10T00:00:00Z"), Instant.parse("2026-04-20T00:00:00Z")),
        new Period(Instant.parse("2026-04-20T00:00:00Z"), MAY));
    assertThat(lines).extracting(InvoiceLine::amount).containsExactly(Money.ofMajor("1.00", "EUR"),
        Money.ofMajor("4.00", "EUR"), Money.ofMajor("0.10", "EUR"));
  }
}
