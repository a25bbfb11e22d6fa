package io.nobill.core.testkit;

import io.nobill.core.internal.invoice.CoreInvoices;
import io.nobill.core.internal.ledger.CoreLedger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.access.AccessDeniedException;
import io.nobill.core.access.Actor;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.CreditId;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.PaymentId;
import io.nobill.core.id.UserId;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceRequest;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.invoice.Invoices;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.ledger.Ledger;
import io.nobill.core.ledger.LedgerFact;
import io.nobill.core.ledger.TrialBalance;
import io.nobill.core.money.Money;
import io.nobill.core.rating.Rating;
import io.nobill.core.rating.RatingInput;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.tax.regional.RegionalTaxTable;
import io.nobill.core.tax.TaxBehavior;
import io.nobill.core.tax.TaxProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store's invoices must do, driven through {@link Invoices}: drafts, gap-free
 * numbering (also under concurrency and rollback), the status machine, and a ledger that
 * follows every transition and stays balanced. Extend it and return a fresh, empty store.
 */
public abstract class InvoiceContract {
  protected static final Currency EUR = Currency.getInstance("EUR");
  protected static final Actor JOB = Actor.job("invoicing");
  protected static final Plan PRO = SeedCatalog.create("EUR").latest("pro").orElseThrow();
  protected static final Period FEB = new Period(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"));
  protected static final TaxProfile GERMAN_CONSUMER = TaxProfile.consumer("DE");

  protected abstract BillingStore newStore();

  protected BillingStore store;
  protected TestClock clock;
  protected final IdGenerator ids = IdGenerator.sequential();
  protected CoreLedger ledger;
  protected CoreInvoices invoices;
  protected OrgId org;

  @BeforeEach
  void createInvoices() {
    store = newStore();
    clock = TestClock.at("2026-02-01T00:00:00Z");
    ledger = CoreLedger.create(store, clock, ids);
    invoices = CoreInvoices.create(store, clock, ids, ledger, RegionalTaxTable.builder().sellerCountry("DE").build());
    org = provision("Acme GmbH");
  }

  protected OrgId provision(String name) {
    OrgId id = ids.next(OrgId::of);
    store.inTenant(id, tx -> {
      tx.organization().insert(TestOrganizations.named(id, name));
      return null;
    });
    return id;
  }

  protected static Money eur(String major) {
    return Money.ofMajor(major, "EUR");
  }

  /** Pro with 3 seats for February: 49.00 + 36.00 = 85.00, 19% VAT 16.15, total 101.15. */
  protected InvoiceRequest proRequest() {
    return new InvoiceRequest(Rating.rate(RatingInput.advanceOnly(PRO, PricingOverrides.NONE, FEB, 3)), Optional.of(PRO.ref()),
        GERMAN_CONSUMER, TaxBehavior.EXCLUSIVE, 14);
  }

  private Money net(AccountCode code) {
    return ledger.trialBalance(JOB, org).net(code, EUR);
  }

  @Test
  void theStoreRefusesASecondInvoiceForTheSameSubscriptionKindAndPeriodAndWritesNothing() {
    io.nobill.core.id.SubscriptionId sub = ids.next(io.nobill.core.id.SubscriptionId::of);
    io.nobill.core.invoice.InvoiceKey feb = io.nobill.core.invoice.InvoiceKey.of(sub,
        io.nobill.core.invoice.InvoiceKey.Kind.ADVANCE, FEB);
    Invoice first = store.inTenant(org, tx -> invoices.draft(tx, proRequest(), feb));

    // Whatever code path tries again — another instance, a clock that thinks the period is
    // still due — the store turns the second invoice away and the transaction writes nothing.
    assertThatThrownBy(() -> store.inTenant(org, tx -> invoices.draft(tx, proRequest(), feb)))
        .isInstanceOf(io.nobill.core.error.ConflictException.class).hasMessageContaining(feb.value());
    assertThat(invoices.list(JOB, org, Optional.empty(), Optional.empty(), 10)).extracting(Invoice::id)
        .containsExactly(first.id());
    Optional<Invoice> held = store.inTenant(org, tx -> tx.invoices().findByKey(feb));
    assertThat(held).contains(first);

    // Another kind, another period, or the same key in another organization are other invoices.
    store.inTenant(org, tx -> invoices.draft(tx, proRequest(), io.nobill.core.invoice.InvoiceKey.of(sub,
        io.nobill.core.invoice.InvoiceKey.Kind.ARREARS, FEB)));
    OrgId other = provision("Other GmbH");
    store.inTenant(other, tx -> invoices.draft(tx, proRequest(), feb));
    assertThat(invoices.list(JOB, org, Optional.empty(), Optional.empty(), 10)).hasSize(2);
    Optional<Invoice> inOther = store.inTenant(other, tx -> tx.invoices().findByKey(feb));
    assertThat(inOther).isPresent();
  }

  @Test
  void aDraftHasLinesTaxAndTotalsButNoNumberAndNoEntries() {
    Invoice draft = invoices.draft(JOB, org, proRequest());

    assertThat(draft.status()).isEqualTo(InvoiceStatus.DRAFT);
    assertThat(draft.number()).isEmpty();
    assertThat(draft.subtotal()).isEqualTo(eur("85.00"));
    assertThat(draft.taxTotal()).isEqualTo(eur("16.15"));
    assertThat(draft.total()).isEqualTo(eur("101.15"));
    assertThat(draft.amountDue()).isEqualTo(eur("101.15"));
    assertThat(draft.billTo().name()).isEqualTo("Acme GmbH");
    assertThat(draft.period()).isEqualTo(FEB);
    assertThat(invoices.get(JOB, org, draft.id())).contains(draft);
    assertThat(ledger.trialBalance(JOB, org).accounts()).isEmpty();
  }

  @Test
  void finalizingNumbersTheInvoiceAndPostsItToTheLedger() {
    Invoice draft = invoices.draft(JOB, org, proRequest());
    clock.advance(Duration.ofHours(1));

    Invoice open = invoices.finalizeDraft(JOB, org, draft.id());

    assertThat(open.status()).isEqualTo(InvoiceStatus.OPEN);
    assertThat(open.number()).contains("ACME-000001");
    assertThat(open.finalizedAt()).contains(clock.instant());
    assertThat(open.dueAt()).contains(clock.instant().plus(Duration.ofDays(14)));
    assertThat(open.version()).isEqualTo(draft.version() + 1);
    assertThat(net(AccountCode.RECEIVABLE)).isEqualTo(eur("101.15"));
    assertThat(net(AccountCode.DEFERRED_REVENUE)).isEqualTo(eur("85.00"));
    assertThat(net(AccountCode.TAX_PAYABLE)).isEqualTo(eur("16.15"));
    assertThat(ledger.trialBalance(JOB, org).isBalanced()).isTrue();
  }

  @Test
  void numbersAreGapFreePerOrganizationAndARolledBackFinalizationTakesNone() {
    OrgId other = provision("Globex");
    List<String> acme = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      acme.add(invoices.finalizeDraft(JOB, org, invoices.draft(JOB, org, proRequest()).id()).number().orElseThrow());
    }
    Invoice globexDraft = invoices.draft(JOB, other, proRequest());
    // A finalization that fails after taking a number must give the number back.
    assertThatThrownBy(() -> store.inTenant(org, tx -> {
      invoices.finalizeDraft(tx, invoices.draft(tx, proRequest()).id());
      throw new IllegalStateException("crash after numbering");
    })).hasMessage("crash after numbering");
    acme.add(invoices.finalizeDraft(JOB, org, invoices.draft(JOB, org, proRequest()).id()).number().orElseThrow());

    assertThat(acme).containsExactly("ACME-000001", "ACME-000002", "ACME-000003", "ACME-000004");
    assertThat(invoices.finalizeDraft(JOB, other, globexDraft.id()).number()).contains("GLOB-000001");
  }

  @Test
  void concurrentFinalizationsNeverShareOrSkipANumber() throws Exception {
    List<InvoiceId> drafts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      drafts.add(invoices.draft(JOB, org, proRequest()).id());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<String>> numbers = new ArrayList<>();
    try {
      for (InvoiceId d : drafts) {
        numbers.add(pool.submit(() -> invoices.finalizeDraft(JOB, org, d).number().orElseThrow()));
      }
      List<String> taken = new ArrayList<>();
      for (Future<String> f : numbers) {
        taken.add(f.get());
      }
      List<String> expected = new ArrayList<>();
      for (int i = 1; i <= 40; i++) {
        expected.add(String.format("ACME-%06d", i));
      }
      assertThat(taken).containsExactlyInAnyOrderElementsOf(expected);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void payingSettlesTheReceivable() {
    Invoice open = invoices.finalizeDraft(JOB, org, invoices.draft(JOB, org, proRequest()).id());
    Invoice paid = invoices.markPaid(JOB, org, open.id(), ids.next(PaymentId::of));

    assertThat(paid.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(paid.paidAt()).contains(clock.instant());
    assertThat(net(AccountCode.RECEIVABLE)).isEqualTo(eur("0.00"));
    assertThat(net(AccountCode.CASH_CLEARING)).isEqualTo(eur("101.15"));
  }

  @Test
  void voidingMirrorsTheFinalization() {
    Invoice open = invoices.finalizeDraft(JOB, org, invoices.draft(JOB, org, proRequest()).id());
    Invoice voided = invoices.voidInvoice(JOB, org, open.id());

    assertThat(voided.status()).isEqualTo(InvoiceStatus.VOID);
    for (AccountCode code : AccountCode.values()) {
      assertThat(net(code)).as(code.name()).isEqualTo(eur("0.00"));
    }
  }

  @Test
  void anUncollectibleInvoiceIsWrittenOffAndCanStillBePaid() {
    Invoice open = invoices.finalizeDraft(JOB, org, invoices.draft(JOB, org, proRequest()).id());
    invoices.markUncollectible(JOB, org, open.id());
    assertThat(net(AccountCode.RECEIVABLE)).isEqualTo(eur("0.00"));
    assertThat(net(AccountCode.BAD_DEBT)).isEqualTo(eur("101.15"));

    invoices.markPaid(JOB, org, open.id(), ids.next(PaymentId::of));
    assertThat(net(AccountCode.BAD_DEBT)).isEqualTo(eur("0.00"));
    assertThat(net(AccountCode.RECEIVABLE)).isEqualTo(eur("0.00"));
    assertThat(net(AccountCode.CASH_CLEARING)).isEqualTo(eur("101.15"));
    assertThat(ledger.trialBalance(JOB, org).isBalanced()).isTrue();
  }

  @Test
  void customerCreditReducesTheAmountDueAndIsGivenBackWhenVoided() {
    ledger.record(JOB, org, new LedgerFact.CreditGranted(ids.next(CreditId::of), clock.instant(), eur("30.00"), "goodwill"));
    Invoice open = invoices.finalizeDraft(JOB, org, invoices.draft(JOB, org, proRequest()).id());

    assertThat(open.creditApplied()).isEqualTo(eur("30.00"));
    assertThat(open.amountDue()).isEqualTo(eur("71.15"));
    assertThat(net(AccountCode.CUSTOMER_CREDIT)).isEqualTo(eur("0.00"));
    assertThat(net(AccountCode.RECEIVABLE)).isEqualTo(eur("71.15"));

    invoices.voidInvoice(JOB, org, open.id());
    assertThat(net(AccountCode.CUSTOMER_CREDIT)).isEqualTo(eur("30.00"));
    assertThat(net(AccountCode.RECEIVABLE)).isEqualTo(eur("0.00"));
    assertThat(ledger.trialBalance(JOB, org).isBalanced()).isTrue();
  }

  @Test
  void anInvoiceFullyCoveredByCreditIsPaidAtFinalization() {
    ledger.record(JOB, org, new LedgerFact.CreditGranted(ids.next(CreditId::of), clock.instant(), eur("500.00"), "prepaid"));
    Invoice done = invoices.finalizeDraft(JOB, org, invoices.draft(JOB, org, proRequest()).id());
    assertThat(done.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(done.amountDue()).isEqualTo(eur("0.00"));
    assertThat(net(AccountCode.CUSTOMER_CREDIT)).isEqualTo(eur("398.85"));
  }

  @Test
  void transitionsTheStatusMachineForbidsAreConflictsAndWriteNothing() {
    Invoice draft = invoices.draft(JOB, org, proRequest());
    assertThatThrownBy(() -> invoices.markPaid(JOB, org, draft.id(), ids.next(PaymentId::of)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("cannot move from DRAFT to PAID");
    Invoice open = invoices.finalizeDraft(JOB, org, draft.id());
    assertThatThrownBy(() -> invoices.finalizeDraft(JOB, org, draft.id()))
        .isInstanceOf(ConflictException.class).hasMessageContaining("cannot move from OPEN to OPEN");
    invoices.markPaid(JOB, org, open.id(), ids.next(PaymentId::of));
    TrialBalance before = ledger.trialBalance(JOB, org);
    assertThatThrownBy(() -> invoices.voidInvoice(JOB, org, open.id()))
        .isInstanceOf(ConflictException.class).hasMessageContaining("cannot move from PAID to VOID");
    assertThatThrownBy(() -> invoices.markUncollectible(JOB, org, open.id())).isInstanceOf(ConflictException.class);
    assertThat(ledger.trialBalance(JOB, org)).isEqualTo(before);
    assertThat(invoices.get(JOB, org, open.id()).orElseThrow().status()).isEqualTo(InvoiceStatus.PAID);
  }

  @Test
  void invoicesAreInvisibleFromAnotherOrganization() {
    Invoice mine = invoices.draft(JOB, org, proRequest());
    OrgId other = provision("Globex");
    assertThat(invoices.get(JOB, other, mine.id())).isEmpty();
    assertThat(invoices.list(JOB, other, Optional.empty(), Optional.empty(), 100)).isEmpty();
    assertThatThrownBy(() -> invoices.finalizeDraft(JOB, other, mine.id())).isInstanceOf(NotFoundException.class);
    assertThat(invoices.list(JOB, org, Optional.of(InvoiceStatus.DRAFT), Optional.empty(), 100)).containsExactly(mine);
  }

  @Test
  void badRequestsAreRefusedAndWriteNothing() {
    InvoiceRequest usd = new InvoiceRequest(Rating.rate(RatingInput.advanceOnly(
        Plan.builder("us", 1).name("US").currency("USD").monthly().flatFee("base", "Base", Money.ofMajor("1.00", "USD")).build(),
        PricingOverrides.NONE, FEB, 1)), Optional.empty(), GERMAN_CONSUMER, TaxBehavior.EXCLUSIVE, 0);
    assertThatThrownBy(() -> invoices.draft(JOB, org, usd))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("rated");
          assertThat(e.rule()).contains("organization's currency EUR");
        });
    assertThatThrownBy(() -> invoices.draft(Actor.member(ids.next(UserId::of)), org, proRequest()))
        .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.permission()).isEqualTo(Invoices.MANAGE_PERMISSION));
    assertThatThrownBy(() -> invoices.draft(JOB, ids.next(OrgId::of), proRequest())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> new InvoiceRequest(proRequest().rated(), Optional.empty(), GERMAN_CONSUMER, TaxBehavior.EXCLUSIVE, 366))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("daysUntilDue"));
    assertThat(invoices.list(JOB, org, Optional.empty(), Optional.empty(), 100)).isEmpty();
  }

  @Test
  void revenueBilledInAdvanceIsRecognizedDayByDayOnce() {
    invoices.finalizeDraft(JOB, org, invoices.draft(JOB, org, proRequest()).id());
    clock.set(Instant.parse("2026-02-15T00:00:00Z"));
    assertThat(invoices.recognizeRevenue(100)).isEqualTo(14);
    assertThat(invoices.recognizeRevenue(100)).isZero();
    // 85.00 over February's 28 days: 14 days are exactly half.
    assertThat(net(AccountCode.REVENUE)).isEqualTo(eur("42.50"));
    assertThat(net(AccountCode.DEFERRED_REVENUE)).isEqualTo(eur("42.50"));
    clock.set(Instant.parse("2026-03-05T00:00:00Z"));
    assertThat(invoices.recognizeRevenue(100)).isEqualTo(14);
    assertThat(net(AccountCode.REVENUE)).isEqualTo(eur("85.00"));
    assertThat(net(AccountCode.DEFERRED_REVENUE)).isEqualTo(eur("0.00"));
    assertThat(ledger.trialBalance(JOB, org).isBalanced()).isTrue();
  }

  @Test
  void voidingAfterPartialRecognitionMirrorsWhereTheRevenueIs() {
    Invoice open = invoices.finalizeDraft(JOB, org, invoices.draft(JOB, org, proRequest()).id());
    clock.set(Instant.parse("2026-02-08T00:00:00Z"));
    invoices.recognizeRevenue(100);
    invoices.voidInvoice(JOB, org, open.id());
    for (AccountCode code : AccountCode.values()) {
      assertThat(net(code)).as(code.name()).isEqualTo(eur("0.00"));
    }
    clock.set(Instant.parse("2026-03-05T00:00:00Z"));
    assertThat(invoices.recognizeRevenue(100)).isZero();
    assertThat(net(AccountCode.REVENUE)).isEqualTo(eur("0.00"));
  }

  @Test
  void aPreviewIsComputedButNotStored() {
    Invoice preview = invoices.preview(JOB, org, proRequest());
    assertThat(preview.total()).isEqualTo(eur("101.15"));
    assertThat(invoices.get(JOB, org, preview.id())).isEmpty();
    assertThat(invoices.list(JOB, org, Optional.empty(), Optional.empty(), 100)).isEmpty();
  }
}
