package io.nobill.jdbc.internal.shape;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.nobill.core.audit.AuditEntry;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.entitlement.EntitlementOverride;
import io.nobill.core.event.InboxEntry;
import io.nobill.core.event.OutboxMessage;
import io.nobill.core.invoice.CollectionState;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.RevenueSchedule;
import io.nobill.core.ledger.JournalEntry;
import io.nobill.core.org.Organization;
import io.nobill.core.subscription.BillingSchedule;
import io.nobill.core.subscription.PaymentMethodRecord;
import io.nobill.core.subscription.Subscription;
import io.nobill.jdbc.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Golden files of the JSON bodies the JDBC store writes, one file per persisted shape under
 * {@code src/test/resources/golden/persisted}, one stored body per line exactly as it sits in
 * the column. Run with {@code -Dnobill.golden.write=true} to write them from the fixtures.
 */
class PersistedShapesGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/golden/persisted");
  private static final Json JSON = new Json();

  @Test
  void organization() {
    golden("organization", PersistedFixtures.organizations(), JSON::write, b -> JSON.read(b, Organization.class));
  }

  @Test
  void invoice() {
    golden("invoice", PersistedFixtures.invoices(), JSON::write, b -> JSON.read(b, Invoice.class));
  }

  @Test
  void collectionState() {
    golden("collection-state", PersistedFixtures.collectionStates(), JSON::write, b -> JSON.read(b, CollectionState.class));
  }

  @Test
  void revenueSchedule() {
    golden("revenue-schedule", PersistedFixtures.revenueSchedules(), JSON::write, b -> JSON.read(b, RevenueSchedule.class));
  }

  @Test
  void journalEntry() {
    golden("journal-entry", PersistedFixtures.journalEntries(), JSON::write, b -> JSON.read(b, JournalEntry.class));
  }

  @Test
  void subscription() {
    golden("subscription", PersistedFixtures.subscriptions(), JSON::write, b -> JSON.read(b, Subscription.class));
  }

  @Test
  void paymentMethod() {
    golden("payment-method", PersistedFixtures.paymentMethods(), JSON::write, b -> JSON.read(b, PaymentMethodRecord.class));
  }

  @Test
  void billingSchedule() {
    golden("billing-schedule", PersistedFixtures.billingSchedules(), JSON::write, b -> JSON.read(b, BillingSchedule.class));
  }

  @Test
  void pricingOverrides() {
    golden("pricing-overrides", PersistedFixtures.pricingOverrides(), JSON::write, b -> JSON.read(b, PricingOverrides.class));
  }

  @Test
  void entitlementOverrides() {
    TypeReference<List<EntitlementOverride>> type = new TypeReference<>() {};
    golden("entitlement-overrides", PersistedFixtures.entitlementOverrides(), v -> JSON.writeList(v, type),
        b -> List.copyOf(JSON.read(b, type)));
  }

  @Test
  void outboxMessage() {
    golden("outbox-message", PersistedFixtures.outboxMessages(), JSON::write, b -> JSON.read(b, OutboxMessage.class));
  }

  @Test
  void auditEntry() {
    List<AuditEntry> read = golden("audit-entry", PersistedFixtures.auditEntries(), JSON::write,
        b -> JSON.read(b, AuditEntry.class));
    String previous = AuditEntry.GENESIS;
    for (AuditEntry e : read) {
      assertThat(e.previousHash()).isEqualTo(previous);
      assertThat(e.recomputeHash()).isEqualTo(e.hash());
      previous = e.hash();
    }
  }

  @Test
  void inboxEntry() {
    golden("inbox-entry", PersistedFixtures.inboxEntries(), JSON::write, b -> JSON.read(b, InboxEntry.class));
  }

  @Test
  void usageProperties() {
    TypeReference<Map<String, String>> type = new TypeReference<>() {};
    golden("usage-properties", PersistedFixtures.usageProperties(), JSON::write, b -> JSON.read(b, type));
  }

  private static <T> List<T> golden(String shape, List<T> values, Function<T, String> write, Function<String, T> read) {
    Path file = DIR.resolve(shape + ".jsonl");
    try {
      if (Boolean.getBoolean("nobill.golden.write")) {
        Files.createDirectories(DIR);
        StringBuilder b = new StringBuilder();
        values.forEach(v -> b.append(write.apply(v)).append('\n'));
        Files.writeString(file, b, StandardCharsets.UTF_8);
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      assertThat(lines).hasSameSizeAs(values);
      List<T> read_ = lines.stream().map(read).toList();
      assertThat(read_).isEqualTo(values);
      return read_;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
