package io.nobill.core.testkit;

import io.nobill.core.internal.audit.CoreAuditTrail;
import io.nobill.core.internal.ledger.CoreLedger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.access.Actor;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.audit.AuditTrail;
import io.nobill.core.catalog.Period;
import io.nobill.core.event.ProviderEvent;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.PaymentId;
import io.nobill.core.id.RefundId;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.ledger.ChartOfAccounts;
import io.nobill.core.ledger.JournalEntry;
import io.nobill.core.ledger.Ledger;
import io.nobill.core.ledger.LedgerFact;
import io.nobill.core.ledger.NewJournalEntry;
import io.nobill.core.ledger.PostResult;
import io.nobill.core.ledger.Posting;
import io.nobill.core.ledger.Reference;
import io.nobill.core.ledger.TrialBalance;
import io.nobill.core.money.Bounds;
import io.nobill.core.money.Money;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Numbers and dates within what every store can hold ({@link Bounds}): the same amounts and
 * instants are accepted and refused on every store, with a typed error naming the field and
 * nothing written, and whatever was accepted reads back exactly — balances and trial balances
 * included, however many postings an organization made.
 */
public abstract class StoreBoundsContract {
  private static final Actor OPERATOR = Actor.operator("ops-1");
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

  /** A new store with no data in it. Called once per test. */
  protected abstract BillingStore newStore();

  private BillingStore store;
  private CoreLedger ledger;
  private OrgId org;
  private ChartOfAccounts eur;

  @BeforeEach
  void anOrganizationWithItsAccounts() {
    store = newStore();
    IdGenerator ids = IdGenerator.sequential();
    ledger = CoreLedger.create(store, TestClock.at(NOW.toString()), ids);
    org = ids.next(OrgId::of);
    store.inTenant(org, tx -> {
      tx.organization().insert(TestOrganizations.named(org, "Bounds"));
      return null;
    });
    eur = ledger.openAccounts(OPERATOR, org, EUR);
  }

  private NewJournalEntry entry(String key, Instant at, Money amount) {
    return new NewJournalEntry(key, at, new Reference(Reference.Kind.MANUAL, key), "bounds",
        List.of(Posting.debit(eur.id(AccountCode.RECEIVABLE), amount), Posting.credit(eur.id(AccountCode.REVENUE), amount)));
  }

  /** An entry of 50 debits and 50 credits of the largest amount: 5 × 10^16 of volume. */
  private NewJournalEntry largest(String key) {
    List<Posting> postings = new ArrayList<>();
    Money max = Money.of(Bounds.MAX_AMOUNT, EUR);
    for (int i = 0; i < 50; i++) {
      postings.add(Posting.debit(eur.id(AccountCode.RECEIVABLE), max));
      postings.add(Posting.credit(eur.id(AccountCode.REVENUE), max));
    }
    return new NewJournalEntry(key, NOW, new Reference(Reference.Kind.MANUAL, key), "largest", postings);
  }

  private record Written(long entries, long audit, long volume, TrialBalance books, boolean auditIntact) {}

  private Written written() {
    return store.inTenant(org, tx -> new Written(tx.ledger().lastSequence(), tx.audit().head().sequence(),
        tx.ledger().volume(), new TrialBalance(tx.ledger().accounts().stream().map(a -> tx.ledger().balance(a.id())).toList()),
        CoreAuditTrail.verify(tx).intact()));
  }

  private static void invalid(Runnable call, String field) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidRequestException.class,
        e -> assertThat(e.field()).isEqualTo(field));
  }

  // ---- amounts ----------------------------------------------------------------------------

  @Test
  void aSingleAmountIsAtMostTenToTheFifteenMinorUnits() {
    Written before = written();
    for (long huge : new long[] {Bounds.MAX_AMOUNT + 1, Long.MAX_VALUE / 2 + 10, Long.MAX_VALUE}) {
      Money amount = Money.of(huge, EUR);
      invalid(() -> entry("huge", NOW, amount), "amount");
      invalid(() -> new LedgerFact.CreditGranted(io.nobill.core.id.CreditId.of(new UUID(0x7000L, 1)), NOW, amount, "x"),
          "amount");
      invalid(() -> new LedgerFact.InvoiceFinalized(InvoiceId.of(new UUID(0x7000L, 2)), "N", NOW, amount, Money.zero(EUR),
          Money.zero(EUR)), "inAdvance");
      invalid(() -> new ProviderEvent.PaymentRefunded("evt", org, RefundId.of(new UUID(0x7000L, 3)), NOW,
          PaymentId.of(new UUID(0x7000L, 4)), amount), "amount");
    }
    Money third = Money.of(Bounds.MAX_AMOUNT / 2 + 1, EUR);
    invalid(() -> new LedgerFact.InvoiceFinalized(InvoiceId.of(new UUID(0x7000L, 2)), "N", NOW, third, third, Money.zero(EUR)),
        "total");
    assertThat(written()).isEqualTo(before);

    PostResult posted = ledger.post(OPERATOR, org, entry("max", NOW, Money.of(Bounds.MAX_AMOUNT, EUR)));
    assertThat(ledger.entry(OPERATOR, org, posted.entry().id())).contains(posted.entry());
    assertThat(written().books().net(AccountCode.REVENUE, EUR)).isEqualTo(Money.of(Bounds.MAX_AMOUNT, EUR));
  }

  @Test
  void anOrganizationsSumsNeverOutgrowALongAndEveryStoreRefusesTheSamePosting() {
    // Twenty entries of 5 × 10^16 reach the volume bound of 10^18 exactly.
    List<NewJournalEntry> batch = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      batch.add(largest("big-" + i));
    }
    assertThat(ledger.postAll(OPERATOR, org, batch)).allMatch(r -> r instanceof PostResult.Posted);
    Written full = written();
    assertThat(full.volume()).isEqualTo(Bounds.MAX_LEDGER_VOLUME);
    assertThat(full.books().net(AccountCode.RECEIVABLE, EUR).minorUnits()).isEqualTo(Bounds.MAX_LEDGER_VOLUME);
    assertThat(full.books().net(AccountCode.REVENUE, EUR).minorUnits()).isEqualTo(Bounds.MAX_LEDGER_VOLUME);
    assertThat(full.books().isBalanced()).isTrue();

    // One minor unit more, a reversal, or another batch: refused, nothing written.
    invalid(() -> ledger.post(OPERATOR, org, entry("one-more", NOW, Money.of(1, EUR))), "postings");
    JournalEntry first = ledger.entryByKey(OPERATOR, org, "big-0").orElseThrow();
    invalid(() -> ledger.reverse(OPERATOR, org, first.id(), "undo"), "postings");
    invalid(() -> ledger.postAll(OPERATOR, org, List.of(largest("big-20"))), "postings");
    assertThat(written()).isEqualTo(full);

    // A repeat of an entry posted before is still answered, not refused.
    assertThat(ledger.post(OPERATOR, org, largest("big-3"))).isInstanceOf(PostResult.AlreadyPosted.class);
    // Balances, as of any instant, and statements read back exactly.
    assertThat(ledger.trialBalanceAsOf(OPERATOR, org, Instant.MAX).isBalanced()).isTrue();
    assertThat(ledger.balanceAsOf(OPERATOR, org, eur.id(AccountCode.REVENUE), Instant.MAX).net().minorUnits())
        .isEqualTo(Bounds.MAX_LEDGER_VOLUME);
    assertThat(ledger.balanceAsOf(OPERATOR, org, eur.id(AccountCode.REVENUE), Instant.MIN).net().isZero()).isTrue();
    assertThat(ledger.statement(OPERATOR, org, eur.id(AccountCode.REVENUE), Optional.empty(), 1000).lines())
        .hasSize(1000).last().satisfies(l -> assertThat(l.balanceAfter().minorUnits()).isEqualTo(Bounds.MAX_LEDGER_VOLUME));
  }

  @Test
  void theVolumeCountsEveryCurrencyAndSurvivesTheTransaction() {
    ledger.post(OPERATOR, org, entry("a", NOW, Money.of(7, EUR)));
    ChartOfAccounts usd = ledger.openAccounts(OPERATOR, org, Currency.getInstance("USD"));
    ledger.post(OPERATOR, org, new NewJournalEntry("b", NOW, new Reference(Reference.Kind.MANUAL, "b"), "usd", List.of(
        Posting.debit(usd.id(AccountCode.CASH_CLEARING), Money.of(5, "USD")),
        Posting.credit(usd.id(AccountCode.RECEIVABLE), Money.of(5, "USD")))));
    assertThat(written().volume()).isEqualTo(12);
  }

  // ---- dates ------------------------------------------------------------------------------

  private static final List<Instant> OUTSIDE = List.of(Instant.MIN, Instant.parse("0001-01-01T00:00:00Z"),
      Instant.parse("1969-07-20T20:17:00Z"), Bounds.EARLIEST.minusNanos(1), Bounds.LATEST,
      Instant.parse("3000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"), Instant.MAX);
  private static final List<Instant> INSIDE = List.of(Bounds.EARLIEST, Instant.parse("2199-06-30T12:00:00Z"),
      Bounds.LATEST.minusNanos(1));

  @Test
  void everyStoredInstantIsFrom1970To2200() {
    Written before = written();
    for (Instant at : OUTSIDE) {
      invalid(() -> entry("at-" + at, at, Money.of(1, EUR)), "occurredAt");
      invalid(() -> new LedgerFact.CreditGranted(io.nobill.core.id.CreditId.of(new UUID(0x7000L, 1)), at,
          Money.of(1, EUR), "x"), "occurredAt");
      invalid(() -> new ProviderEvent.InvoicePaid("evt", org, InvoiceId.of(new UUID(0x7000L, 2)), at,
          PaymentId.of(new UUID(0x7000L, 3))), "occurredAt");
      invalid(() -> new ProviderEvent.TrialWillEnd("evt", org, "sub", NOW, at), "trialEnd");
      if (at.isBefore(Bounds.EARLIEST)) {
        invalid(() -> new Period(at, NOW), "period.start");
      } else {
        invalid(() -> new Period(NOW, at), "period.end");
      }
    }
    assertThat(written()).isEqualTo(before);

    // Both ends of the range, to the nanosecond, are stored and read back as they were.
    for (Instant at : INSIDE) {
      JournalEntry posted = ledger.post(OPERATOR, org, entry("at-" + at, at, Money.of(1, EUR))).entry();
      assertThat(ledger.entry(OPERATOR, org, posted.id())).map(JournalEntry::occurredAt).contains(at);
      assertThat(ledger.balanceAsOf(OPERATOR, org, eur.id(AccountCode.REVENUE), at).net().isPositive()).isTrue();
    }
    assertThat(ledger.balanceAsOf(OPERATOR, org, eur.id(AccountCode.REVENUE), Bounds.EARLIEST.minusNanos(1)).net().isZero())
        .isTrue();
    assertThat(written().books().net(AccountCode.REVENUE, EUR)).isEqualTo(Money.of(INSIDE.size(), EUR));
  }

  @Test
  void usageStampedOutsideTheRangeIsRejectedPerEvent() {
    io.nobill.core.Billing billing = io.nobill.core.Billing.builder().store(store)
        .catalog(io.nobill.core.catalog.SeedCatalog.create("EUR")).taxCalculator(io.nobill.core.spi.TaxCalculator.NONE)
        .clock(TestClock.at(NOW.toString())).idGenerator(IdGenerator.sequential()).build();
    Function<Instant, String> field = at -> {
      io.nobill.core.usage.UsageEvent e = io.nobill.core.usage.UsageEvent.of("api_calls", "k-" + at, at, java.math.BigDecimal.ONE);
      io.nobill.core.usage.UsageResult r = billing.usage().record(Actor.job("metering"), org, e);
      return r instanceof io.nobill.core.usage.UsageResult.Rejected rejected ? rejected.field() + ": " + rejected.rule() : "accepted";
    };
    for (Instant at : List.of(Instant.MIN, Instant.parse("0001-01-01T00:00:00Z"), Bounds.EARLIEST.minusNanos(1),
        Instant.parse("3000-01-01T00:00:00Z"), Instant.MAX)) {
      assertThat(field.apply(at)).as(at.toString()).startsWith("occurredAt: must be from 1970-01-01T00:00:00Z");
    }
    Optional<io.nobill.core.usage.UsageRecord> stored = store.inTenant(org, tx -> tx.usage().find("k-" + Instant.MAX));
    assertThat(stored).isEmpty();
  }
}
