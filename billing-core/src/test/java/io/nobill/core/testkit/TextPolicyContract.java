package io.nobill.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.nobill.core.access.Actor;
import io.nobill.core.Billing;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.audit.AuditEntry;
import io.nobill.core.audit.AuditQuery;
import io.nobill.core.audit.AuditVerification;
import io.nobill.core.catalog.Discount;
import io.nobill.core.catalog.DiscountDuration;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.event.InboxEntry;
import io.nobill.core.event.ProviderEvent;
import io.nobill.core.event.ProviderEvents;
import io.nobill.core.id.JournalEntryId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.ledger.ChartOfAccounts;
import io.nobill.core.ledger.JournalEntry;
import io.nobill.core.ledger.NewJournalEntry;
import io.nobill.core.ledger.Posting;
import io.nobill.core.ledger.Reference;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.org.Organization;
import io.nobill.core.org.ProfileChange;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.subscription.PaymentMethodRecord;
import io.nobill.core.payment.SimulatedCardCollector;
import io.nobill.core.subscription.SubscriptionSettings;
import io.nobill.core.tax.regional.RegionalTaxTable;
import io.nobill.core.text.TextPolicy;
import io.nobill.core.usage.UsageEvent;
import io.nobill.core.usage.UsageRecord;
import io.nobill.core.usage.UsageResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one text policy on a store: the same hostile strings go through the public API into
 * every field NOBill stores, and every store must answer exactly alike — accepted and read back
 * identical, character for character, or refused with an {@link InvalidRequestException}
 * naming the field and the rule, with nothing written (the audit chain, the ledger sequence,
 * the usage totals and the profile are unchanged).
 *
 * <p>The expected verdicts are written out here for each string, not computed by the policy:
 * what a store accepts is part of the contract.
 */
public abstract class TextPolicyContract {
  protected static final Actor OPERATOR = Actor.operator("ops-1");
  protected static final Actor JOB = Actor.job("metering");
  protected static final Actor STRIPE = Actor.provider("stripe");

  private static final String MALFORMED = TextPolicy.MALFORMED;
  private static final String CONTROL = TextPolicy.CONTROL;
  private static final String CONTROL_ML = TextPolicy.CONTROL_MULTILINE;
  private static final String PADDED = TextPolicy.PADDED;
  private static final String BLANK = TextPolicy.BLANK;
  private static final String EMPTY = TextPolicy.EMPTY;
  private static final String OK = null;

  /**
   * A hostile string and the rule it breaks as a key, as one-line text and as free text;
   * {@code null} where it is accepted.
   */
  protected record Hostile(String label, String text, String asKey, String asLine, String asFreeText) {}

  /** Strings every text field meets, with what the policy must say of them in each shape. */
  protected static final List<Hostile> HOSTILE = List.of(
      new Hostile("unpaired high surrogate", "ab\uD800cd", MALFORMED, MALFORMED, MALFORMED),
      new Hostile("unpaired low surrogate", "\uDC00ab", MALFORMED, MALFORMED, MALFORMED),
      new Hostile("surrogates in the wrong order", "a\uDE00\uD83Db", MALFORMED, MALFORMED, MALFORMED),
      new Hostile("high surrogate at the end", "ab\uD83D", MALFORMED, MALFORMED, MALFORMED),
      new Hostile("NUL", "a\u0000b", CONTROL, CONTROL, CONTROL_ML),
      new Hostile("bell", "a\u0007b", CONTROL, CONTROL, CONTROL_ML),
      new Hostile("terminal escape", "\u001B[31mred", CONTROL, CONTROL, CONTROL_ML),
      new Hostile("DEL", "a\u007Fb", CONTROL, CONTROL, CONTROL_ML),
      new Hostile("C1 next line", "a\u0085b", CONTROL, CONTROL, CONTROL_ML),
      new Hostile("C1 control sequence introducer", "a\u009Bb", CONTROL, CONTROL, CONTROL_ML),
      new Hostile("line feed", "a\nb", CONTROL, CONTROL, OK),
      new Hostile("tab and CRLF", "a\tb\r\nc", CONTROL, CONTROL, OK),
      new Hostile("leading space", " abc", PADDED, OK, OK),
      new Hostile("trailing space", "abc ", PADDED, OK, OK),
      new Hostile("leading no-break space", "\u00A0abc", PADDED, OK, OK),
      new Hostile("trailing ideographic space", "abc\u3000", PADDED, OK, OK),
      new Hostile("only spaces", "   ", BLANK, BLANK, BLANK),
      new Hostile("right-to-left override", "abc\u202Edef", OK, OK, OK),
      new Hostile("zero-width characters and BOM", "a\u200Bb\u200Cc\u200Dd\uFEFF", OK, OK, OK),
      new Hostile("combining sequence", "e\u0301\u0302\u0303\u0304", OK, OK, OK),
      new Hostile("precomposed letter", "caf\u00E9", OK, OK, OK),
      new Hostile("emoji with joiners and flags", "😀👩‍👩‍👧🏳️‍🌈", OK, OK, OK),
      new Hostile("last code point and noncharacters", "\uDBFF\uDFFF\uFFFF\uFFFE", OK, OK, OK),
      new Hostile("SQL injection", "'; DROP TABLE nobill_usage_event; --", OK, OK, OK),
      new Hostile("SQL wildcards, quotes, backslash", "%_\\'\"`$1", OK, OK, OK),
      new Hostile("HTML", "<script>alert('x')</script>&amp;", OK, OK, OK),
      new Hostile("escaped NUL as text", "\\u0000\\n", OK, OK, OK),
      new Hostile("CJK and Arabic", "日本語 مرحبا", OK, OK, OK));

  protected abstract BillingStore newStore();

  protected TestClock clock;
  protected BillingStore store;
  protected Billing billing;
  protected UserId owner;
  protected OrgId acme;

  @BeforeEach
  void setUpTextPolicy() {
    clock = TestClock.at("2026-01-01T09:00:00Z");
    store = newStore();
    billing = Billing.builder()
        .store(store)
        .catalog(SeedCatalog.create("EUR"))
        .taxCalculator(RegionalTaxTable.builder().sellerCountry("DE").build())
        .paymentCollector(new SimulatedCardCollector())
        .clock(clock)
        .idGenerator(IdGenerator.sequential())
        .subscriptions(SubscriptionSettings.defaults(SeedCatalog.PRO))
        .build();
    owner = billing.ids().next(UserId::of);
    acme = provision(OPERATOR, "Acme", "billing@acme.example");
  }

  private OrgId provision(Actor actor, String name, String email) {
    return billing.organizations().provision(actor, new NewOrganization(Optional.empty(), name, email, "DE",
        Optional.empty(), Money.currency("EUR"), Locale.GERMANY, owner)).id();
  }

  /** Strings of {@code limit} characters and around it, counted in code points. */
  private static List<Hostile> lengths(int limit) {
    String tooLong = TextPolicy.tooLong(limit);
    return List.of(
        new Hostile("ASCII at the limit", "k".repeat(limit), OK, OK, OK),
        new Hostile("emoji at the limit", "😀".repeat(limit), OK, OK, OK),
        new Hostile("combining marks at the limit", "e" + "\u0301".repeat(limit - 1), OK, OK, OK),
        new Hostile("ASCII one over", "k".repeat(limit + 1), tooLong, tooLong, tooLong),
        new Hostile("emoji one over", "😀".repeat(limit + 1), tooLong, tooLong, tooLong),
        new Hostile("far over", "k".repeat(100 * limit), tooLong, tooLong, tooLong));
  }

  private static List<Hostile> with(List<Hostile> more) {
    List<Hostile> all = new ArrayList<>(HOSTILE);
    all.addAll(more);
    return all;
  }

  private long auditLength(OrgId org) {
    AuditVerification v = billing.audit().verify(OPERATOR, org);
    assertThat(v).isInstanceOf(AuditVerification.Intact.class);
    return ((AuditVerification.Intact) v).entries();
  }

  private long ledgerSequence(OrgId org) {
    return store.inTenant(org, tx -> tx.ledger().lastSequence());
  }

  private BigDecimal apiCalls(OrgId org) {
    return billing.usage().totals(JOB, org, billing.subscriptions().current(JOB, org).orElseThrow().currentPeriod())
        .get(SeedCatalog.API_CALLS);
  }

  /** Asserts that {@code call} was refused naming {@code field} and {@code rule}. */
  private static void assertRefused(String label, Supplier<?> call, String field, String rule) {
    Throwable thrown = catchThrowable(call::get);
    assertThat(thrown).as(label).isInstanceOf(InvalidRequestException.class);
    InvalidRequestException e = (InvalidRequestException) thrown;
    assertThat(e.field()).as(label + ": field").isEqualTo(field);
    assertThat(e.rule()).as(label + ": rule").isEqualTo(rule);
  }

  // ---- usage --------------------------------------------------------------------------------

  @Test
  void oneBatchAnswersEveryHostileKeyValueAndPropertyOnItsOwnAndCountsTheRest() {
    List<Hostile> cases = new ArrayList<>(with(lengths(255)));
    cases.add(new Hostile("empty", "", EMPTY, BLANK, BLANK));
    // Per case: the string as a key, then as a value and as a property of events with good
    // keys, then a good event; one batch holds them all. Property values have their own limit,
    // tried elsewhere: here they take the strings of every length only.
    List<UsageEvent> batch = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      String text = cases.get(i).text();
      batch.add(UsageEvent.of(SeedCatalog.API_CALLS, text, clock.instant(), BigDecimal.ONE));
      batch.add(new UsageEvent(SeedCatalog.API_CALLS, "value-" + i, clock.instant(), new BigDecimal("100"),
          Optional.of(text), Map.of()));
      batch.add(new UsageEvent(SeedCatalog.API_CALLS, "property-" + i, clock.instant(), new BigDecimal("1000"),
          Optional.empty(), Map.of("note", i < HOSTILE.size() ? text : "x")));
      batch.add(UsageEvent.of(SeedCatalog.API_CALLS, "good-" + i, clock.instant(), BigDecimal.TEN));
    }
    List<UsageResult> results = billing.usage().recordAll(JOB, acme, batch);
    long expected = 0;
    for (int i = 0; i < cases.size(); i++) {
      Hostile h = cases.get(i);
      UsageResult asKey = results.get(4 * i);
      assertThat(asKey.idempotencyKey()).as(h.label()).isEqualTo(h.text());
      if (h.asKey() == null) {
        assertThat(asKey).as(h.label()).isInstanceOf(UsageResult.Accepted.class);
        expected += 1;
      } else {
        assertThat(asKey).as(h.label()).isEqualTo(new UsageResult.Rejected(h.text(), "idempotencyKey", h.asKey()));
        assertThat(((UsageResult.Rejected) asKey).toException()).isInstanceOf(InvalidRequestException.class);
      }
      UsageResult asValue = results.get(4 * i + 1);
      String valueRule = h.asKey();
      if (valueRule == null) {
        assertThat(asValue).as(h.label() + " as value").isInstanceOf(UsageResult.Accepted.class);
        expected += 100;
      } else {
        assertThat(asValue).as(h.label() + " as value").isEqualTo(new UsageResult.Rejected("value-" + i, "value", valueRule));
      }
      UsageResult asProperty = results.get(4 * i + 2);
      // A property's value may be empty or blank; otherwise it is text on one line.
      if (i >= HOSTILE.size() || h.asLine() == null || h.asLine().equals(BLANK)) {
        assertThat(asProperty).as(h.label() + " as property").isInstanceOf(UsageResult.Accepted.class);
        expected += 1000;
      } else {
        assertThat(asProperty).as(h.label() + " as property")
            .isEqualTo(new UsageResult.Rejected("property-" + i, "properties", "values " + h.asLine()));
      }
      assertThat(results.get(4 * i + 3)).as("the good event after " + h.label()).isInstanceOf(UsageResult.Accepted.class);
      expected += 10;
    }
    assertThat(apiCalls(acme)).isEqualByComparingTo(BigDecimal.valueOf(expected));
    // Every accepted key is stored exactly as given, and a retry of the batch counts nothing.
    for (Hostile h : cases) {
      if (h.asKey() == null) {
        Optional<UsageRecord> stored = store.inTenant(acme, tx -> tx.usage().find(h.text()));
        assertThat(stored.map(UsageRecord::idempotencyKey)).as(h.label()).contains(h.text());
      }
    }
    List<UsageResult> retried = billing.usage().recordAll(JOB, acme, batch);
    for (int i = 0; i < batch.size(); i++) {
      Class<?> expectedType = results.get(i) instanceof UsageResult.Rejected ? UsageResult.Rejected.class
          : UsageResult.Duplicate.class;
      assertThat(retried.get(i)).as(batch.get(i).idempotencyKey()).isInstanceOf(expectedType);
    }
    assertThat(apiCalls(acme)).isEqualByComparingTo(BigDecimal.valueOf(expected));
  }

  @Test
  void keysDifferingOnlyInCaseOrUnicodeFormAreDifferentKeys() {
    List<String> keys = List.of("Key-1", "key-1", "KEY-1", "caf\u00E9", "cafe\u0301", "\u212Bngstr\u00F6m", "\u00C5ngstr\u00F6m");
    List<UsageEvent> batch = keys.stream()
        .map(k -> UsageEvent.of(SeedCatalog.API_CALLS, k, clock.instant(), BigDecimal.ONE)).toList();
    assertThat(billing.usage().recordAll(JOB, acme, batch)).allMatch(r -> r instanceof UsageResult.Accepted);
    assertThat(billing.usage().recordAll(JOB, acme, batch)).allMatch(r -> r instanceof UsageResult.Duplicate);
    assertThat(apiCalls(acme)).isEqualByComparingTo(BigDecimal.valueOf(keys.size()));
    for (String k : keys) {
      Optional<UsageRecord> stored = store.inTenant(acme, tx -> tx.usage().find(k));
      assertThat(stored.map(UsageRecord::idempotencyKey)).contains(k);
    }
  }

  @Test
  void valuesAndPropertiesFollowThePolicyPerEvent() {
    List<Hostile> values = with(lengths(255));
    for (int i = 0; i < values.size(); i++) {
      Hostile h = values.get(i);
      String key = "value-" + i;
      UsageResult r = billing.usage().record(JOB, acme, new UsageEvent(SeedCatalog.API_CALLS, key, clock.instant(),
          BigDecimal.ONE, Optional.of(h.text()), Map.of()));
      if (h.asKey() == null) {
        assertThat(r).as(h.label()).isInstanceOf(UsageResult.Accepted.class);
        assertThat(store.inTenant(acme, tx -> tx.usage().find(key)).flatMap(UsageRecord::value)).as(h.label())
            .contains(h.text());
      } else {
        assertThat(r).as(h.label()).isEqualTo(new UsageResult.Rejected(key, "value", h.asKey()));
        Optional<UsageRecord> stored = store.inTenant(acme, tx -> tx.usage().find(key));
        assertThat(stored).as(h.label()).isEmpty();
      }
    }
    List<Hostile> properties = with(lengths(256));
    for (int i = 0; i < properties.size(); i++) {
      Hostile h = properties.get(i);
      String key = "property-" + i;
      UsageResult r = billing.usage().record(JOB, acme, new UsageEvent(SeedCatalog.API_CALLS, key, clock.instant(),
          BigDecimal.ONE, Optional.empty(), Map.of("note", h.text())));
      // A property's value may be empty or blank; otherwise it is text on one line.
      String rule = BLANK.equals(h.asLine()) ? null : h.asLine();
      if (rule == null) {
        assertThat(r).as(h.label()).isInstanceOf(UsageResult.Accepted.class);
        assertThat(store.inTenant(acme, tx -> tx.usage().find(key)).map(UsageRecord::properties)).as(h.label())
            .contains(Map.of("note", h.text()));
      } else {
        assertThat(r).as(h.label()).isEqualTo(new UsageResult.Rejected(key, "properties", "values " + rule));
      }
    }
    UsageResult badPropertyKey = billing.usage().record(JOB, acme, new UsageEvent(SeedCatalog.API_CALLS, "pk",
        clock.instant(), BigDecimal.ONE, Optional.empty(), Map.of("no\u0000te", "x")));
    assertThat(badPropertyKey).isEqualTo(new UsageResult.Rejected("pk", "properties", "keys " + CONTROL));
  }

  @Test
  void cancelingByAKeyNoEventCanHaveIsRefusedNotLookedUp() {
    for (Hostile h : with(lengths(255))) {
      if (h.asKey() == null) {
        assertThatThrownBy(() -> billing.usage().cancel(JOB, acme, h.text())).as(h.label())
            .isInstanceOf(NotFoundException.class);
      } else {
        assertRefused(h.label(), () -> {
          billing.usage().cancel(JOB, acme, h.text());
          return null;
        }, "idempotencyKey", h.asKey());
      }
    }
  }

  // ---- organizations ------------------------------------------------------------------------

  @Test
  void organizationNamesAreOneLineTextReadBackExactly() {
    for (Hostile h : with(lengths(200))) {
      long audit = auditLength(acme);
      Organization before = billing.organizations().get(OPERATOR, acme);
      Supplier<Organization> update = () -> billing.organizations().updateProfile(Actor.member(owner), acme,
          ProfileChange.NONE.withName(h.text()));
      if (h.asLine() == null) {
        update.get();
        assertThat(billing.organizations().get(OPERATOR, acme).name()).as(h.label()).isEqualTo(h.text());
        assertThat(auditLength(acme)).as(h.label()).isEqualTo(audit + 1);
        List<AuditEntry> last = billing.audit().query(OPERATOR, acme, AuditQuery.ALL, audit, 1);
        assertThat(last.get(0).after().get("name")).as(h.label()).isEqualTo(h.text());
      } else {
        assertRefused(h.label(), update, "name", h.asLine());
        assertThat(billing.organizations().get(OPERATOR, acme)).as(h.label()).isEqualTo(before);
        assertThat(auditLength(acme)).as(h.label()).isEqualTo(audit);
      }
    }
  }

  /** External references are keys, found again exactly by the operators' search on every store. */
  @Test
  void externalReferencesAreKeysReadBackAndFoundExactly() {
    for (Hostile h : with(lengths(io.nobill.core.org.Organization.MAX_EXTERNAL_REF))) {
      long audit = auditLength(acme);
      Organization before = billing.organizations().get(OPERATOR, acme);
      Supplier<Organization> update = () -> billing.organizations().updateProfile(Actor.member(owner), acme,
          ProfileChange.NONE.withExternalRef(Optional.of(h.text())));
      if (h.asKey() == null) {
        update.get();
        assertThat(billing.organizations().get(OPERATOR, acme).externalRef()).as(h.label()).contains(h.text());
        assertThat(billing.organizations().search(OPERATOR, io.nobill.core.org.OrganizationQuery.externalRef(h.text()),
            Optional.empty(), 10)).as(h.label()).containsExactly(acme);
      } else {
        assertRefused(h.label(), update, "externalRef", h.asKey());
        assertThat(billing.organizations().get(OPERATOR, acme)).as(h.label()).isEqualTo(before);
        assertThat(auditLength(acme)).as(h.label()).isEqualTo(audit);
      }
    }
  }

  /** Metadata values and address lines are one-line text, read back exactly; names are found by any substring. */
  @Test
  void metadataValuesAndAddressLinesAreOneLineTextReadBackExactly() {
    for (Hostile h : with(lengths(io.nobill.core.org.Organization.MAX_METADATA_VALUE))) {
      Organization before = billing.organizations().get(OPERATOR, acme);
      Supplier<Organization> update = () -> billing.organizations().updateProfile(Actor.member(owner), acme,
          ProfileChange.NONE.withMetadata(java.util.Map.of("note", h.text())));
      // A metadata value may be empty or blank: it is the host's.
      String rule = TextPolicy.BLANK.equals(h.asLine()) || TextPolicy.EMPTY.equals(h.asLine()) ? null : h.asLine();
      if (rule == null) {
        update.get();
        assertThat(billing.organizations().get(OPERATOR, acme).metadata()).as(h.label())
            .containsExactly(java.util.Map.entry("note", h.text()));
      } else {
        assertRefused(h.label(), update, "metadata.note", rule);
        assertThat(billing.organizations().get(OPERATOR, acme)).as(h.label()).isEqualTo(before);
      }
    }
    for (Hostile h : with(lengths(200))) {
      Organization before = billing.organizations().get(OPERATOR, acme);
      Supplier<Organization> update = () -> billing.organizations().updateProfile(Actor.member(owner), acme,
          ProfileChange.NONE.withAddress(Optional.of(io.nobill.core.org.Address.of(h.text(), "Berlin", "10117", "DE"))));
      if (h.asLine() == null) {
        update.get();
        assertThat(billing.organizations().get(OPERATOR, acme).address().orElseThrow().line1()).as(h.label())
            .isEqualTo(h.text());
      } else {
        assertRefused(h.label(), update, "address.line1", h.asLine());
        assertThat(billing.organizations().get(OPERATOR, acme)).as(h.label()).isEqualTo(before);
      }
    }
    for (String name : List.of("100%_off \\ 'quoted' [x]", "日本語 Acme 😀", "a!b!!c")) {
      billing.organizations().updateProfile(Actor.member(owner), acme, ProfileChange.NONE.withName(name));
      // Cut at code points, never inside a surrogate pair.
      String inner = name.substring(name.offsetByCodePoints(0, 1), name.offsetByCodePoints(name.length(), -1));
      for (String part : List.of(name, inner, name.toUpperCase(Locale.ROOT))) {
        assertThat(billing.organizations().search(OPERATOR, io.nobill.core.org.OrganizationQuery.nameContains(part),
            Optional.empty(), 10)).as(part).containsExactly(acme);
      }
    }
  }

  @Test
  void aRefusedProvisioningWritesNoOrganization() {
    for (Hostile h : with(lengths(200))) {
      OrgId id = billing.ids().next(OrgId::of);
      Supplier<Organization> provision = () -> billing.organizations().provision(OPERATOR, new NewOrganization(
          Optional.of(id), h.text(), "billing@acme.example", "DE", Optional.empty(), Money.currency("EUR"),
          Locale.GERMANY, owner));
      if (h.asLine() == null) {
        provision.get();
        assertThat(billing.organizations().get(OPERATOR, id).name()).as(h.label()).isEqualTo(h.text());
      } else {
        assertRefused(h.label(), provision, "name", h.asLine());
        assertThatThrownBy(() -> billing.organizations().get(OPERATOR, id)).as(h.label())
            .isInstanceOf(NotFoundException.class);
        assertThat(billing.organizations().organizationsOf(owner)).as(h.label()).doesNotContain(id);
      }
    }
  }

  @Test
  void localesWithScriptsVariantsAndExtensionsAreReadBackExactly() {
    for (String tag : List.of("de-DE", "zh-Hant-TW", "sr-Latn-RS", "de-CH-1996", "ja-JP-u-ca-japanese", "und",
        "en-US-x-private")) {
      Locale locale = Locale.forLanguageTag(tag);
      OrgId org = billing.organizations().provision(OPERATOR, new NewOrganization(Optional.empty(), "Org " + tag,
          "billing@acme.example", "DE", Optional.empty(), Money.currency("EUR"), locale, owner)).id();
      assertThat(billing.organizations().get(OPERATOR, org).locale()).as(tag).isEqualTo(locale);
      assertThat(billing.organizations().get(OPERATOR, org).locale().toLanguageTag()).as(tag).isEqualTo(tag);
    }
  }

  @Test
  void billingEmailsAreOneAddressWithoutControlOrDelimiterCharacters() {
    String shape = "must be an email address like billing@example.com";
    String local241 = "😀".repeat(241);
    Object[][] cases = {
        {"billing\u0000@acme.example", CONTROL},
        {"bill\u0007ing@acme.example", CONTROL},
        {"billing@acme.example\u0085", CONTROL},
        {"billing@acme.ex\u009Bample", CONTROL},
        {"bil\uD800ling@acme.example", MALFORMED},
        {"billing@acme.example\r\nBcc: victim@evil.example", shape},
        {"billing@acme.example\nBcc:x@evil.example", shape},
        {"\"x\"@acme.example", shape},
        {"a<b>@acme.example", shape},
        {"a,b@acme.example", shape},
        {"a b@acme.example", shape},
        {"a\u00A0b@acme.example", shape},
        {" billing@acme.example", shape},
        {"", shape},
        {"jörg@müller.example", null},
        {"😀@acme.example", null},
        {"o'brien+tag@acme.example", null},
        {"a\u202Eb@acme.example", null},
        {local241 + "@acme.example", null},
        {local241 + "x@acme.example", TextPolicy.tooLong(254)},
    };
    for (Object[] c : cases) {
      String email = (String) c[0];
      String rule = (String) c[1];
      long audit = auditLength(acme);
      Supplier<Organization> update = () -> billing.organizations().updateProfile(Actor.member(owner), acme,
          ProfileChange.NONE.withBillingEmail(email));
      if (rule == null) {
        update.get();
        assertThat(billing.organizations().get(OPERATOR, acme).billingEmail()).as(email).isEqualTo(email);
      } else {
        String before = billing.organizations().get(OPERATOR, acme).billingEmail();
        assertRefused(email, update, "billingEmail", rule);
        assertThat(billing.organizations().get(OPERATOR, acme).billingEmail()).as(email).isEqualTo(before);
        assertThat(auditLength(acme)).as(email).isEqualTo(audit);
      }
    }
  }

  @Test
  void operatorIdsAreKeysReadBackInTheAuditTrail() {
    for (Hostile h : with(lengths(255))) {
      Supplier<OrgId> provision = () -> provision(Actor.operator(h.text()), "Org", "billing@acme.example");
      if (h.asKey() == null) {
        OrgId org = provision.get();
        List<AuditEntry> found = billing.audit().query(OPERATOR, org,
            AuditQuery.ALL.withActor("operator:" + h.text()), 0, 10);
        assertThat(found).as(h.label()).isNotEmpty();
        assertThat(found.get(0).actor()).as(h.label()).isEqualTo("operator:" + h.text());
      } else {
        assertRefused(h.label(), provision, "operatorId", h.asKey());
      }
    }
  }

  @Test
  void auditFiltersNoEntryCanMatchAreRefusedNotLookedUp() {
    long entries = auditLength(acme);
    for (Hostile h : HOSTILE) {
      for (String field : List.of("actor", "action")) {
        Supplier<List<AuditEntry>> query = () -> billing.audit().query(OPERATOR, acme,
            field.equals("actor") ? AuditQuery.ALL.withActor(h.text()) : AuditQuery.ALL.withAction(h.text()), 0, 10);
        if (h.asKey() == null) {
          assertThat(query.get()).as(h.label() + " as " + field).isEmpty();
        } else {
          assertRefused(h.label() + " as " + field, query, field, h.asKey());
        }
      }
    }
    assertThat(billing.audit().query(OPERATOR, acme, AuditQuery.ALL.withAction("organization.provisioned"), 0, 10))
        .hasSize(1);
    assertThat(auditLength(acme)).isEqualTo(entries);
  }

  // ---- ledger -------------------------------------------------------------------------------

  private ChartOfAccounts chart() {
    return billing.ledger().chart(OPERATOR, acme, Money.currency("EUR")).orElseThrow();
  }

  private NewJournalEntry entry(String key, String referenceId, String memo) {
    ChartOfAccounts chart = chart();
    Money amount = Money.ofMajor("1.00", "EUR");
    return new NewJournalEntry(key, clock.instant(), new Reference(Reference.Kind.MANUAL, referenceId), memo,
        List.of(Posting.debit(chart.id(AccountCode.CASH_CLEARING), amount),
            Posting.credit(chart.id(AccountCode.RECEIVABLE), amount)));
  }

  @Test
  void journalKeysReferencesAndMemosAreReadBackExactly() {
    List<Hostile> keys = with(lengths(255));
    for (int i = 0; i < keys.size(); i++) {
      Hostile h = keys.get(i);
      long sequence = ledgerSequence(acme);
      if (h.asKey() == null) {
        billing.ledger().post(OPERATOR, acme, entry(h.text(), "ref", "memo"));
        assertThat(billing.ledger().entryByKey(OPERATOR, acme, h.text()).map(JournalEntry::idempotencyKey))
            .as(h.label()).contains(h.text());
      } else {
        assertRefused(h.label(), () -> billing.ledger().post(OPERATOR, acme, entry(h.text(), "ref", "memo")),
            "idempotencyKey", h.asKey());
        assertRefused(h.label(), () -> billing.ledger().entryByKey(OPERATOR, acme, h.text()), "idempotencyKey",
            h.asKey());
        assertThat(ledgerSequence(acme)).as(h.label()).isEqualTo(sequence);
      }
      long afterKey = ledgerSequence(acme);
      String referenceRule = EMPTY.equals(h.asKey()) ? BLANK : h.asKey();
      if (referenceRule == null) {
        billing.ledger().post(OPERATOR, acme, entry("reference-" + i, h.text(), "memo"));
        assertThat(billing.ledger().entryByKey(OPERATOR, acme, "reference-" + i).orElseThrow().reference().id())
            .as(h.label()).isEqualTo(h.text());
      } else {
        String key = "reference-" + i;
        assertRefused(h.label(), () -> billing.ledger().post(OPERATOR, acme, entry(key, h.text(), "m")),
            "reference.id", referenceRule);
        assertThat(ledgerSequence(acme)).as(h.label()).isEqualTo(afterKey);
      }
    }
    List<Hostile> memos = with(lengths(500));
    for (int i = 0; i < memos.size(); i++) {
      Hostile h = memos.get(i);
      long sequence = ledgerSequence(acme);
      // A memo may be empty or blank; otherwise it is free text.
      String rule = BLANK.equals(h.asFreeText()) ? null : h.asFreeText();
      if (rule == null) {
        billing.ledger().post(OPERATOR, acme, entry("memo-" + i, "ref", h.text()));
        assertThat(billing.ledger().entryByKey(OPERATOR, acme, "memo-" + i).orElseThrow().memo()).as(h.label())
            .isEqualTo(h.text());
      } else {
        String key = "memo-" + i;
        assertRefused(h.label(), () -> billing.ledger().post(OPERATOR, acme, entry(key, "ref", h.text())), "memo", rule);
        assertThat(ledgerSequence(acme)).as(h.label()).isEqualTo(sequence);
      }
    }
    billing.ledger().post(OPERATOR, acme, entry("empty-memo", "ref", ""));
    assertThat(billing.ledger().entryByKey(OPERATOR, acme, "empty-memo").orElseThrow().memo()).isEmpty();
  }

  @Test
  void reversalReasonsAreFreeTextReadBackInTheMemoAndTheAudit() {
    List<Hostile> reasons = with(lengths(400));
    for (int i = 0; i < reasons.size(); i++) {
      Hostile h = reasons.get(i);
      JournalEntryId posted = billing.ledger().post(OPERATOR, acme, entry("to-reverse-" + i, "ref", "m")).entry().id();
      long sequence = ledgerSequence(acme);
      long audit = auditLength(acme);
      if (h.asFreeText() == null) {
        JournalEntry reversal = billing.ledger().reverse(OPERATOR, acme, posted, h.text());
        JournalEntry stored = billing.ledger().entry(OPERATOR, acme, reversal.id()).orElseThrow();
        assertThat(stored.memo()).as(h.label()).endsWith(": " + h.text());
        List<AuditEntry> last = billing.audit().query(OPERATOR, acme, AuditQuery.ALL, audit, 1);
        assertThat(last.get(0).after().get("reason")).as(h.label()).isEqualTo(h.text());
      } else {
        assertRefused(h.label(), () -> billing.ledger().reverse(OPERATOR, acme, posted, h.text()), "reason",
            h.asFreeText());
        assertThat(billing.ledger().reversalOf(OPERATOR, acme, posted)).as(h.label()).isEmpty();
        assertThat(ledgerSequence(acme)).as(h.label()).isEqualTo(sequence);
        assertThat(auditLength(acme)).as(h.label()).isEqualTo(audit);
      }
    }
  }

  // ---- provider events, request keys, overrides ---------------------------------------------

  @Test
  void providerEventIdsObjectIdsAndPaymentMethodsAreKeysReadBackExactly() {
    List<Hostile> ids = with(lengths(255));
    for (int i = 0; i < ids.size(); i++) {
      Hostile h = ids.get(i);
      for (String field : List.of("eventId", "objectId", "paymentMethod")) {
        clock.advance(Duration.ofSeconds(1));
        String eventId = field.equals("eventId") ? h.text() : field + "-" + i;
        String objectId = field.equals("objectId") ? h.text() : "cs_" + i;
        String paymentMethod = field.equals("paymentMethod") ? h.text() : "pm_card_visa";
        long audit = auditLength(acme);
        Supplier<ProviderEvents.Applied> apply = () -> billing.apply(STRIPE,
            new ProviderEvent.CheckoutCompleted(eventId, acme, objectId, clock.instant(), paymentMethod));
        String label = h.label() + " as " + field;
        if (h.asKey() == null) {
          assertThat(apply.get()).as(label).isInstanceOf(ProviderEvents.Applied.Recorded.class);
          assertThat(apply.get()).as(label).isInstanceOf(ProviderEvents.Applied.Duplicate.class);
          Optional<InboxEntry> inbox = store.inTenant(acme, tx -> tx.inbox().find(eventId));
          assertThat(inbox.map(InboxEntry::objectId)).as(label).contains(objectId);
          Optional<PaymentMethodRecord> method = store.inTenant(acme, tx -> tx.subscriptions().paymentMethod());
          assertThat(method.flatMap(PaymentMethodRecord::reference)).as(label).contains(paymentMethod);
        } else {
          assertRefused(label, apply, field, h.asKey());
          assertThat(auditLength(acme)).as(label).isEqualTo(audit);
        }
      }
    }
  }

  @Test
  void requestKeysAreKeysAndARepeatDoesNothing() {
    List<Hostile> keys = with(lengths(200));
    for (Hostile h : keys) {
      long audit = auditLength(acme);
      if (h.asKey() == null) {
        billing.subscriptions().withRequestKey(h.text()).attachPaymentMethod(JOB, acme, "pm_card_visa");
        long once = auditLength(acme);
        assertThat(once).as(h.label()).isGreaterThan(audit);
        billing.subscriptions().withRequestKey(h.text()).attachPaymentMethod(JOB, acme, "pm_card_visa");
        assertThat(auditLength(acme)).as(h.label()).isEqualTo(once);
      } else {
        assertRefused(h.label(), () -> billing.subscriptions().withRequestKey(h.text()), "requestKey", h.asKey());
        assertThat(auditLength(acme)).as(h.label()).isEqualTo(audit);
      }
    }
  }

  @Test
  void overrideDescriptionsAreOneLineTextReadBackExactly() {
    for (Hostile h : with(lengths(200))) {
      long audit = auditLength(acme);
      PricingOverrides before = billing.overrides().pricing(OPERATOR, acme);
      Supplier<Void> set = () -> {
        billing.overrides().setPricing(OPERATOR, acme, new PricingOverrides(Map.of(), List.of(new Discount.Percent(
            "welcome", h.text(), new BigDecimal("10"), DiscountDuration.forever())), Optional.empty()));
        return null;
      };
      if (h.asLine() == null) {
        set.get();
        assertThat(billing.overrides().pricing(OPERATOR, acme).discounts().get(0).description()).as(h.label())
            .isEqualTo(h.text());
        assertThat(auditLength(acme)).as(h.label()).isEqualTo(audit + 1);
      } else {
        assertRefused(h.label(), set, "discount.description", h.asLine());
        assertThat(billing.overrides().pricing(OPERATOR, acme)).as(h.label()).isEqualTo(before);
        assertThat(auditLength(acme)).as(h.label()).isEqualTo(audit);
      }
    }
  }
}
