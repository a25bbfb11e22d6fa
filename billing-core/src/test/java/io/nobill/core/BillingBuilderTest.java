package io.nobill.core;


import io.nobill.core.event.BillingListener;import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.testkit.TestClock;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class BillingBuilderTest {

  @Test
  void buildsWithTheGivenPartsAndDefaultsTheRest() {
    InMemoryBillingStore store = InMemoryBillingStore.create();
    TestClock clock = TestClock.at("2026-05-01T00:00:00Z");
    BillingListener listener = event -> {};

    Billing billing = Billing.builder().store(store).clock(clock).listener(listener).taxCalculator(TaxCalculator.NONE).build();

    assertThat(BillingInternals.of(billing).store).isSameAs(store);
    assertThat(billing.clock()).isSameAs(clock);
    assertThat(billing.listeners()).containsExactly(listener);
    // The default id generator reads the billing clock: version 7 with the clock's millisecond.
    java.util.UUID id = billing.ids().next();
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(clock.millis());
  }

  @Test
  void sweepWorkersAreValidatedEagerlyAndSetOnce() {
    assertThatThrownBy(() -> Billing.builder().sweepWorkers(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sweepWorkers must be in 1..64, was 0");
    assertThatThrownBy(() -> Billing.builder().sweepWorkers(2).sweepWorkers(3)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sweepWorkers is already set");
  }

  @Test
  void theClockDefaultsToUtcSystemTime() {
    Billing billing = Billing.builder().store(InMemoryBillingStore.create()).taxCalculator(TaxCalculator.NONE).build();
    assertThat(billing.clock()).isEqualTo(Clock.systemUTC());
  }

  @Test
  void aMissingStoreFailsAtBuildNamingTheArtifactToAdd() {
    assertThatThrownBy(() -> Billing.builder().taxCalculator(TaxCalculator.NONE).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("store is required")
        .hasMessageContaining("io.nobill:billing-jdbc");
  }

  @Test
  void aMissingTaxCalculatorFailsAtBuildSayingWhatToPass() {
    assertThatThrownBy(() -> Billing.builder().store(InMemoryBillingStore.create()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tax calculator is required")
        .hasMessageContaining("RegionalTaxTable")
        .hasMessageContaining("TaxCalculator.NONE");
  }

  @Test
  void theCatalogDefaultsToEmptyAndIsKeptWhenGiven() {
    Billing plain = Billing.builder().store(InMemoryBillingStore.create()).taxCalculator(TaxCalculator.NONE).build();
    assertThat(plain.catalog().latestPlans()).isEmpty();
    io.nobill.core.catalog.Catalog seed = io.nobill.core.catalog.SeedCatalog.create("EUR");
    Billing seeded = Billing.builder().store(InMemoryBillingStore.create()).taxCalculator(TaxCalculator.NONE)
        .catalog(seed).build();
    assertThat(seeded.catalog()).isSameAs(seed);
    assertThat(seeded.invoices()).isNotNull();
    assertThatThrownBy(() -> Billing.builder().catalog(seed).catalog(seed)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Billing.builder().taxCalculator(TaxCalculator.NONE).taxCalculator(TaxCalculator.NONE))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aSettingGivenTwiceIsAWiringMistake() {
    assertThatThrownBy(() -> Billing.builder().store(InMemoryBillingStore.create()).store(InMemoryBillingStore.create()))
        .isInstanceOf(IllegalStateException.class).hasMessage("store is already set; set it once");
    assertThatThrownBy(() -> Billing.builder().clock(Clock.systemUTC()).clock(Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class).hasMessage("clock is already set; set it once");
    assertThatThrownBy(() -> Billing.builder().idGenerator(IdGenerator.sequential()).idGenerator(IdGenerator.sequential()))
        .isInstanceOf(IllegalStateException.class).hasMessage("idGenerator is already set; set it once");
    BillingListener listener = event -> {};
    assertThatThrownBy(() -> Billing.builder().listener(listener).listener(listener))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already registered");
  }

  @Test
  void nullsAreRejectedByName() {
    assertThatThrownBy(() -> Billing.builder().store(null)).isInstanceOf(NullPointerException.class).hasMessage("store");
    assertThatThrownBy(() -> Billing.builder().clock(null)).isInstanceOf(NullPointerException.class).hasMessage("clock");
    assertThatThrownBy(() -> Billing.builder().idGenerator(null)).isInstanceOf(NullPointerException.class).hasMessage("idGenerator");
    assertThatThrownBy(() -> Billing.builder().listener(null)).isInstanceOf(NullPointerException.class).hasMessage("listener");
  }

  @Test
  void listenersAreNamedInRegistrationOrderAndNamesAreUnique() {
    BillingListener first = event -> {};
    BillingListener crm = event -> {};
    BillingListener second = event -> {};
    Billing billing = Billing.builder().store(InMemoryBillingStore.create()).taxCalculator(TaxCalculator.NONE)
        .listener(first).listener("crm", crm).listener(second).build();

    assertThat(billing.listeners()).containsExactly(first, crm, second);
    assertThat(BillingInternals.of(billing).outbox.listeners()).containsExactly("listener-1", "crm", "listener-2");
    assertThat(billing.work().sweeps()).containsExactly("outbox-delivery", "subscription-renewals", "payment-collection",
        "revenue-recognition");
    assertThat(billing.work().isStarted()).isFalse();

    assertThatThrownBy(() -> Billing.builder().listener("crm", event -> {}).listener("crm", event -> {}))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("crm");
    assertThatThrownBy(() -> Billing.builder().listener("listener-1", event -> {}).listener(event -> {}))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("listener-1");
    for (String bad : new String[] {"", "CRM", "has space", "x".repeat(65), "crm/mail"}) {
      assertThatThrownBy(() -> Billing.builder().listener(bad, event -> {}))
          .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a-z0-9._-]");
    }
    assertThat(Billing.builder().listener("a.b_c-9", event -> {})).isNotNull();
    assertThatThrownBy(() -> Billing.builder().listener((String) null, event -> {}))
        .isInstanceOf(NullPointerException.class).hasMessage("name");
    assertThatThrownBy(() -> Billing.builder().listener("crm", null))
        .isInstanceOf(NullPointerException.class).hasMessage("listener");
  }

  @Test
  void theDeliveryPolicyIsSetOnce() {
    io.nobill.core.event.DeliveryPolicy policy = io.nobill.core.event.DeliveryPolicy.DEFAULT;
    assertThat(Billing.builder().store(InMemoryBillingStore.create()).taxCalculator(TaxCalculator.NONE)
        .deliveryPolicy(policy).build()).isNotNull();
    assertThatThrownBy(() -> Billing.builder().deliveryPolicy(policy).deliveryPolicy(policy))
        .isInstanceOf(IllegalStateException.class).hasMessage("deliveryPolicy is already set; set it once");
    assertThatThrownBy(() -> Billing.builder().deliveryPolicy(null))
        .isInstanceOf(NullPointerException.class).hasMessage("deliveryPolicy");
  }

  @Test
  void theListenerListCannotBeChangedAfterBuild() {
    Billing billing = Billing.builder().store(InMemoryBillingStore.create()).taxCalculator(TaxCalculator.NONE).build();
    assertThatThrownBy(() -> billing.listeners().add(event -> {})).isInstanceOf(UnsupportedOperationException.class);
  }
}
