package io.nobill.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.access.Actor;
import io.nobill.core.Billing;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.usage.UsageEvent;
import io.nobill.core.usage.UsageReport;
import io.nobill.core.usage.UsageResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Usage reports cannot be forged, on every store: only a report that {@code unreported()}
 * lists right now — same meter, window, quantity, revision and identifier — can be marked
 * reported. Anything else is a typed error after which what is reported, and so what
 * {@code unreported()} lists, is unchanged.
 *
 * <p>An organization trialing Pro with 100 API calls in the hour from 10:00, read at 12:05.
 */
public abstract class UsageReportContract {
  private static final Instant FROM = Instant.parse("2026-05-04T00:00:00Z");
  private static final Instant HOUR = Instant.parse("2026-05-04T10:00:00Z");

  protected abstract BillingStore newStore();

  private TestClock clock;
  private Billing billing;
  private Actor owner;
  private OrgId org;
  private UsageReport pending;

  @BeforeEach
  void anOrganizationWithAHundredCallsPending() {
    clock = TestClock.at("2026-05-04T09:00:00Z");
    billing = Billing.builder().store(newStore()).catalog(SeedCatalog.create("EUR")).taxCalculator(TaxCalculator.NONE)
        .subscriptions(SubscriptionSettings.defaults("pro")).clock(clock).idGenerator(IdGenerator.sequential()).build();
    UserId user = billing.ids().next(UserId::of);
    owner = Actor.member(user);
    org = billing.organizations().provision(owner, new NewOrganization(Optional.empty(), "Acme", "billing@acme.example",
        "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, user)).id();
    clock.set(Instant.parse("2026-05-04T12:05:00Z"));
    assertThat(billing.usage().record(owner, org, UsageEvent.of(SeedCatalog.API_CALLS, "calls-1", HOUR.plusSeconds(900),
        BigDecimal.valueOf(100)))).isInstanceOf(UsageResult.Accepted.class);
    pending = single(unreported());
  }

  private List<UsageReport> unreported() {
    return billing.usage().unreported(owner, org, FROM, 100);
  }

  private static UsageReport single(List<UsageReport> reports) {
    assertThat(reports).hasSize(1);
    return reports.get(0);
  }

  private UsageReport with(String meter, Instant start, Instant end, BigDecimal quantity, int revision, String identifier) {
    return new UsageReport(meter, start, end, quantity, revision, identifier);
  }

  /** Marks {@code forged} reported: it must be refused as {@code type} and change nothing. */
  private void refused(UsageReport forged, Class<? extends RuntimeException> type, Optional<String> field) {
    assertThatThrownBy(() -> billing.usage().markReported(owner, org, forged)).as(forged.toString())
        .isInstanceOfSatisfying(type, e -> field.ifPresent(f ->
            assertThat(((InvalidRequestException) e).field()).isEqualTo(f)));
    assertThat(unreported()).as("unreported after " + forged).containsExactly(pending);
  }

  @Test
  void theReportUnreportedListsIsMarkedOnceAndARetryChangesNothing() {
    assertThat(pending.quantity()).isEqualByComparingTo("100");
    assertThat(pending.windowStart()).isEqualTo(HOUR);

    billing.usage().markReported(owner, org, pending);
    billing.usage().markReported(owner, org, pending);

    assertThat(unreported()).isEmpty();
    assertThat(billing.usage().unreported(owner, org, Instant.MIN, 100)).as("from before the stored range").isEmpty();
  }

  @Test
  void anInflatedQuantityIsRefusedAndUnreportedNeverGoesNegative() {
    refused(with(pending.meter(), HOUR, pending.windowEnd(), new BigDecimal("1000000"), 0, pending.identifier()),
        ConflictException.class, Optional.empty());
    refused(with(pending.meter(), HOUR, pending.windowEnd(), new BigDecimal("99"), 0, pending.identifier()),
        ConflictException.class, Optional.empty());
    refused(with(pending.meter(), HOUR, pending.windowEnd(), new BigDecimal("-5"), 0, pending.identifier()),
        ConflictException.class, Optional.empty());
    refused(with(pending.meter(), HOUR, pending.windowEnd(), new BigDecimal("1E+999999999"), 0, pending.identifier()),
        ConflictException.class, Optional.empty());
    // The same number at another scale is the same report.
    billing.usage().markReported(owner, org, with(pending.meter(), HOUR, pending.windowEnd(), new BigDecimal("100.000"), 0,
        pending.identifier()));
    assertThat(unreported()).isEmpty();
  }

  @Test
  void anUnknownOrNonSummingMeterIsRefused() {
    refused(with("no_such_meter", HOUR, pending.windowEnd(), pending.quantity(), 0, pending.identifier()),
        InvalidRequestException.class, Optional.of("report.meter"));
    refused(with("", HOUR, pending.windowEnd(), pending.quantity(), 0, pending.identifier()),
        InvalidRequestException.class, Optional.of("report.meter"));
  }

  @Test
  void anotherWindowRevisionOrIdentifierIsRefused() {
    Instant other = HOUR.plusSeconds(3600);
    refused(with(pending.meter(), other, other.plusSeconds(3600), pending.quantity(), 0, pending.identifier()),
        ConflictException.class, Optional.empty());
    refused(with(pending.meter(), HOUR.plusSeconds(1), pending.windowEnd(), pending.quantity(), 0, pending.identifier()),
        ConflictException.class, Optional.empty());
    refused(with(pending.meter(), HOUR, pending.windowEnd().plusSeconds(3600), pending.quantity(), 0, pending.identifier()),
        ConflictException.class, Optional.empty());
    refused(with(pending.meter(), HOUR, pending.windowEnd(), pending.quantity(), 1, pending.identifier()),
        ConflictException.class, Optional.empty());
    refused(with(pending.meter(), HOUR, pending.windowEnd(), pending.quantity(), 0, "usage:forged"),
        ConflictException.class, Optional.empty());
    refused(with(pending.meter(), HOUR, pending.windowEnd(), pending.quantity(), -1, pending.identifier()),
        InvalidRequestException.class, Optional.of("report.revision"));
    refused(with(pending.meter(), Instant.parse("3000-01-01T00:00:00Z"), Instant.parse("3000-01-01T01:00:00Z"),
        pending.quantity(), 0, pending.identifier()), InvalidRequestException.class, Optional.of("report.windowStart"));
    refused(with(pending.meter(), Instant.MIN, Instant.MAX, pending.quantity(), 0, pending.identifier()),
        InvalidRequestException.class, Optional.of("report.windowStart"));
  }

  @Test
  void aWindowThatHasNotEndedIsNotReportable() {
    clock.set(Instant.parse("2026-05-04T13:10:00Z"));
    Instant current = Instant.parse("2026-05-04T13:00:00Z");
    assertThat(billing.usage().record(owner, org, UsageEvent.of(SeedCatalog.API_CALLS, "calls-2", current.plusSeconds(60),
        BigDecimal.TEN))).isInstanceOf(UsageResult.Accepted.class);
    refused(with(pending.meter(), current, current.plusSeconds(3600), BigDecimal.TEN, 0,
        "usage:" + org + ":" + pending.meter() + ":" + current + ":0"), ConflictException.class, Optional.empty());
  }

  @Test
  void anotherOrganizationsReportIsNotThisOnes() {
    UserId user = billing.ids().next(UserId::of);
    OrgId other = billing.organizations().provision(Actor.member(user), new NewOrganization(Optional.empty(), "Other",
        "billing@other.example", "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, user)).id();

    assertThatThrownBy(() -> billing.usage().markReported(Actor.member(user), other, pending))
        .isInstanceOf(ConflictException.class);
    assertThat(unreported()).containsExactly(pending);
    assertThat(billing.usage().unreported(Actor.member(user), other, FROM, 100)).isEmpty();
  }

  @Test
  void lateUsageAfterTheListingMakesTheOldReportAConflictAndTheNewOneIsAccepted() {
    assertThat(billing.usage().record(owner, org, UsageEvent.of(SeedCatalog.API_CALLS, "calls-late",
        HOUR.plusSeconds(1800), BigDecimal.valueOf(7)))).isInstanceOf(UsageResult.Accepted.class);
    UsageReport now = single(unreported());
    assertThat(now.quantity()).isEqualByComparingTo("107");

    assertThatThrownBy(() -> billing.usage().markReported(owner, org, pending)).isInstanceOf(ConflictException.class);
    billing.usage().markReported(owner, org, now);
    assertThat(unreported()).isEmpty();
  }
}
