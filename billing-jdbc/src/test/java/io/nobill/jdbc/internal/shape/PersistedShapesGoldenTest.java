package io.nobill.jdbc.internal.shape;

import io.nobill.core.internal.audit.CoreAuditTrail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nobill.core.audit.AuditEntry;
import io.nobill.core.audit.AuditTrail;
import io.nobill.core.audit.AuditVerification;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.subscription.BillingSchedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The stored JSON bodies of existing databases keep reading, whatever happens to the core's
 * records. Each file under {@code src/test/resources/golden/persisted} holds bodies exactly as
 * the JDBC store wrote them into its columns, one per line, before bodies carried a shape
 * version; {@link PersistedFixtures} builds the domain values they were written from.
 *
 * <p>This test must keep passing after any refactoring of the core: renaming a record
 * component, a record, a sealed subtype or an enum constant changes {@link PersistedFixtures}
 * (which builds the values in the new way) and, where needed, the conversions of the persisted
 * shapes — never a golden file. A golden file is never regenerated: a body that an earlier
 * version of NOBill wrote is a fact about databases in the field. A new shape or shape version
 * gets a new file, created once with {@code -Dnobill.golden.create=true} (which writes only
 * files that do not exist yet) and committed.
 *
 * <p>For each shape it proves: every golden body reads as the value it was made from; the
 * value written again reads back equal; and what is written now is the golden body plus its
 * version member, so version 1 is the format existing rows have.
 */
class PersistedShapesGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/golden/persisted");
  private static final PersistedBodies BODIES = new PersistedBodies();
  /** Compares bodies as JSON trees: member order and number notation as written, maps in any order. */
  private static final ObjectMapper TREES = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** Organizations without the fields of version 2 are still written as version 1, which older releases read. */
  @Test
  void organization() {
    golden("organization", PersistedFixtures.organizations(), BODIES::write, BODIES::readOrganization);
  }

  /** Version 2: an organization with an address, an exemption, an external reference and metadata. */
  @Test
  void organizationWithAddressExemptionReferenceAndMetadata() {
    golden("organization.v2", 2, PersistedFixtures.organizationsV2(), BODIES::write, BODIES::readOrganization);
  }

  /** Version 1 bodies read as invoices without a seller copy or postal address, and are written as version 2. */
  @Test
  void invoiceWithEveryLineKindAndTaxLinesOfVersionOneReadsAndIsWrittenAsVersionTwo() {
    List<String> lines = lines("invoice");
    var values = PersistedFixtures.invoices();
    assertThat(lines).hasSameSizeAs(values);
    for (int i = 0; i < lines.size(); i++) {
      assertThat(BODIES.readInvoice(lines.get(i))).isEqualTo(values.get(i));
      String written = BODIES.write(values.get(i));
      assertThat(written).startsWith("{\"v\":2,");
      assertThat(BODIES.readInvoice(written)).isEqualTo(values.get(i));
      ObjectNode v1 = (ObjectNode) tree(written);
      v1.remove("v");
      v1.remove("seller");
      ((ObjectNode) v1.get("billTo")).remove("addressLines");
      assertThat(v1).isEqualTo(tree(lines.get(i)));
    }
  }

  /** Version 2: the seller copied onto issued invoices (with and without optional details), the addressee's address. */
  @Test
  void invoiceOfVersionTwoWithSellerAndAddress() {
    golden("invoice.v2", 2, PersistedFixtures.invoicesV2(), BODIES::write, BODIES::readInvoice);
  }

  @Test
  void creditNote() {
    golden("credit-note", PersistedFixtures.creditNotes(), BODIES::write, BODIES::readCreditNote);
  }

  @Test
  void collectionState() {
    golden("collection-state", PersistedFixtures.collectionStates(), BODIES::write, BODIES::readCollectionState);
  }

  @Test
  void revenueSchedule() {
    golden("revenue-schedule", PersistedFixtures.revenueSchedules(), BODIES::write, BODIES::readRevenueSchedule);
  }

  @Test
  void journalEntry() {
    golden("journal-entry", PersistedFixtures.journalEntries(), BODIES::write, BODIES::readJournalEntry);
  }

  @Test
  void subscription() {
    golden("subscription", PersistedFixtures.subscriptions(), BODIES::write, BODIES::readSubscription);
  }

  @Test
  void paymentMethod() {
    golden("payment-method", PersistedFixtures.paymentMethods(), BODIES::write, BODIES::readPaymentMethod);
  }

  @Test
  void billingScheduleWithPendingProrationsAndDiscounts() {
    golden("billing-schedule", PersistedFixtures.billingSchedules(), BODIES::write, BODIES::readBillingSchedule);
  }

  /** Version 2: the plan changes made in the current period, whose usage before each is rated on the old plan. */
  @Test
  void billingScheduleOfVersionTwoWithPlanChanges() {
    golden("billing-schedule.v2", 2, PersistedFixtures.billingSchedulesV2(), BODIES::write, BODIES::readBillingSchedule);
  }

  /** Billing schedules written before billing anchors existed have no "anchor" member. */
  @Test
  void billingScheduleWrittenBeforeAnchorsReadsWithoutOne() {
    List<String> lines = lines("billing-schedule.before-anchor");
    assertThat(lines).hasSize(1).allSatisfy(l -> assertThat(l).doesNotContain("anchor"));
    BillingSchedule anchored = PersistedFixtures.billingSchedules().get(0);
    assertThat(BODIES.readBillingSchedule(lines.get(0))).isEqualTo(new BillingSchedule(anchored.subscription(),
        anchored.pendingProrations(), anchored.scheduledPlan(), anchored.discountsApplied(), Optional.empty()));
  }

  @Test
  void pricingOverridesWithEveryPriceModelAndDiscount() {
    golden("pricing-overrides", PersistedFixtures.pricingOverrides(), BODIES::write, BODIES::readPricingOverrides);
  }

  /** Version 1 was the bare array; it reads upcast, and is written as version 2, the same array under "overrides". */
  @Test
  void entitlementOverridesOfVersionOneReadAndAreWrittenAsVersionTwo() {
    List<String> lines = lines("entitlement-overrides");
    var values = PersistedFixtures.entitlementOverrides();
    assertThat(lines).hasSameSizeAs(values);
    for (int i = 0; i < lines.size(); i++) {
      assertThat(BODIES.readEntitlementOverrides(lines.get(i))).isEqualTo(values.get(i));
      String written = BODIES.writeEntitlementOverrides(values.get(i));
      assertThat(BODIES.readEntitlementOverrides(written)).isEqualTo(values.get(i));
      JsonNode tree = tree(written);
      assertThat(tree.get("v").intValue()).isEqualTo(2);
      assertThat(tree.get("overrides")).isEqualTo(tree(lines.get(i)));
      assertThat(written).startsWith("{\"v\":2,");
    }
  }

  @Test
  void outboxMessageWithEveryEventType() {
    golden("outbox-message", PersistedFixtures.outboxMessages(), BODIES::write, BODIES::readOutboxMessage);
  }

  /**
   * The entries' hashes, stored when they were written, still match the entries as they read
   * back — field by field (recomputed as {@code AuditTrail.verify} does) and as a chain verified
   * by {@code AuditTrail.verify} itself — and so do the entries written again.
   */
  @Test
  void auditEntriesReadBackWithTheirStoredHashesMatching() {
    List<AuditEntry> read = golden("audit-entry", PersistedFixtures.auditEntries(), BODIES::write, BODIES::readAuditEntry);
    List<String> storedHashes = lines("audit-entry").stream().map(l -> tree(l).get("hash").textValue()).toList();
    String previous = AuditEntry.GENESIS;
    for (int i = 0; i < read.size(); i++) {
      AuditEntry e = read.get(i);
      assertThat(e.hash()).isEqualTo(storedHashes.get(i));
      assertThat(e.previousHash()).isEqualTo(previous);
      assertThat(e.recomputeHash()).isEqualTo(storedHashes.get(i));
      AuditEntry rewritten = BODIES.readAuditEntry(BODIES.write(e));
      assertThat(rewritten.recomputeHash()).isEqualTo(storedHashes.get(i));
      previous = e.hash();
    }
    AuditVerification verification = InMemoryBillingStore.create().inTenant(PersistedFixtures.ORG, tx -> {
      read.forEach(tx.audit()::append);
      return CoreAuditTrail.verify(tx);
    });
    assertThat(verification.intact()).isTrue();
  }

  @Test
  void inboxEntry() {
    golden("inbox-entry", PersistedFixtures.inboxEntries(), BODIES::write, BODIES::readInboxEntry);
  }

  /** Properties are the host's strings in a flat object, without a version member (a key may be "v"). */
  @Test
  void usageProperties() {
    List<String> lines = lines("usage-properties");
    var values = PersistedFixtures.usageProperties();
    assertThat(lines).hasSameSizeAs(values);
    for (int i = 0; i < lines.size(); i++) {
      assertThat(BODIES.readUsageProperties(lines.get(i))).isEqualTo(values.get(i));
      String written = BODIES.writeUsageProperties(values.get(i));
      assertThat(tree(written)).isEqualTo(tree(lines.get(i)));
    }
  }

  private static <T> List<T> golden(String shape, List<T> values, Function<T, String> write, Function<String, T> read) {
    return golden(shape, 1, values, write, read);
  }

  private static <T> List<T> golden(String shape, int version, List<T> values, Function<T, String> write,
      Function<String, T> read) {
    createIfMissing(shape, values, write);
    List<String> lines = lines(shape);
    assertThat(lines).as("bodies in %s", shape).hasSameSizeAs(values);
    List<T> read_ = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      T value = read.apply(lines.get(i));
      assertThat(value).as("line %s of %s", i + 1, shape).isEqualTo(values.get(i));
      read_.add(value);
      String written = write.apply(values.get(i));
      assertThat(read.apply(written)).as("line %s of %s written again", i + 1, shape).isEqualTo(values.get(i));
      assertThat(written).startsWith("{\"v\":" + version + ",");
      ObjectNode withoutVersion = (ObjectNode) tree(written);
      ObjectNode goldenWithoutVersion = (ObjectNode) tree(lines.get(i));
      withoutVersion.remove("v");
      goldenWithoutVersion.remove("v");
      assertThat(withoutVersion).as("line %s of %s written again, but for \"v\"", i + 1, shape).isEqualTo(goldenWithoutVersion);
    }
    return read_;
  }

  private static <T> void createIfMissing(String shape, List<T> values, Function<T, String> write) {
    Path file = DIR.resolve(shape + ".jsonl");
    if (Boolean.getBoolean("nobill.golden.create") && !Files.exists(file)) {
      StringBuilder b = new StringBuilder();
      values.forEach(v -> b.append(write.apply(v)).append('\n'));
      try {
        Files.writeString(file, b, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static List<String> lines(String shape) {
    return PersistedFixtures.golden(shape);
  }

  static JsonNode tree(String json) {
    try {
      return TREES.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
