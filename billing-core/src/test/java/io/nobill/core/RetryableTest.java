package io.nobill.core;








import io.nobill.core.access.AccessDeniedException;import io.nobill.core.access.Actor;import io.nobill.core.error.ProviderFailureException;import io.nobill.core.error.ConflictException;import io.nobill.core.error.NotFoundException;import io.nobill.core.error.InvalidRequestException;import io.nobill.core.error.BillingException;import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.money.CurrencyMismatchException;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.subscription.Subscription;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.testkit.TestClock;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every family of {@link BillingException} says whether the same call, made again, may succeed. */
class RetryableTest {

  @Test
  void eachFamilySaysWhetherARetryCanHelp() {
    assertThat(new InvalidRequestException("email", "must not be blank").retryable()).isFalse();
    assertThat(new CurrencyMismatchException("amount", Money.currency("EUR"), Money.currency("USD")).retryable())
        .isFalse();
    assertThat(new NotFoundException("organization", "o1").retryable()).isFalse();
    assertThat(new AccessDeniedException("user u1", "billing.manage", OrgId.of(java.util.UUID.randomUUID()))
        .retryable()).isFalse();
    assertThat(new ConflictException("s1", "is canceled already").retryable()).isFalse();
    assertThat(ConflictException.concurrent("s1", "was changed concurrently").retryable()).isTrue();
    assertThat(new ProviderFailureException("stripe", "timed out", true).retryable()).isTrue();
    assertThat(new ProviderFailureException("stripe", "invalid api key", false).retryable()).isFalse();
  }

  @Test
  void causesAreKept() {
    IOException timeout = new IOException("read timed out");
    assertThat(new ProviderFailureException("stripe", "timed out", true, timeout)).hasCause(timeout);
    IllegalStateException unique = new IllegalStateException("unique violation");
    ConflictException conflict = new ConflictException("database", "a unique rule was violated", true, unique);
    assertThat(conflict).hasCause(unique);
    assertThat(conflict.retryable()).isTrue();
    assertThat(conflict.target()).isEqualTo("database");
  }

  @Test
  void aTransitionTheStateDoesNotAllowIsNotRetryableAndAConcurrentChangeIs() {
    InMemoryBillingStore store = InMemoryBillingStore.create();
    Billing billing = Billing.builder().store(store).taxCalculator(TaxCalculator.NONE)
        .catalog(SeedCatalog.create("EUR")).subscriptions(SubscriptionSettings.defaults("pro"))
        .clock(TestClock.at("2026-01-01T00:00:00Z")).build();
    UserId owner = billing.ids().next(UserId::of);
    OrgId org = billing.organizations().provision(Actor.member(owner), new NewOrganization(Optional.empty(), "Acme",
        "billing@acme.example", "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, owner)).id();
    Subscription before = billing.subscriptions().current(Actor.member(owner), org).orElseThrow();
    billing.subscriptions().cancel(Actor.member(owner), org, false, false);

    assertThatThrownBy(() -> billing.subscriptions().cancel(Actor.member(owner), org, false, false))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.retryable()).isFalse());
    // Writing the version read before the cancellation: another writer got there first.
    assertThatThrownBy(() -> store.inTenant(org, tx -> {
      tx.subscriptions().update(before);
      return null;
    })).isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.retryable()).isTrue());
  }
}
