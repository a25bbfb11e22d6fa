package io.nobill.jdbc.internal.shape;

import io.nobill.core.event.BillingEvent;
import io.nobill.core.audit.AuditEntry;
import io.nobill.core.audit.AuditTarget;
import io.nobill.core.catalog.BillingTiming;
import io.nobill.core.catalog.Discount;
import io.nobill.core.catalog.DiscountDuration;
import io.nobill.core.catalog.Enforcement;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.PlanRef;
import io.nobill.core.catalog.Price;
import io.nobill.core.catalog.PricingModel;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.catalog.Tier;
import io.nobill.core.catalog.TierCharge;
import io.nobill.core.entitlement.EntitlementOverride;
import io.nobill.core.event.InboxEntry;
import io.nobill.core.event.OutboxMessage;
import io.nobill.core.id.AccountId;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.JournalEntryId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.OutboxMessageId;
import io.nobill.core.id.SubscriptionId;
import io.nobill.core.invoice.BillTo;
import io.nobill.core.invoice.CollectionState;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceLine;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.invoice.LineKind;
import io.nobill.core.invoice.RevenueSchedule;
import io.nobill.core.ledger.JournalEntry;
import io.nobill.core.ledger.Posting;
import io.nobill.core.ledger.Reference;
import io.nobill.core.money.Money;
import io.nobill.core.org.Organization;
import io.nobill.core.rating.ProrationItem;
import io.nobill.core.subscription.BillingSchedule;
import io.nobill.core.subscription.PaymentMethodRecord;
import io.nobill.core.subscription.Subscription;
import io.nobill.core.subscription.SubscriptionStatus;
import io.nobill.core.tax.TaxBehavior;
import io.nobill.core.tax.TaxLine;
import io.nobill.core.tax.TaxRate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The domain values whose stored JSON the golden files under {@code golden/persisted} hold: one
 * list per persisted shape, in the order of the lines of its file. They cover every variant the
 * store writes (each line kind, each price, pricing model, discount and duration, each
 * entitlement override, each outbound event, empty and present optionals).
 *
 * <p>When a core record is refactored, this file changes with it so that it keeps building the
 * same values; the golden files never change.
 */
public final class PersistedFixtures {
  public static final OrgId ORG = OrgId.of(UUID.fromString("01890f3c-7a2b-7c4d-8e5f-a1b2c3d4e5f6"));
  public static final InvoiceId INVOICE = InvoiceId.of(UUID.fromString("01890f3c-7a2b-7c4d-9e5f-000000000042"));
  public static final InvoiceId DRAFT = InvoiceId.of(UUID.fromString("f1890f3c-7a2b-7c4d-9e5f-000000000043"));
  public static final SubscriptionId SUBSCRIPTION = SubscriptionId.of(UUID.fromString("01890f3c-7a2b-7c4d-ae5f-000000000007"));
  public static final SubscriptionId ENDED = SubscriptionId.of(UUID.fromString("81890f3c-7a2b-7c4d-ae5f-000000000008"));
  public static final Instant T0 = Instant.parse("2024-01-31T10:15:30.123456789Z");
  public static final Period JAN = new Period(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-02-01T00:00:00Z"));
  public static final Period FEB = new Period(Instant.parse("2024-02-01T00:00:00Z"), Instant.parse("2024-03-01T00:00:00Z"));
  public static final Period LATE_JAN = new Period(Instant.parse("2024-01-20T12:30:00.5Z"), Instant.parse("2024-02-01T00:00:00Z"));

  private PersistedFixtures() {}

  /** The stored bodies of a golden file, one per line. */
  public static List<String> golden(String shape) {
    try {
      return java.nio.file.Files.readAllLines(java.nio.file.Path.of("src/test/resources/golden/persisted", shape + ".jsonl"),
          java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Money eur(long minor) {
    return Money.of(minor, "EUR");
  }

  public static List<Organization> organizations() {
    return List.of(
        new Organization(ORG, "Acme GmbH", "billing@acme.example", "DE", Optional.of("DE123456789"),
            Currency.getInstance("EUR"), Locale.GERMANY, T0),
        new Organization(OrgId.of(UUID.fromString("c1890f3c-7a2b-7c4d-8e5f-a1b2c3d4e5f7")), "Société Générale d'Essai ☕",
            "compta@exemple.fr", "FR", Optional.empty(), Currency.getInstance("EUR"), Locale.FRENCH,
            Instant.parse("2023-12-31T23:59:59Z")),
        new Organization(OrgId.of(UUID.fromString("01890f3c-7a2b-7c4d-8e5f-a1b2c3d4e5f8")), "Kuwait Trading",
            "billing@kw.example", "KW", Optional.of("KW-0001"), Currency.getInstance("KWD"), Locale.US,
            Instant.parse("2024-02-29T00:00:00.000000001Z")));
  }

  /** Organizations of shape version 2: every new field, set and unset. */
  public static List<Organization> organizationsV2() {
    return List.of(
        new Organization(ORG, "Acme Inc.", "billing@acme.example", "US", Optional.of("94-1234567"),
            Currency.getInstance("USD"), Locale.US, T0,
            Optional.of(new io.nobill.core.org.Address("1 Market St", Optional.of("Suite 300"), "San Francisco", "94105",
                Optional.of("US-CA"), "US")),
            io.nobill.core.org.TaxExemption.exempt("CA-RESALE-0042", Optional.of(java.time.LocalDate.parse("2027-12-31"))),
            Optional.of("tenant-42"), Map.of("plan", "enterprise", "crm", "0015g00000XyZ")),
        new Organization(OrgId.of(UUID.fromString("c1890f3c-7a2b-7c4d-8e5f-a1b2c3d4e5f7")), "Maple Software ☕",
            "ap@maple.example", "CA", Optional.empty(), Currency.getInstance("CAD"), Locale.CANADA_FRENCH,
            Instant.parse("2023-12-31T23:59:59Z"),
            Optional.of(io.nobill.core.org.Address.inRegion("1 rue Sainte-Catherine", "Montréal", "H2X 1Z4", "CA-QC")),
            io.nobill.core.org.TaxExemption.exempt("QC-1234", Optional.empty()), Optional.empty(), Map.of()),
        new Organization(OrgId.of(UUID.fromString("01890f3c-7a2b-7c4d-8e5f-a1b2c3d4e5f8")), "Kuwait Trading",
            "billing@kw.example", "KW", Optional.of("KW-0001"), Currency.getInstance("KWD"), Locale.US,
            Instant.parse("2024-02-29T00:00:00.000000001Z"), Optional.empty(), io.nobill.core.org.TaxExemption.NONE,
            Optional.of("kw/001 \"quoted\""), Map.of("v", "a key named v")));
  }

  public static List<Invoice> invoices() {
    List<TierCharge> tiers = List.of(
        new TierCharge(1, new BigDecimal("10000"), new BigDecimal("0.10"), BigDecimal.ZERO, new BigDecimal("1000.00")),
        new TierCharge(2, new BigDecimal("2345.5"), new BigDecimal("0.06"), new BigDecimal("500"), new BigDecimal("640.730")));
    List<InvoiceLine> lines = List.of(
        new InvoiceLine(LineKind.FLAT, "Pro plan", Optional.of("base"), FEB, BigDecimal.ONE, Optional.of(new BigDecimal("2900")),
            eur(2900), BillingTiming.IN_ADVANCE, List.of()),
        new InvoiceLine(LineKind.SEATS, "Seats (3 × €10.00)", Optional.of("seats"), FEB, new BigDecimal("3"),
            Optional.of(new BigDecimal("1000")), eur(3000), BillingTiming.IN_ADVANCE, List.of()),
        new InvoiceLine(LineKind.USAGE, "API calls", Optional.of("api_calls"), JAN, new BigDecimal("12345.5"), Optional.empty(),
            eur(1641), BillingTiming.IN_ARREARS, tiers),
        new InvoiceLine(LineKind.PRORATION, "Unused time on 2 seats", Optional.of("seats"), LATE_JAN, new BigDecimal("-2"),
            Optional.of(new BigDecimal("1000")), eur(-774), BillingTiming.IN_ADVANCE, List.of()),
        new InvoiceLine(LineKind.MINIMUM, "Minimum spend true-up", Optional.empty(), FEB, BigDecimal.ONE, Optional.empty(),
            eur(233), BillingTiming.IN_ARREARS, List.of()),
        new InvoiceLine(LineKind.DISCOUNT, "Launch 20% <b>&amp;</b>", Optional.empty(), FEB, BigDecimal.ONE, Optional.empty(),
            eur(-1400), BillingTiming.IN_ADVANCE, List.of()));
    // subtotal 2900 + 3000 + 1641 - 774 + 233 = 7000; after discounts 5600; tax 19 % = 1064.
    List<TaxLine> taxLines = List.of(
        new TaxLine(new TaxRate("VAT", "DE", new BigDecimal("19"), ""), eur(5600), eur(1064)),
        new TaxLine(new TaxRate("Reverse charge", "EU", new BigDecimal("0.00"),
            "Reverse charge: VAT to be accounted for by the recipient.\nArt. 196 VAT Directive"), eur(0), eur(0)));
    Invoice open = new Invoice(INVOICE, ORG, Optional.of("ACME-000042"), InvoiceStatus.OPEN, Currency.getInstance("EUR"),
        Optional.of(new PlanRef("pro", 2)), new Period(JAN.start(), FEB.end()),
        new BillTo("Acme GmbH", "billing@acme.example", "DE", Optional.of("DE123456789"), Locale.GERMANY), lines,
        TaxBehavior.EXCLUSIVE, taxLines, eur(7000), eur(-1400), eur(1064), eur(6664), eur(664), eur(6000), 14, T0,
        Optional.of(T0.plusSeconds(60)), Optional.of(Instant.parse("2024-02-14T10:16:30.123456789Z")), Optional.empty(),
        Optional.empty(), 3);
    Invoice draft = new Invoice(DRAFT, ORG, Optional.empty(), InvoiceStatus.DRAFT, Currency.getInstance("JPY"),
        Optional.empty(), FEB, new BillTo("東京商事", "billing@tokyo.example", "JP", Optional.empty(), Locale.JAPAN),
        List.of(new InvoiceLine(LineKind.FLAT, "Starter", Optional.of("base"), FEB, BigDecimal.ONE,
            Optional.of(new BigDecimal("980")), Money.of(980, "JPY"), BillingTiming.IN_ADVANCE, List.of())),
        TaxBehavior.INCLUSIVE, List.of(), Money.of(980, "JPY"), Money.of(0, "JPY"), Money.of(0, "JPY"), Money.of(980, "JPY"),
        Money.of(0, "JPY"), Money.of(980, "JPY"), 0, T0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        1);
    Invoice paid = new Invoice(InvoiceId.of(UUID.fromString("01890f3c-7a2b-7c4d-9e5f-000000000044")), ORG,
        Optional.of("ACME-000043"), InvoiceStatus.PAID, Currency.getInstance("EUR"), Optional.of(new PlanRef("starter", 1)), FEB,
        new BillTo("Acme GmbH", "billing@acme.example", "DE", Optional.empty(), Locale.GERMANY),
        List.of(new InvoiceLine(LineKind.FLAT, "Starter", Optional.of("base"), FEB, BigDecimal.ONE,
            Optional.of(new BigDecimal("900")), eur(900), BillingTiming.IN_ADVANCE, List.of())),
        TaxBehavior.EXCLUSIVE, List.of(), eur(900), eur(0), eur(0), eur(900), eur(0), eur(900), 30, T0,
        Optional.of(T0), Optional.of(T0.plusSeconds(30 * 86_400)), Optional.of(T0.plusSeconds(3600)),
        Optional.of(T0.plusSeconds(3600)), 4);
    return List.of(open, draft, paid);
  }

  /** Invoices as version 2 writes them: issued ones with their seller, addressees with an address. */
  public static List<Invoice> invoicesV2() {
    List<Invoice> v1 = invoices();
    io.nobill.core.invoice.Seller full = io.nobill.core.invoice.Seller.builder().legalName("Example Software GmbH")
        .address(List.of("Musterstraße 1", "Aufgang B"), "10115", "Berlin", "DE")
        .taxRegistration("DE", "VAT", "DE811569869").taxRegistration("GB", "VAT", "GB980780684")
        .taxRegistration("US", "EIN", "12-3456789").email("billing@example.com").phone("+49 30 1234567")
        .website("https://example.com").logoUrl("https://example.com/logo.png")
        .bank("DE89 3704 0044 0532 0130 00", "COBADEFFXXX", "Example Software GmbH").build();
    io.nobill.core.invoice.Seller minimal = io.nobill.core.invoice.Seller.builder().legalName("Tiny Ltd")
        .address(List.of("1 High Street"), "", "Dublin", "IE").email("accounts@tiny.example").build();
    Invoice open = v1.get(0);
    BillTo addressed = new BillTo(open.billTo().name(), open.billTo().email(), open.billTo().country(), open.billTo().taxId(),
        open.billTo().locale(), List.of("Hauptstraße 5", "80331 München"));
    Invoice openV2 = new Invoice(open.id(), open.org(), Optional.of("INV-2024-000042"), open.status(), open.currency(),
        open.plan(), open.period(), addressed, open.lines(), open.taxBehavior(), open.taxLines(), open.subtotal(),
        open.discountTotal(), open.taxTotal(), open.total(), open.creditApplied(), open.amountDue(), open.daysUntilDue(),
        open.createdAt(), open.finalizedAt(), open.dueAt(), open.paidAt(), open.closedAt(), open.version(), Optional.of(full));
    return List.of(openV2, v1.get(1), v1.get(2).withSeller(minimal));
  }

  /** A credit note voiding the version 2 invoice with every line kind, and one of an invoice issued without a seller copy. */
  public static List<io.nobill.core.invoice.CreditNote> creditNotes() {
    List<Invoice> v2 = invoicesV2();
    io.nobill.core.invoice.Seller now = v2.get(2).seller().orElseThrow();
    return List.of(
        io.nobill.core.invoice.CreditNote.voiding(io.nobill.core.id.CreditNoteId.of(
            UUID.fromString("01890f3c-7a2b-7c4d-9e5f-0000000000c1")), v2.get(0), "CN-2024-000007",
            T0.plusSeconds(7200), now, List.of("invoice-voided:" + INVOICE, "reversal:credit-applied")),
        io.nobill.core.invoice.CreditNote.voiding(io.nobill.core.id.CreditNoteId.of(
            UUID.fromString("01890f3c-7a2b-7c4d-9e5f-0000000000c2")), invoices().get(2), "CN-2024-000008",
            T0.plusSeconds(7300), now, List.of()));
  }

  public static List<CollectionState> collectionStates() {
    return List.of(
        CollectionState.due(INVOICE, Optional.of(SUBSCRIPTION), T0),
        new CollectionState(INVOICE, Optional.of(SUBSCRIPTION), 2, Optional.of(T0), Optional.of(T0.plusSeconds(3 * 86_400)),
            Optional.of("card_declined: insufficient funds")),
        new CollectionState(DRAFT, Optional.empty(), 4, Optional.of(T0), Optional.empty(), Optional.of("expired_card")));
  }

  public static List<RevenueSchedule> revenueSchedules() {
    return List.of(
        new RevenueSchedule(INVOICE, eur(5900), FEB, eur(2035), Instant.parse("2024-02-11T00:00:00Z")),
        new RevenueSchedule(DRAFT, Money.of(980, "JPY"), FEB, Money.of(980, "JPY"), FEB.end()));
  }

  public static List<JournalEntry> journalEntries() {
    AccountId receivable = AccountId.of(UUID.fromString("01890f3c-0000-7000-8000-000000000001"));
    AccountId deferred = AccountId.of(UUID.fromString("01890f3c-0000-7000-8000-000000000002"));
    AccountId tax = AccountId.of(UUID.fromString("f1890f3c-0000-7000-8000-000000000003"));
    JournalEntryId first = JournalEntryId.of(UUID.fromString("01890f3c-1111-7000-8000-000000000001"));
    JournalEntry finalized = new JournalEntry(first, 1, "invoice:" + INVOICE + ":finalized", T0, T0.plusNanos(1),
        Reference.of(Reference.Kind.INVOICE, INVOICE), "Invoice ACME-000042\tfinalized",
        List.of(Posting.debit(receivable, eur(6664)), Posting.credit(deferred, eur(5600)), Posting.credit(tax, eur(1064))),
        Optional.empty());
    JournalEntry reversal = new JournalEntry(JournalEntryId.of(UUID.fromString("01890f3c-1111-7000-8000-000000000002")), 2,
        "reverse:" + first, T0.plusSeconds(10), T0.plusSeconds(11), new Reference(Reference.Kind.MANUAL, "ticket-4711"), "",
        List.of(Posting.credit(receivable, eur(6664)), Posting.debit(deferred, eur(5600)), Posting.debit(tax, eur(1064))),
        Optional.of(first));
    return List.of(finalized, reversal);
  }

  public static List<Subscription> subscriptions() {
    return List.of(
        new Subscription(SUBSCRIPTION, ORG, SUBSCRIPTION.toString(), new PlanRef("pro", 2), 3, SubscriptionStatus.TRIALING, FEB,
            Optional.of(Instant.parse("2024-02-15T00:00:00Z")), false, Optional.empty(), Optional.empty(), T0, "internal:1", 1),
        new Subscription(ENDED, ORG, "sub_1OaBcDeFgHiJkL", new PlanRef("enterprise", 1), 250, SubscriptionStatus.CANCELED, JAN,
            Optional.empty(), true, Optional.of(T0), Optional.of(T0.plusSeconds(5)), T0.plusSeconds(5), "evt_1OaBcD", 17),
        new Subscription(SubscriptionId.of(UUID.fromString("01890f3c-7a2b-7c4d-ae5f-000000000009")), ORG, "sub_past_due",
            new PlanRef("pro", 1), 1, SubscriptionStatus.PAST_DUE, FEB, Optional.empty(), false, Optional.empty(),
            Optional.empty(), T0, "evt_2", 5));
  }

  public static List<PaymentMethodRecord> paymentMethods() {
    return List.of(
        new PaymentMethodRecord(Optional.of("pm_1OaBcDeFgHiJkL"), T0, "evt_pm_1"),
        new PaymentMethodRecord(Optional.empty(), T0.plusSeconds(1), "evt_pm_2"));
  }

  public static List<BillingSchedule> billingSchedules() {
    Map<String, Integer> applied = new LinkedHashMap<>();
    applied.put("launch-20", 2);
    applied.put("partner", 1);
    return List.of(
        new BillingSchedule(SUBSCRIPTION, List.of(
            new ProrationItem("Unused time on Pro", Optional.of("base"), LATE_JAN, BigDecimal.ONE, eur(-1130)),
            new ProrationItem("Remaining time on 5 seats", Optional.of("seats"), LATE_JAN, new BigDecimal("5"), eur(1932)),
            new ProrationItem("Adjustment", Optional.empty(), LATE_JAN, new BigDecimal("0.5"), eur(0))),
            Optional.of(new PlanRef("starter", 3)), applied, Optional.of(Instant.parse("2024-01-31T00:00:00Z"))),
        BillingSchedule.empty(ENDED));
  }

  /** Schedules with plan changes in the current period: written as version 2. */
  public static List<BillingSchedule> billingSchedulesV2() {
    BillingSchedule anchored = billingSchedules().get(0);
    return List.of(
        anchored.withPlanChange(new BillingSchedule.PlanChange(new PlanRef("basic", 1),
            Instant.parse("2024-01-10T10:30:00.250Z"))).withPlanChange(new BillingSchedule.PlanChange(
                new PlanRef("premium", 2), Instant.parse("2024-01-20T00:00:00Z"))),
        BillingSchedule.empty(ENDED).withPlanChange(new BillingSchedule.PlanChange(new PlanRef("pro", 1),
            Instant.parse("2024-01-05T00:00:00Z"))));
  }

  public static List<PricingOverrides> pricingOverrides() {
    Map<String, Price> prices = new LinkedHashMap<>();
    prices.put("base", new Price.FlatFee("base", "Enterprise base fee", eur(99_000), BillingTiming.IN_ADVANCE));
    prices.put("support", new Price.FlatFee("support", "Support retainer", eur(5_000), BillingTiming.IN_ARREARS));
    prices.put("seats", new Price.PerSeat("seats", "Seats", PricingModel.graduated(Tier.upTo(10, "1000"),
        Tier.upTo(50, "800", "250"), Tier.rest("500.5")), 5));
    prices.put("api_calls", new Price.Metered("api_calls", "API calls", "api_calls", PricingModel.perUnit("0.06")));
    prices.put("storage", new Price.Metered("storage", "Storage (GB)", "storage_gb",
        PricingModel.volume(Tier.upTo(100, "12", "100"), Tier.rest("9.5"))));
    prices.put("exports", new Price.Metered("exports", "Exports", "exports", PricingModel.packaged(1000, "250", 100)));
    prices.put("seats_flat", new Price.PerSeat("seats_flat", "Seats, flat", PricingModel.perUnit("1500"), 0));
    List<Discount> discounts = List.of(
        new Discount.Percent("launch-20", "Launch 20%", new BigDecimal("20"), DiscountDuration.once()),
        new Discount.Percent("partner", "Partner 12.5%", new BigDecimal("12.5"), DiscountDuration.repeating(3)),
        new Discount.Amount("loyalty", "Loyalty credit", eur(1_000), DiscountDuration.forever()));
    return List.of(
        new PricingOverrides(prices, discounts, Optional.of(eur(50_000))),
        PricingOverrides.NONE);
  }

  public static List<List<EntitlementOverride>> entitlementOverrides() {
    return List.of(
        List.of(
            new EntitlementOverride.FeatureGrant("sso", Optional.of(Instant.parse("2024-06-30T00:00:00Z"))),
            new EntitlementOverride.FeatureRevocation("exports", Optional.empty()),
            new EntitlementOverride.LimitOverride("api_calls", Optional.of(new BigDecimal("1000000")), Enforcement.HARD,
                Optional.of(T0)),
            new EntitlementOverride.LimitOverride("storage_gb", Optional.empty(), Enforcement.SOFT, Optional.empty()),
            new EntitlementOverride.SeatLimitOverride(Optional.of(25), Optional.empty()),
            new EntitlementOverride.SeatLimitOverride(Optional.empty(), Optional.of(T0))),
        List.of());
  }

  public static List<OutboxMessage> outboxMessages() {
    PlanRef pro = new PlanRef("pro", 2);
    List<BillingEvent> events = List.of(
        new BillingEvent.TrialWillEnd("trial-will-end:" + SUBSCRIPTION, ORG, T0, SUBSCRIPTION, FEB.start()),
        new BillingEvent.SubscriptionCreated("created:" + SUBSCRIPTION, ORG, T0, SUBSCRIPTION, pro, 3,
            SubscriptionStatus.TRIALING, Optional.of(FEB.start())),
        new BillingEvent.SubscriptionCreated("created:" + ENDED, ORG, T0, ENDED, pro, 1, SubscriptionStatus.ACTIVE,
            Optional.empty()),
        new BillingEvent.SubscriptionActivated("activated:" + SUBSCRIPTION, ORG, T0, SUBSCRIPTION, pro),
        new BillingEvent.SubscriptionChanged("changed:" + SUBSCRIPTION + ":4", ORG, T0, SUBSCRIPTION, pro, 7, true),
        new BillingEvent.SubscriptionCanceled("canceled:" + ENDED, ORG, T0, ENDED, "customer request"),
        new BillingEvent.InvoiceFinalized("finalized:" + INVOICE, ORG, T0, INVOICE, "ACME-000042", eur(6000)),
        new BillingEvent.InvoicePaid("paid:" + INVOICE, ORG, T0, INVOICE, eur(6000)),
        new BillingEvent.PaymentFailed("payment-failed:" + INVOICE + ":1", ORG, T0, INVOICE, 1,
            Optional.of(T0.plusSeconds(86_400))),
        new BillingEvent.PaymentFailed("payment-failed:" + INVOICE + ":4", ORG, T0, INVOICE, 4, Optional.empty()),
        new BillingEvent.DunningStep("dunning:" + INVOICE + ":2", ORG, T0, INVOICE, 2, "retry"),
        new BillingEvent.QuotaExceeded("quota:api_calls:2024-02", ORG, T0, "api_calls", new BigDecimal("10000"),
            new BigDecimal("10000.5")),
        new BillingEvent.WorkStuck("stuck:outbox-delivery:x", ORG, T0, "outbox-delivery", INVOICE.toString(), LATE_JAN.start(),
            5, "java.lang.IllegalStateException: listener \"crm\" failed"));
    List<OutboxMessage> messages = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      OutboxMessageId id = OutboxMessageId.of(UUID.fromString(String.format("01890f3c-2222-7000-8000-%012d", i + 1)));
      OutboxMessage pending = OutboxMessage.pending(id, events.get(i), "crm", T0);
      messages.add(switch (i % 4) {
        case 0 -> pending;
        case 1 -> pending.attempting(T0.plusSeconds(30), T0.plusSeconds(60));
        case 2 -> pending.attempting(T0.plusSeconds(30), T0.plusSeconds(60)).delivered(T0.plusSeconds(1));
        default -> pending.failed("java.io.IOException: timeout", T0.plusSeconds(60)).abandoned(T0.plusSeconds(90),
            "no listener named crm is registered");
      });
    }
    return messages;
  }

  /** A chain of three entries, as {@code AuditTrail} writes them: each hashed over its content and its predecessor's hash. */
  public static List<AuditEntry> auditEntries() {
    AuditEntry first = AuditEntry.chain(ORG, 1, T0, "user:01890f3c-3333-7000-8000-000000000001", Optional.empty(),
        "organization.provisioned", AuditTarget.of("organization", ORG), Map.of(),
        Map.of("name", "Acme GmbH", "country", "DE", "currency", "EUR"), AuditEntry.GENESIS);
    AuditEntry second = AuditEntry.chain(ORG, 2, T0.plusNanos(1), "user:01890f3c-3333-7000-8000-000000000002",
        Optional.of("operator:support@nobill.example"), "organization.profile_changed", AuditTarget.of("organization", ORG),
        Map.of("name", "Acme GmbH", "billingEmail", "billing@acme.example"),
        Map.of("name", "Acme | 2:x ☕ \"quoted\"", "billingEmail", "ap@acme.example"), first.hash());
    AuditEntry third = AuditEntry.chain(ORG, 3, Instant.parse("2024-02-01T00:00:00Z"), "system", Optional.empty(),
        "invoice.finalized", AuditTarget.of("invoice", INVOICE), Map.of("status", "draft"),
        Map.of("status", "open", "number", "ACME-000042", "total", "66.64 EUR"), second.hash());
    return List.of(first, second, third);
  }

  public static List<InboxEntry> inboxEntries() {
    return List.of(
        new InboxEntry("evt_1OaBcDeFgHiJkL", "customer.subscription.updated", "sub_1OaBcDeFgHiJkL", T0, T0.plusSeconds(2),
            InboxEntry.Outcome.APPLIED),
        new InboxEntry("evt_old", "invoice.paid", "in_1", T0.minusSeconds(60), T0, InboxEntry.Outcome.IGNORED_STALE),
        new InboxEntry("request:renew/" + SUBSCRIPTION, "internal.renewal", SUBSCRIPTION.toString(), T0, T0,
            InboxEntry.Outcome.NO_CHANGE));
  }

  /** Usage events' properties; an event without properties stores NULL, not a body. */
  public static List<Map<String, String>> usageProperties() {
    return List.of(
        Map.of("region", "eu-west-1"),
        Map.of("region", "us-east-1", "endpoint", "/v1/invoices?limit=10", "client", "ünïcødé ✓"));
  }
}
