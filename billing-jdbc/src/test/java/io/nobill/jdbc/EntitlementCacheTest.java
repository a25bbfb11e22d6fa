package io.nobill.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.access.Actor;
import io.nobill.core.Billing;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.entitlement.Decision;
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
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances over one PostgreSQL database. A warm entitlement check is served from the
 * store's cache; a change through the same instance shows at once, a change through the other
 * instance shows when the cache's time-to-live has passed on the billing clock, and a zero
 * time-to-live turns the cache off.
 */
class EntitlementCacheTest {
  private final String url = PostgresServer.shared().newDatabase();
  private final TestClock clock = TestClock.at("2026-01-01T09:00:00Z");
  private final IdGenerator ids = IdGenerator.timeOrdered(clock);
  private JdbcBillingStore first;
  private JdbcBillingStore second;

  @AfterEach
  void close() {
    first.close();
    second.close();
  }

  private JdbcBillingStore store(Duration ttl) {
    return JdbcBillingStore.builder().jdbcUrl(url, PostgresServer.APP_ROLE, PostgresServer.APP_PASSWORD).poolSize(2)
        .cacheTtl(ttl).build();
  }

  private Billing billing(JdbcBillingStore store) {
    return Billing.builder().store(store).catalog(SeedCatalog.create("EUR")).taxCalculator(TaxCalculator.NONE)
        .subscriptions(SubscriptionSettings.defaults(SeedCatalog.PRO)).clock(clock).idGenerator(ids).build();
  }

  private OrgId provision(Billing billing, UserId owner) {
    return billing.organizations().provision(Actor.member(owner), new NewOrganization(Optional.empty(), "Acme",
        "billing@acme.example", "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, owner)).id();
  }

  private static boolean allowed(Billing billing, UserId owner, OrgId org) {
    Decision d = billing.entitlements().check(Actor.member(owner), org, SeedCatalog.API_CALLS, BigDecimal.ONE);
    return d.allowed();
  }

  @Test
  void anotherInstancesChangeShowsAfterTheTimeToLiveAndThisInstancesAtOnce() throws InterruptedException {
    first = store(Duration.ofMillis(300));
    second = store(Duration.ofMinutes(10));
    Billing a = billing(first);
    Billing b = billing(second);
    UserId owner = ids.next(UserId::of);
    OrgId org = provision(a, owner);
    assertThat(allowed(a, owner, org)).isTrue();
    assertThat(allowed(b, owner, org)).isTrue();

    // Canceled through the first instance: it sees the change at once; the second serves its
    // cached answer for up to its time-to-live (ten minutes here).
    a.subscriptions().cancel(Actor.member(owner), org, false, false);
    assertThat(allowed(a, owner, org)).isFalse();
    assertThat(allowed(b, owner, org)).as("within the second instance's time-to-live").isTrue();

    // Any transaction of the organization through the second instance drops its entries.
    b.subscriptions().current(Actor.member(owner), org);
    assertThat(allowed(b, owner, org)).isFalse();
  }

  @Test
  void theFirstInstanceSeesTheOthersChangeOnceItsTimeToLiveHasPassed() {
    first = store(Duration.ofMillis(300));
    second = store(Duration.ofMinutes(10));
    Billing a = billing(first);
    Billing b = billing(second);
    UserId owner = ids.next(UserId::of);
    OrgId org = provision(b, owner);
    assertThat(allowed(a, owner, org)).isTrue();

    b.subscriptions().cancel(Actor.member(owner), org, false, false);
    // The time-to-live runs on the billing clock, not the machine's: no waiting.
    assertThat(allowed(a, owner, org)).as("within the time-to-live").isTrue();
    clock.advance(Duration.ofMillis(300));
    assertThat(allowed(a, owner, org)).isFalse();
  }

  @Test
  void aZeroTimeToLiveReadsThroughEveryTime() {
    first = store(Duration.ZERO);
    second = store(Duration.ZERO);
    Billing a = billing(first);
    Billing b = billing(second);
    UserId owner = ids.next(UserId::of);
    OrgId org = provision(a, owner);
    assertThat(allowed(a, owner, org)).isTrue();

    b.subscriptions().cancel(Actor.member(owner), org, false, false);
    assertThat(allowed(a, owner, org)).isFalse();
  }
}
