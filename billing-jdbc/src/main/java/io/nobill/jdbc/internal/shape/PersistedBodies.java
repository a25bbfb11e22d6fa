package io.nobill.jdbc.internal.shape;

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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The JSON bodies the JDBC store keeps beside its queried columns, written and read through
 * explicit persisted shapes — never by reflection over the core's records — so that renaming a
 * record component or a type in the core cannot change what is written or break reading what
 * was written before.
 *
 * <p>Every body starts with its shape version, {@code "v"}; a body without one was written
 * before bodies carried versions and is version 1. A body is written in the current version of
 * its shape and read in any version this class has a reader for, older ones upcast on read; a
 * body of a version it does not know (written by a newer NOBill) is refused, never guessed at.
 * The shapes and their versions, and how to change one, are described in billing-jdbc's README
 * ("Stored JSON"); the golden files under {@code src/test/resources/golden/persisted} hold
 * bodies as earlier versions wrote them, and must keep reading.
 */
public final class PersistedBodies {
  private static final TypeReference<Map<String, String>> PROPERTIES = new TypeReference<>() {};

  private final Json json = new Json();

  /**
   * An organization without address, exemption, external reference or metadata is written as
   * version 1, which releases before version 2 read: only organizations using the new fields need
   * a release that reads version 2, so instances of both releases can run side by side.
   */
  public String write(Organization organization) {
    Objects.requireNonNull(organization, "organization");
    boolean v1 = organization.address().isEmpty() && !organization.taxExemption().isExempt()
        && organization.externalRef().isEmpty() && organization.metadata().isEmpty();
    return v1 ? json.write(OrganizationV1.from(organization)) : json.write(OrganizationV2.from(organization));
  }

  /** Version 1, written before addresses, reads as an organization without address, exemption, reference or metadata. */
  public Organization readOrganization(String body) {
    String what = "organization";
    int version = json.version(body, what);
    return switch (version) {
      case 1 -> {
        OrganizationV1 v1 = json.read(body, OrganizationV1.class, what);
        yield toDomain(what, v1::toDomain);
      }
      case OrganizationV2.VERSION -> {
        OrganizationV2 v2 = json.read(body, OrganizationV2.class, what);
        yield toDomain(what, v2::toDomain);
      }
      default -> throw Json.unknownVersion(what, version, OrganizationV2.VERSION);
    };
  }

  public String write(Invoice invoice) {
    return json.write(InvoiceV2.from(Objects.requireNonNull(invoice, "invoice")));
  }

  /** Version 1 reads as an invoice without a seller copy and without the addressee's postal address. */
  public Invoice readInvoice(String body) {
    String what = "invoice";
    int version = json.version(body, what);
    return switch (version) {
      case InvoiceV1.VERSION -> toDomain(what, () -> json.read(body, InvoiceV1.class, what).toDomain());
      case InvoiceV2.VERSION -> toDomain(what, () -> json.read(body, InvoiceV2.class, what).toDomain());
      default -> throw Json.unknownVersion(what, version, InvoiceV2.VERSION);
    };
  }

  public String write(io.nobill.core.invoice.CreditNote note) {
    return json.write(CreditNoteV1.from(Objects.requireNonNull(note, "note")));
  }

  public io.nobill.core.invoice.CreditNote readCreditNote(String body) {
    return readV1(body, "credit note", CreditNoteV1.class, CreditNoteV1::toDomain);
  }

  public String write(CollectionState state) {
    return json.write(CollectionStateV1.from(Objects.requireNonNull(state, "state")));
  }

  public CollectionState readCollectionState(String body) {
    return readV1(body, "collection state", CollectionStateV1.class, CollectionStateV1::toDomain);
  }

  public String write(RevenueSchedule schedule) {
    return json.write(RevenueScheduleV1.from(Objects.requireNonNull(schedule, "schedule")));
  }

  public RevenueSchedule readRevenueSchedule(String body) {
    return readV1(body, "revenue schedule", RevenueScheduleV1.class, RevenueScheduleV1::toDomain);
  }

  public String write(JournalEntry entry) {
    return json.write(JournalEntryV1.from(Objects.requireNonNull(entry, "entry")));
  }

  public JournalEntry readJournalEntry(String body) {
    return readV1(body, "journal entry", JournalEntryV1.class, JournalEntryV1::toDomain);
  }

  public String write(Subscription subscription) {
    return json.write(SubscriptionV1.from(Objects.requireNonNull(subscription, "subscription")));
  }

  public Subscription readSubscription(String body) {
    return readV1(body, "subscription", SubscriptionV1.class, SubscriptionV1::toDomain);
  }

  public String write(PaymentMethodRecord record) {
    return json.write(PaymentMethodV1.from(Objects.requireNonNull(record, "record")));
  }

  public PaymentMethodRecord readPaymentMethod(String body) {
    return readV1(body, "payment method", PaymentMethodV1.class, PaymentMethodV1::toDomain);
  }

  public String write(BillingSchedule schedule) {
    Objects.requireNonNull(schedule, "schedule");
    // Without plan changes, version 1 holds it all: older releases beside this one still read it.
    return schedule.planChanges().isEmpty() ? json.write(BillingScheduleV1.from(schedule))
        : json.write(BillingScheduleV2.from(schedule));
  }

  public BillingSchedule readBillingSchedule(String body) {
    String what = "billing schedule";
    int version = json.version(body, what);
    return switch (version) {
      case BillingScheduleV1.VERSION -> toDomain(what, () -> json.read(body, BillingScheduleV1.class, what).toDomain());
      case BillingScheduleV2.VERSION -> toDomain(what, () -> json.read(body, BillingScheduleV2.class, what).toDomain());
      default -> throw Json.unknownVersion(what, version, BillingScheduleV2.VERSION);
    };
  }

  public String write(PricingOverrides overrides) {
    return json.write(PricingOverridesV1.from(Objects.requireNonNull(overrides, "overrides")));
  }

  public PricingOverrides readPricingOverrides(String body) {
    return readV1(body, "pricing overrides", PricingOverridesV1.class, PricingOverridesV1::toDomain);
  }

  public String writeEntitlementOverrides(List<EntitlementOverride> overrides) {
    return json.write(EntitlementOverridesV2.from(Objects.requireNonNull(overrides, "overrides")));
  }

  /** Version 1, the bare array, is upcast to version 2 by wrapping it. */
  public List<EntitlementOverride> readEntitlementOverrides(String body) {
    String what = "entitlement overrides";
    int version = json.version(body, what);
    EntitlementOverridesV2 shape = switch (version) {
      case 1 -> EntitlementOverridesV2.fromV1(json.read(body, EntitlementOverrideV1.LIST, what));
      case EntitlementOverridesV2.VERSION -> json.read(body, EntitlementOverridesV2.class, what);
      default -> throw Json.unknownVersion(what, version, EntitlementOverridesV2.VERSION);
    };
    return toDomain(what, shape::toDomain);
  }

  public String write(OutboxMessage message) {
    return json.write(OutboxMessageV1.from(Objects.requireNonNull(message, "message")));
  }

  public OutboxMessage readOutboxMessage(String body) {
    return readV1(body, "outbox message", OutboxMessageV1.class, OutboxMessageV1::toDomain);
  }

  /**
   * An audit entry's body. Its hash is over the entry's canonical encoding, not over this JSON:
   * reading the body back must give every field exactly, which the golden audit entries prove.
   */
  public String write(AuditEntry entry) {
    return json.write(AuditEntryV1.from(Objects.requireNonNull(entry, "entry")));
  }

  public AuditEntry readAuditEntry(String body) {
    return readV1(body, "audit entry", AuditEntryV1.class, AuditEntryV1::toDomain);
  }

  public String write(InboxEntry entry) {
    return json.write(InboxEntryV1.from(Objects.requireNonNull(entry, "entry")));
  }

  public InboxEntry readInboxEntry(String body) {
    return readV1(body, "inbox entry", InboxEntryV1.class, InboxEntryV1::toDomain);
  }

  /**
   * A usage event's properties: a flat JSON object of the host's strings. It has no version
   * member because its keys are the host's (a property may be called {@code "v"}); it holds no
   * domain type, so no refactoring can change it, and a different form would be a new column.
   */
  public String writeUsageProperties(Map<String, String> properties) {
    // A map of strings needs no type information: written as the usage path always wrote it.
    return json.write(Objects.requireNonNull(properties, "properties"));
  }

  public Map<String, String> readUsageProperties(String body) {
    return json.read(body, PROPERTIES, "usage event's properties");
  }

  /** Reads a body whose shape has had one version so far. */
  private <S, T> T readV1(String body, String what, Class<S> shape, Function<S, T> toDomain) {
    Objects.requireNonNull(body, "body");
    int version = json.version(body, what);
    if (version != 1) {
      throw Json.unknownVersion(what, version, 1);
    }
    S read = json.read(body, shape, what);
    return toDomain(what, () -> toDomain.apply(read));
  }

  /** The domain value of a body that was read; one the core refuses is a body that cannot be read, as when it was parsed. */
  private static <T> T toDomain(String what, Supplier<T> toDomain) {
    try {
      return toDomain.get();
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot read a stored " + what + ": " + e.getMessage(), e);
    }
  }
}
