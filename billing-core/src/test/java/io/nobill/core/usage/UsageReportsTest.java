package io.nobill.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.nobill.core.access.Actor;
import io.nobill.core.Billing;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.testkit.TestClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Usage reported to an external provider exactly once, with deterministic identifiers. */
class UsageReportsTest {
  private final TestClock clock = TestClock.at("2026-05-04T09:00:00Z");
  private final Billing billing = Billing.builder().store(InMemoryBillingStore.create()).catalog(SeedCatalog.create("EUR"))
      .taxCalculator(TaxCalculator.NONE).subscriptions(SubscriptionSettings.defaults("pro")).clock(clock)
      .idGenerator(IdGenerator.sequential()).build();
  private final Actor job = Actor.job("reporter");

  private OrgId provision() {
    UserId owner = billing.ids().next(UserId::of);
    return billing.organizations().provision(Actor.member(owner), new NewOrganization(Optional.empty(), "Acme",
        "billing@acme.example", "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, owner)).id();
  }

  private void record(OrgId org, String key, String at, long quantity) {
    assertThat(billing.usage().record(job, org, UsageEvent.of("api_calls", key, Instant.parse(at), BigDecimal.valueOf(quantity))))
        .isInstanceOf(UsageResult.Accepted.class);
  }

  @Test
  void completedHoursAreReportedOnceAndLateUsageGetsTheNextRevision() {
    OrgId org = provision();
    clock.set(Instant.parse("2026-05-04T12:05:00Z"));
    record(org, "a", "2026-05-04T10:15:00Z", 10);
    record(org, "b", "2026-05-04T10:30:00Z", 20);
    record(org, "c", "2026-05-04T11:20:00Z", 5);
    record(org, "d", "2026-05-04T12:01:00Z", 99); // the current hour is still filling

    List<UsageReport> first = billing.usage().unreported(job, org, Instant.parse("2026-05-04T00:00:00Z"), 100);
    assertThat(first).extracting(UsageReport::windowStart, UsageReport::quantity, UsageReport::revision).containsExactly(
        tuple(Instant.parse("2026-05-04T10:00:00Z"), BigDecimal.valueOf(30), 0),
        tuple(Instant.parse("2026-05-04T11:00:00Z"), BigDecimal.valueOf(5), 0));
    assertThat(billing.usage().unreported(job, org, Instant.parse("2026-05-04T00:00:00Z"), 100)).isEqualTo(first);
    assertThat(first.get(0).identifier()).isEqualTo("usage:" + org + ":api_calls:2026-05-04T10:00:00Z:0");

    first.forEach(r -> billing.usage().markReported(job, org, r));
    first.forEach(r -> billing.usage().markReported(job, org, r)); // a retry after a crash: no double count
    assertThat(billing.usage().unreported(job, org, Instant.parse("2026-05-04T00:00:00Z"), 100)).isEmpty();

    record(org, "late", "2026-05-04T10:45:00Z", 7);
    assertThat(billing.usage().unreported(job, org, Instant.parse("2026-05-04T00:00:00Z"), 100)).singleElement()
        .satisfies(r -> {
          assertThat(r.quantity()).isEqualByComparingTo("7");
          assertThat(r.revision()).isEqualTo(1);
          assertThat(r.identifier()).endsWith(":2026-05-04T10:00:00Z:1");
        });
  }
}
