package io.nobill.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.audit.AuditEntry;
import io.nobill.core.audit.AuditTrail;
import io.nobill.core.event.InboxEntry;
import io.nobill.core.event.OutboxMessage;
import io.nobill.core.id.OrgId;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.subscription.Subscription;
import io.nobill.jdbc.internal.shape.PersistedFixtures;
import io.nobill.jdbc.testkit.TestDatabases;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Rows as the store wrote them before bodies carried a shape version — the golden bodies put
 * into the tables behind the store's back — read through the repositories as the values they
 * were written from, the audit trail they form verifies, and a later change through the store
 * rewrites them in the current version. The golden files themselves are explained in
 * {@code PersistedShapesGoldenTest}.
 */
class JdbcLegacyBodiesTest {
  private static final OrgId ORG = PersistedFixtures.ORG;
  private final TestDatabases databases = new TestDatabases();

  @AfterEach
  void closeStores() {
    databases.closeAll();
  }

  @Nested
  class OnH2 extends Contract {
    @Override
    JdbcBillingStore newStore() {
      return databases.newStore(TestDatabases.Kind.H2);
    }
  }

  @Nested
  class OnPostgres extends Contract {
    @Override
    JdbcBillingStore newStore() {
      return databases.newStore(TestDatabases.Kind.POSTGRESQL);
    }
  }

  abstract static class Contract {
    abstract JdbcBillingStore newStore();

    @Test
    void legacyAuditRowsVerifyWithTheirStoredHashes() {
      JdbcBillingStore store = newStore();
      List<AuditEntry> entries = PersistedFixtures.auditEntries();
      store.inTenant(ORG, tx -> {
        entries.forEach(tx.audit()::append);
        return null;
      });
      List<String> golden = PersistedFixtures.golden("audit-entry");
      for (int i = 0; i < golden.size(); i++) {
        replaceBody(store, "nobill_audit_entry", "sequence", (long) i + 1, golden.get(i));
      }
      assertThat(store.inTenant(ORG, tx -> io.nobill.core.internal.audit.CoreAuditTrail.verify(tx)).intact()).isTrue();
      List<AuditEntry> read = store.inTenant(ORG, tx -> tx.audit().range(0, 10));
      assertThat(read).isEqualTo(entries);
      // The attack the hash chain exists for still shows on a legacy row.
      Tampering.editAuditEntry(store, ORG, 2, "organization.deleted");
      assertThat(store.inTenant(ORG, tx -> io.nobill.core.internal.audit.CoreAuditTrail.verify(tx)).intact()).isFalse();
    }

    @Test
    void legacyBodiesOfEveryTableReadAsTheValuesTheyWereWrittenFrom() {
      JdbcBillingStore store = newStore();
      var organization = PersistedFixtures.organizations().get(0);
      var invoices = PersistedFixtures.invoices();
      var collection = PersistedFixtures.collectionStates().get(1);
      var revenue = PersistedFixtures.revenueSchedules().get(0);
      var subscriptions = PersistedFixtures.subscriptions();
      var schedule = PersistedFixtures.billingSchedules().get(0);
      var paymentMethod = PersistedFixtures.paymentMethods().get(0);
      var pricing = PersistedFixtures.pricingOverrides().get(0);
      var entitlements = PersistedFixtures.entitlementOverrides().get(0);
      var outbox = PersistedFixtures.outboxMessages();
      var inbox = PersistedFixtures.inboxEntries();
      store.inTenant(ORG, tx -> {
        tx.organization().insert(organization);
        invoices.forEach(tx.invoices()::insert);
        tx.invoices().setCollection(collection);
        tx.invoices().setRevenueSchedule(revenue);
        subscriptions.forEach(tx.subscriptions()::insert);
        tx.subscriptions().setSchedule(schedule);
        tx.subscriptions().setPaymentMethod(paymentMethod);
        tx.overrides().setPricing(pricing);
        tx.overrides().setEntitlements(entitlements);
        outbox.forEach(tx.outbox()::append);
        inbox.forEach(tx.inbox()::insert);
        return null;
      });

      replaceBody(store, "nobill_organization", null, null, PersistedFixtures.golden("organization").get(0));
      for (int i = 0; i < invoices.size(); i++) {
        replaceBody(store, "nobill_invoice", "invoice_id", invoices.get(i).id().value(),
            PersistedFixtures.golden("invoice").get(i));
      }
      replaceBody(store, "nobill_collection", "invoice_id", collection.invoice().value(),
          PersistedFixtures.golden("collection-state").get(1));
      replaceBody(store, "nobill_revenue_schedule", "invoice_id", revenue.invoice().value(),
          PersistedFixtures.golden("revenue-schedule").get(0));
      for (int i = 0; i < subscriptions.size(); i++) {
        replaceBody(store, "nobill_subscription", "subscription_id", subscriptions.get(i).id().value(),
            PersistedFixtures.golden("subscription").get(i));
      }
      replaceBody(store, "nobill_billing_schedule", "subscription_id", schedule.subscription().value(),
          PersistedFixtures.golden("billing-schedule").get(0));
      replaceBody(store, "nobill_payment_method", null, null, PersistedFixtures.golden("payment-method").get(0));
      replaceBody(store, "nobill_override", "kind", "pricing", PersistedFixtures.golden("pricing-overrides").get(0));
      replaceBody(store, "nobill_override", "kind", "entitlements", PersistedFixtures.golden("entitlement-overrides").get(0));
      for (int i = 0; i < outbox.size(); i++) {
        replaceBody(store, "nobill_outbox", "message_id", outbox.get(i).id().value(),
            PersistedFixtures.golden("outbox-message").get(i));
      }
      for (int i = 0; i < inbox.size(); i++) {
        replaceBody(store, "nobill_inbox", "event_id", inbox.get(i).eventId(), PersistedFixtures.golden("inbox-entry").get(i));
      }
      assertThat(storedBodies(store)).noneMatch(b -> b.startsWith("{\"v\":"));

      store.inTenant(ORG, tx -> {
        assertThat(tx.organization().find()).contains(organization);
        for (Invoice invoice : invoices) {
          assertThat(tx.invoices().find(invoice.id())).contains(invoice);
        }
        assertThat(tx.invoices().collection(collection.invoice())).contains(collection);
        assertThat(tx.invoices().revenueSchedule(revenue.invoice())).contains(revenue);
        assertThat(tx.subscriptions().list()).isEqualTo(subscriptions);
        assertThat(tx.subscriptions().schedule(schedule.subscription())).isEqualTo(schedule);
        assertThat(tx.subscriptions().paymentMethod()).contains(paymentMethod);
        assertThat(tx.overrides().pricing()).isEqualTo(pricing);
        assertThat(tx.overrides().entitlements()).isEqualTo(entitlements);
        for (OutboxMessage message : outbox) {
          assertThat(tx.outbox().find(message.id())).contains(message);
        }
        for (InboxEntry entry : inbox) {
          assertThat(tx.inbox().find(entry.eventId())).contains(entry);
        }
        return null;
      });

      // A change through the store rewrites the row in the current shape version.
      Subscription changed = new Subscription(subscriptions.get(0).id(), ORG, subscriptions.get(0).providerId(),
          subscriptions.get(0).plan(), 4, subscriptions.get(0).status(), subscriptions.get(0).currentPeriod(),
          subscriptions.get(0).trialEnd(), false, Optional.empty(), Optional.empty(), subscriptions.get(0).lastChangeAt(),
          "internal:2", subscriptions.get(0).version() + 1);
      store.inTenant(ORG, tx -> {
        tx.subscriptions().update(changed);
        return null;
      });
      String rewritten = store.rawForTests(ORG, h -> h.createQuery("SELECT body FROM nobill_subscription WHERE org_id = :org "
          + "AND subscription_id = :id").bind("org", ORG.value()).bind("id", changed.id().value()).mapTo(String.class).one());
      assertThat(rewritten).startsWith("{\"v\":1,");
      Optional<Subscription> found = store.inTenant(ORG, tx -> tx.subscriptions().find(changed.id()));
      assertThat(found).contains(changed);
    }

    private static List<String> storedBodies(JdbcBillingStore store) {
      return store.rawForTests(ORG, h -> h.createQuery("SELECT body FROM nobill_organization WHERE org_id = :org "
              + "UNION ALL SELECT body FROM nobill_invoice WHERE org_id = :org "
              + "UNION ALL SELECT body FROM nobill_subscription WHERE org_id = :org "
              + "UNION ALL SELECT body FROM nobill_override WHERE org_id = :org "
              + "UNION ALL SELECT body FROM nobill_outbox WHERE org_id = :org "
              + "UNION ALL SELECT body FROM nobill_inbox WHERE org_id = :org")
          .bind("org", ORG.value()).mapTo(String.class).list());
    }

    /** Puts {@code body} into the row behind the store's back, as a row written before shape versions. */
    private static void replaceBody(JdbcBillingStore store, String table, String keyColumn, Object key, String body) {
      int rows = store.rawForTests(ORG, h -> {
        var update = h.createUpdate("UPDATE " + table + " SET body = :body WHERE org_id = :org"
            + (keyColumn == null ? "" : " AND " + keyColumn + " = :key"))
            .bind("org", ORG.value()).bind("body", body);
        if (keyColumn != null) {
          if (key instanceof UUID u) {
            update.bind("key", u);
          } else if (key instanceof Long l) {
            update.bind("key", l);
          } else {
            update.bind("key", (String) key);
          }
        }
        return update.execute();
      });
      assertThat(rows).as("rows of %s with %s = %s", table, keyColumn, key).isEqualTo(1);
    }
  }
}
