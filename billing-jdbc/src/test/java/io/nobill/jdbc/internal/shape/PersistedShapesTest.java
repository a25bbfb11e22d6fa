package io.nobill.jdbc.internal.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.catalog.BillingTiming;
import io.nobill.core.catalog.DiscountDuration;
import io.nobill.core.catalog.Enforcement;
import io.nobill.core.event.InboxEntry;
import io.nobill.core.id.OrgId;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.invoice.LineKind;
import io.nobill.core.ledger.Reference;
import io.nobill.core.ledger.Side;
import io.nobill.core.money.Money;
import io.nobill.core.org.Organization;
import io.nobill.core.subscription.SubscriptionStatus;
import io.nobill.core.tax.TaxBehavior;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How stored bodies are versioned, and what the JSON plumbing refuses rather than guesses. */
class PersistedShapesTest {
  private static final PersistedBodies BODIES = new PersistedBodies();

  @Test
  void aBodyWithVersionOneReadsLikeTheSameBodyWithoutAVersion() {
    for (String legacy : PersistedShapesGoldenTest.lines("invoice")) {
      assertThat(BODIES.readInvoice("{\"v\":1," + legacy.substring(1))).isEqualTo(BODIES.readInvoice(legacy));
      assertThat(BODIES.readInvoice("{ \"v\" : 1 , " + legacy.substring(1))).isEqualTo(BODIES.readInvoice(legacy));
    }
  }

  @Test
  void aBodyOfANewerShapeVersionIsRefusedNamingItsVersion() {
    String legacy = PersistedShapesGoldenTest.lines("organization").get(0);
    assertThatThrownBy(() -> BODIES.readOrganization("{\"v\":3," + legacy.substring(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot read a stored organization of shape version 3: this NOBill reads versions 1 to 2; it was "
            + "written by a newer NOBill");
    assertThatThrownBy(() -> BODIES.readEntitlementOverrides("{\"v\":3,\"overrides\":[],\"limits\":{}}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("shape version 3: this NOBill reads versions 1 to 2; it was written by a newer NOBill");
  }

  @Test
  void aVersionThatIsNotAPositiveIntegerIsRefused() {
    String legacy = PersistedShapesGoldenTest.lines("subscription").get(0).substring(1);
    for (String v : List.of("\"1\"", "0", "-1", "1.0", "null", "99999999999")) {
      assertThatThrownBy(() -> BODIES.readSubscription("{\"v\":" + v + "," + legacy))
          .as("v = %s", v)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot read a stored subscription");
    }
  }

  /** An unknown member is refused, not dropped: a newer writer's data is never lost by an older reader's rewrite. */
  @Test
  void anUnknownMemberIsRefused() {
    String legacy = PersistedShapesGoldenTest.lines("payment-method").get(0);
    assertThatThrownBy(() -> BODIES.readPaymentMethod("{\"v\":1,\"brand\":\"visa\"," + legacy.substring(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot read a stored payment method")
        .hasMessageContaining("brand");
  }

  @Test
  void anUnknownTypeTagIsRefused() {
    String legacy = PersistedShapesGoldenTest.lines("outbox-message").get(0);
    assertThatThrownBy(() -> BODIES.readOutboxMessage(legacy.replace("\"@type\":\"TrialWillEnd\"", "\"@type\":\"TrialEnded\"")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot read a stored outbox message")
        .hasMessageContaining("TrialEnded");
  }

  @Test
  void aBodyTheCoreRefusesIsABodyThatCannotBeRead() {
    String legacy = PersistedShapesGoldenTest.lines("subscription").get(0);
    assertThatThrownBy(() -> BODIES.readSubscription(legacy.replace("\"seats\":3", "\"seats\":0")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("cannot read a stored subscription: ");
    assertThatThrownBy(() -> BODIES.readSubscription(legacy.replace("\"status\":\"TRIALING\"", "\"status\":\"trialing\"")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("cannot read a stored subscription: ");
  }

  /** The plumbing maps only shapes: a core record handed to it is refused, never mapped by its component names. */
  @Test
  void theJsonPlumbingRefusesDomainRecords() {
    Json json = new Json();
    assertThatThrownBy(() -> json.write(Money.of(1, "EUR")))
        .isInstanceOf(IllegalStateException.class)
        .hasStackTraceContaining("io.nobill.core.money.Money is not a persisted shape");
    assertThatThrownBy(() -> json.write(OrgId.of(UUID.randomUUID())))
        .isInstanceOf(IllegalStateException.class)
        .hasStackTraceContaining("is not a persisted shape");
    String body = PersistedShapesGoldenTest.lines("organization").get(0);
    assertThatThrownBy(() -> json.read(body, Organization.class, "organization"))
        .isInstanceOf(IllegalStateException.class)
        .hasStackTraceContaining("io.nobill.core.org.Organization is not a persisted shape");
  }

  /**
   * Enum constants are stored by name. These are the names existing rows hold; renaming a
   * constant in the core must keep them reading (map the old name in the shape's conversion).
   */
  @Test
  void everyStoredEnumNameStillReads() {
    stored(InvoiceStatus.class, "DRAFT", "OPEN", "PAID", "VOID", "UNCOLLECTIBLE");
    stored(LineKind.class, "FLAT", "SEATS", "USAGE", "PRORATION", "MINIMUM", "DISCOUNT");
    stored(BillingTiming.class, "IN_ADVANCE", "IN_ARREARS");
    stored(TaxBehavior.class, "EXCLUSIVE", "INCLUSIVE");
    stored(SubscriptionStatus.class, "TRIALING", "ACTIVE", "PAST_DUE", "UNPAID", "CANCELED", "INCOMPLETE",
        "INCOMPLETE_EXPIRED", "PAUSED");
    stored(Reference.Kind.class, "INVOICE", "PAYMENT", "REFUND", "CREDIT", "PROVIDER_EVENT", "MANUAL");
    stored(Side.class, "DEBIT", "CREDIT");
    stored(InboxEntry.Outcome.class, "APPLIED", "IGNORED_STALE", "NO_CHANGE");
    stored(Enforcement.class, "HARD", "SOFT");
    stored(DiscountDuration.Kind.class, "ONCE", "REPEATING", "FOREVER");
  }

  private static <E extends Enum<E>> void stored(Class<E> type, String... names) {
    for (String name : names) {
      assertThat(Common.constant(type, name)).as("%s.%s", type.getSimpleName(), name).isNotNull();
    }
  }
}
