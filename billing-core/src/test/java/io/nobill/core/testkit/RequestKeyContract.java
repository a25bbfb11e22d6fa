package io.nobill.core.testkit;

import io.nobill.core.BillingInternals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.access.Actor;
import io.nobill.core.Billing;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.audit.AuditVerification;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.event.InboxEntry;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.rating.ProrationBehavior;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.payment.SimulatedCardCollector;
import io.nobill.core.subscription.Subscription;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.subscription.SubscriptionStatus;
import io.nobill.core.subscription.Subscriptions;
import io.nobill.core.tax.regional.RegionalTaxTable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request key means one request: the command and its arguments. Reused with the same
 * command and arguments it does nothing again; reused with another command or other
 * arguments it is a {@link ConflictException} naming the key, with nothing written; a
 * command that failed does not use its key up.
 */
public abstract class RequestKeyContract {
  private static final Actor OPERATOR = Actor.operator("ops-1");

  protected abstract BillingStore newStore();

  private final TestClock clock = TestClock.at("2026-01-01T09:00:00Z");
  private Billing billing;
  private Actor owner;
  private OrgId org;

  @BeforeEach
  void anActiveSubscription() {
    billing = Billing.builder().store(newStore()).catalog(SeedCatalog.create("EUR"))
        .taxCalculator(RegionalTaxTable.builder().sellerCountry("DE").build())
        .subscriptions(SubscriptionSettings.defaults(SeedCatalog.PRO))
        .paymentCollector(new SimulatedCardCollector()).clock(clock).idGenerator(IdGenerator.sequential()).build();
    org = provision("Acme");
    billing.subscriptions().attachPaymentMethod(owner, org, "pm_card_visa");
    clock.advance(Duration.ofDays(14));
    billing.work().runDue();
    assertThat(sub().status()).isEqualTo(SubscriptionStatus.ACTIVE);
  }

  private OrgId provision(String name) {
    UserId user = billing.ids().next(UserId::of);
    owner = Actor.member(user);
    return billing.organizations().provision(owner, new NewOrganization(Optional.empty(), name, "billing@acme.example",
        "DE", Optional.empty(), Money.currency("EUR"), Locale.GERMANY, user)).id();
  }

  private Subscriptions keyed(String key) {
    return billing.subscriptions().withRequestKey(key);
  }

  private Subscription sub() {
    return billing.subscriptions().current(owner, org).orElseThrow();
  }

  /** What a command could have written: the subscription, invoices, the audit trail, the key. */
  private record State(Subscription sub, int invoices, long auditEntries, Optional<InboxEntry> key) {}

  private State state(String key) {
    long audit = ((AuditVerification.Intact) billing.audit().verify(OPERATOR, org)).entries();
    return new State(sub(), billing.invoices().list(owner, org, Optional.empty(), Optional.empty(), 100).size(), audit,
        keyEntry(key));
  }

  private Optional<InboxEntry> keyEntry(String key) {
    return BillingInternals.of(billing).store.inTenant(org, tx -> tx.inbox().find("request:" + key));
  }

  /** Every command a key can carry, with arguments other than {@code changeSeats(4, ...)}'s. */
  private Map<String, Consumer<Subscriptions>> everyOtherCommand() {
    Map<String, Consumer<Subscriptions>> commands = new LinkedHashMap<>();
    commands.put("subscribe", s -> s.subscribe(owner, org, SeedCatalog.PRO, 4));
    commands.put("change-seats", s -> s.changeSeats(owner, org, 5, ProrationBehavior.ALWAYS_INVOICE));
    commands.put("change-seats behavior", s -> s.changeSeats(owner, org, 4, ProrationBehavior.NONE));
    commands.put("change-plan", s -> s.changePlan(owner, org, SeedCatalog.ENTERPRISE, Subscriptions.ChangeTiming.NOW,
        ProrationBehavior.ALWAYS_INVOICE));
    commands.put("cancel", s -> s.cancel(owner, org, false, true));
    commands.put("cancel at period end", s -> s.cancel(owner, org, true, false));
    commands.put("resume", s -> s.resume(owner, org));
    commands.put("attach-payment-method", s -> s.attachPaymentMethod(owner, org, "pm_card_mastercard"));
    commands.put("detach-payment-method", s -> s.detachPaymentMethod(owner, org));
    return commands;
  }

  @Test
  void aKeyUsedForOneCommandIsAConflictForEveryOtherCommandAndArgumentsWithNothingWritten() {
    keyed("req-1").changeSeats(owner, org, 4, ProrationBehavior.ALWAYS_INVOICE);
    State before = state("req-1");
    assertThat(before.sub().seats()).isEqualTo(4);
    everyOtherCommand().forEach((name, command) -> {
      assertThatThrownBy(() -> command.accept(keyed("req-1"))).as(name)
          .isInstanceOfSatisfying(ConflictException.class, e -> {
            assertThat(e.target()).isEqualTo("req-1");
            assertThat(e.getMessage()).contains("req-1: is a request key used for another request (change-seats");
          });
      assertThat(state("req-1")).as(name).isEqualTo(before);
    });
    // The same request again still does nothing and answers with the current state.
    assertThat(keyed("req-1").changeSeats(owner, org, 4, ProrationBehavior.ALWAYS_INVOICE).seats()).isEqualTo(4);
    assertThat(state("req-1")).isEqualTo(before);
  }

  @Test
  void cancelWithTheKeyOfASeatChangeCancelsNothing() {
    keyed("req-7").changeSeats(owner, org, 2, ProrationBehavior.NONE);
    assertThatThrownBy(() -> keyed("req-7").cancel(owner, org, false, false))
        .isInstanceOf(ConflictException.class).hasMessageContaining("req-7");
    assertThat(sub().status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(sub().cancelAtPeriodEnd()).isFalse();
  }

  @Test
  void everyCommandRepeatedWithItsKeyAndArgumentsRunsOnce() {
    Map<String, Consumer<Subscriptions>> commands = everyOtherCommand();
    commands.remove("change-seats behavior");
    int i = 0;
    for (Map.Entry<String, Consumer<Subscriptions>> c : commands.entrySet()) {
      String key = "once-" + i++;
      try {
        c.getValue().accept(keyed(key));
      } catch (ConflictException | InvalidRequestException notApplicableNow) {
        // resume while not set to cancel, say: the key must stay unused.
        assertThat(keyEntry(key)).as(c.getKey()).isEmpty();
        continue;
      }
      State after = state(key);
      assertThat(after.key()).as(c.getKey()).isPresent();
      c.getValue().accept(keyed(key));
      assertThat(state(key)).as(c.getKey()).isEqualTo(after);
    }
  }

  @Test
  void aFailedCommandDoesNotUseItsKeyUp() {
    // Over the plan's seat limit: refused, and the key stays free for the corrected request.
    assertThatThrownBy(() -> keyed("req-2").changeSeats(owner, org, 51, ProrationBehavior.NONE))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("seats"));
    assertThat(keyEntry("req-2")).isEmpty();
    assertThat(keyed("req-2").changeSeats(owner, org, 6, ProrationBehavior.NONE).seats()).isEqualTo(6);

    // Not set to cancel yet: refused; once it is, the same request with the same key succeeds.
    assertThatThrownBy(() -> keyed("req-3").resume(owner, org)).isInstanceOf(ConflictException.class)
        .hasMessageContaining("is not set to cancel");
    billing.subscriptions().cancel(owner, org, true, false);
    assertThat(keyed("req-3").resume(owner, org).cancelAtPeriodEnd()).isFalse();
    // ... and then it is used: the retry does not resume a later cancellation.
    billing.subscriptions().cancel(owner, org, true, false);
    assertThat(keyed("req-3").resume(owner, org).cancelAtPeriodEnd()).isTrue();
  }

  @Test
  void keysArePerOrganization() {
    keyed("req-4").changeSeats(owner, org, 3, ProrationBehavior.NONE);
    Actor first = owner;
    OrgId other = provision("Other");
    billing.subscriptions().attachPaymentMethod(owner, other, "pm_card_visa");
    assertThat(keyed("req-4").subscribe(owner, other, SeedCatalog.STARTER, 1).plan().key()).isEqualTo(SeedCatalog.STARTER);
    assertThat(billing.subscriptions().current(first, org).orElseThrow().seats()).isEqualTo(3);
  }

  @Test
  void argumentsCannotPassForEachOther() {
    // "a|b" + "c" and "a" + "b|c" must not fingerprint alike: each argument is length-prefixed.
    keyed("req-5").attachPaymentMethod(owner, org, "pm_1|5:x");
    assertThatThrownBy(() -> keyed("req-5").attachPaymentMethod(owner, org, "pm_1"))
        .isInstanceOf(ConflictException.class);
    assertThat(List.of(keyEntry("req-5").orElseThrow().objectId()))
        .singleElement().satisfies(f -> assertThat(f).startsWith("sha256:").doesNotContain("pm_1"));
  }
}
