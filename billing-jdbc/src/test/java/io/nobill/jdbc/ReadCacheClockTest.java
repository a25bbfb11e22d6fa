package io.nobill.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.access.Actor;
import io.nobill.core.Billing;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.testkit.TestClock;
import io.nobill.jdbc.testkit.PostgresServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The read cache's time-to-live runs on the clock {@code Billing} is given: another
 * instance's change shows once that clock has passed the time-to-live, without any waiting,
 * and a clock that goes back does not keep an entry longer.
 */
class ReadCacheClockTest {
  private static final AtomicInteger H2_NAMES = new AtomicInteger();
  private final TestClock clock = TestClock.at("2026-01-01T09:00:00Z");
  private final IdGenerator ids = IdGenerator.timeOrdered(clock);
  private final List<JdbcBillingStore> open = new ArrayList<>();

  @AfterEach
  void close() {
    open.forEach(JdbcBillingStore::close);
  }

  private Billing billing(JdbcBillingStore.Builder store) {
    JdbcBillingStore built = store.cacheTtl(Duration.ofMinutes(5)).poolSize(2).build();
    open.add(built);
    return Billing.builder().store(built).catalog(SeedCatalog.create("EUR")).taxCalculator(TaxCalculator.NONE)
        .subscriptions(SubscriptionSettings.defaults(SeedCatalog.PRO)).clock(clock).idGenerator(ids).build();
  }

  private static OrgId provision(Billing billing, UserId owner) {
    return billing.organizations().provision(Actor.member(owner), new NewOrganization(Optional.empty(), "Acme",
        "billing@acme.example", "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, owner)).id();
  }

  private static boolean allowed(Billing billing, UserId owner, OrgId org) {
    return billing.entitlements().check(Actor.member(owner), org, SeedCatalog.API_CALLS, BigDecimal.ONE).allowed();
  }

  abstract class Scenario {
    /** Builders of two stores over one new database, as two instances would have. */
    abstract List<JdbcBillingStore.Builder> twoInstances();

    @Test
    void anotherInstancesChangeShowsOnceTheBillingClockPassesTheTimeToLive() {
      List<JdbcBillingStore.Builder> builders = twoInstances();
      Billing a = billing(builders.get(0));
      Billing b = billing(builders.get(1));
      UserId owner = ids.next(UserId::of);
      OrgId org = provision(b, owner);
      assertThat(allowed(a, owner, org)).isTrue();

      b.subscriptions().cancel(Actor.member(owner), org, false, false);
      clock.advance(Duration.ofMinutes(4).plusSeconds(59));
      assertThat(allowed(a, owner, org)).as("within the time-to-live on the billing clock").isTrue();
      clock.advance(Duration.ofSeconds(1));
      assertThat(allowed(a, owner, org)).as("the time-to-live has passed on the billing clock").isFalse();
    }

    @Test
    void aClockThatGoesBackDoesNotServeAnEntryFromItsFuture() {
      List<JdbcBillingStore.Builder> builders = twoInstances();
      Billing a = billing(builders.get(0));
      Billing b = billing(builders.get(1));
      UserId owner = ids.next(UserId::of);
      OrgId org = provision(b, owner);
      assertThat(allowed(a, owner, org)).isTrue();

      b.subscriptions().cancel(Actor.member(owner), org, false, false);
      clock.advance(Duration.ofSeconds(-30));
      assertThat(allowed(a, owner, org)).isFalse();
    }
  }

  @Nested
  class OnH2 extends Scenario {
    @Override
    List<JdbcBillingStore.Builder> twoInstances() {
      String url = JdbcBillingStore.h2MemoryUrl("nobill-cache-clock-" + H2_NAMES.incrementAndGet());
      return List.of(JdbcBillingStore.builder().jdbcUrl(url, "sa", ""), JdbcBillingStore.builder().jdbcUrl(url, "sa", ""));
    }
  }

  @Nested
  class OnPostgres extends Scenario {
    @Override
    List<JdbcBillingStore.Builder> twoInstances() {
      String url = PostgresServer.shared().newDatabase();
      return List.of(
          JdbcBillingStore.builder().jdbcUrl(url, PostgresServer.APP_ROLE, PostgresServer.APP_PASSWORD),
          JdbcBillingStore.builder().jdbcUrl(url, PostgresServer.APP_ROLE, PostgresServer.APP_PASSWORD));
    }
  }
}
