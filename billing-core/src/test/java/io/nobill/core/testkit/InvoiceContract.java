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
    ledger.documentRefundsWith(invoices::refunded);   // as Billing wires them
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
    assertThat(open.number()).contains("INV-2026-000001");
    assertThat(open.seller()).contains(invoices.settings().seller());
    assertThat(open.finalizedAt()).contains(clock.instant());
    assertThat(open.dueAt()).contains(clock.instant().plus(Duration.ofDays(14)));
    assertThat(open.version()).isEqualTo(draft.version() + 1);
    assertThat(net(AccountCode.RECEIVABLE)).isEqualTo(eur("101.15"));
    assertThat(net(AccountCode.DEFERRED_REVENUE)).isEqualTo(eur("85.00"));
    assertThat(net(AccountCode.TAX_PAYABLE)).isEqualTo(eur("16.15"));
    assertThat(ledger.trialBalance(JOB, org).isBalanced()).isTrue();
  }

  @Test
  void numbersAreOneSeriesForEveryOrganizationGapFreeAndARolledBackFinalizationTakesNone() {
    OrgId other = provision("ACME Inc");
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      numbers.add(invoices.finalizeDraft(JOB, org, invoices.draft(JOB, org, proRequest()).id()).number().orElseThrow());
    }
    Invoice otherDraft = invoices.draft(JOB, other, proRequest());
    // A finalization that fails after taking a number must give the number back.
    assertThatThrownBy(() -> store.inTenant(org, tx -> {
      invoices.finalizeDraft(tx, invoices.draft(tx, proRequest()).id());
      throw new IllegalStateException("crash after numbering");
    })).hasMessage("crash after numbering");
    assertThatThrownBy(() -> store.inTenant(other, tx -> {
      invoices.finalizeDraft(tx, otherDraft.id());
      throw new IllegalStateException("crash after numbering");
    })).hasMessage("crash after numbering");
    numbers.add(invoices.finalizeDraft(JOB, org, invoices.draft(JOB, org, proRequest()).id()).number().orElseThrow());
    // "Acme GmbH" and "ACME Inc" are two buyers of one seller: one series, never the same number.
    numbers.add(invoices.finalizeDraft(JOB, other, otherDraft.id()).number().orElseThrow());

    assertThat(numbers).containsExactly("INV-2026-000001", "INV-2026-000002", "INV-2026-000003", "INV-2026-000004",
        "INV-2026-000005");
  }

  @Test
  void theSequenceRestartsEveryYearWhenThePatternPrintsTheYear() {
    assertThat(invoices.finalizeDraft(JOB, org, invoices.draft(JOB, org, proRequest()).id()).number())
        .contains("INV-2026-000001");
    clock.set(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(invoices.finalizeDraft(JOB, org, invoices.draft(JOB, org, proRequest()).id()).number())
        .contains("INV-2027-000001");
    assertThat(invoices.finalizeDraft(JOB, org, invoices.draft(JOB, org, proRequest()).id()).number())
        .contains("INV-2027-000002");
  }

  @Test
  void aPatternWithoutTheYearNeverRestartsAndEachSeriesHasItsOwnCounter() {
    CoreInvoices monthly = CoreInvoices.create(store, clock, ids, ledger, RegionalTaxTable.builder().sellerCountry("DE")
        .build(), new io.nobill.core.invoice.InvoicingSettings(io.nobill.core.invoice.Seller.NOT_CONFIGURED,
        io.nobill.core.invoice.NumberingFormat.of("seller-b", "B{mm}/{seq:4}"),
        io.nobill.core.invoice.NumberingFormat.CREDIT_NOTES));
    assertThat(monthly.finalizeDraft(JOB, org, monthly.draft(JOB, org, proRequest()).id()).number()).contains("B02/0001");
    clock.set(Instant.parse("2027-03-01T00:00:00Z"));
    assertThat(monthly.finalizeDraft(JOB, org, monthly.draft(JOB, org, proRequest()).id()).number()).contains("B03/0002");
    // Another seller's series is untouched by seller B's numbers.
    assertThat(invoices.finalizeDraft(JOB, org, invoices.draft(JOB, org, proRequest()).id()).number())
        .contains("INV-2027-000001");
  }

  /**
   * The numbering contract under load: threads finalizing drafts of several organizations at
   * once, some of them rolling back after taking a number, end with the numbers 1..N, each once.
   */
  @Test
  void concurrentFinalizationsAcrossOrganizationsTakeOneToNWithoutGapsOrDuplicates() throws Exception {
    List<OrgId> orgs = List.of(org, provision("Globex"), provision("Initech"), provision("Umbrella"));
    List<java.util.Map.Entry<OrgId, InvoiceId>> drafts = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      for (OrgId o : orgs) {
        drafts.add(java.util.Map.entry(o, invoices.draft(JOB, o, proRequest()).id()));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Optional<String>>> results = new ArrayList<>();
    try {
      int n = 0;
      for (java.util.Map.Entry<OrgId, InvoiceId> d : drafts) {
        boolean rollBack = n++ % 5 == 0;
        results.add(pool.submit(() -> {
          if (rollBack) {
            try {
              store.inTenant(d.getKey(), tx -> {
                invoices.finalizeDraft(tx, d.getValue());
                throw new IllegalStateException("roll back after numbering");
              });
            } catch (IllegalStateException expected) {
              // the draft stays a draft, and its number goes back
            }
            return Optional.empty();
          }
          return invoices.finalizeDraft(JOB, d.getKey(), d.getValue()).number();
        }));
      }
      List<String> taken = new ArrayList<>();
      for (Future<Optional<String>> f : results) {
        f.get().ifPresent(taken::add);
      }
      List<String> expected = new ArrayList<>();
      for (int i = 1; i <= taken.size(); i++) {
        expected.add(String.format("INV-2026-%06d", i));
      }
      assertThat(taken).hasSize(48).containsExactlyInAnyOrderElementsOf(expected);
      // The rolled-back drafts are still drafts; finalizing one now takes the next number.
      java.util.Map.Entry<OrgId, InvoiceId> first = drafts.get(0);
      assertThat(invoices.get(JOB, first.getKey(), first.getValue()).orElseThrow().status()).isEqualTo(InvoiceStatus.DRAFT);
      assertThat(invoices.finalizeDraft(JOB, first.getKey(), first.getValue()).number()).contains("INV-2026-000049");
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
  void voidingIssuesANumberedCreditNoteThatDocumentsTheReversalAndPostsNothingItself() {
    Invoice open = invoices.finalizeDraft(JOB, org, invoices.draft(JOB, org, proRequest()).id());
    long entriesBefore = store.<Long>inTenant(org, tx -> tx.ledger().lastSequence());
    Invoice voided = invoices.voidInvoice(JOB, org, open.id());

    List<io.nobill.core.invoice.CreditNote> notes = invoices.creditNotes(JOB, org, open.id());
    assertThat(notes).hasSize(1);
    io.nobill.core.invoice.CreditNote note = notes.get(0);
    assertThat(note.number()).isEqualTo("CN-2026-000001");
    assertThat(note.invoice()).isEqualTo(open.id());
    assertThat(note.invoiceNumber()).isEqualTo(open.number().orElseThrow());
    assertThat(note.reason()).isEqualTo(io.nobill.core.invoice.CreditNote.Reason.VOID);
    assertThat(note.total()).isEqualTo(open.total());
    assertThat(note.taxLines()).isEqualTo(open.taxLines());
    assertThat(note.lines()).isEqualTo(open.lines());
    assertThat(note.seller()).isEqualTo(open.seller().orElseThrow());
    assertThat(note.ledgerEntries()).containsExactly("invoice-voided:" + open.id());
    // The void's one entry, and no other: the credit note is its document, not a second posting.
    assertThat(store.<Long>inTenant(org, tx -> tx.ledger().lastSequence())).isEqualTo(entriesBefore + 1);
    // The invoice itself keeps its number and lines; only its status changed.
    assertThat(voided.number()).isEqualTo(open.number());
    assertThat(voided.lines()).isEqualTo(open.lines());
    assertThat(store.inTenant(org, tx -> tx.audit().range(0, 1000)).stream()
        .filter(e -> e.action().equals("credit-note.issued")).toList()).singleElement()
        .satisfies(e -> assertThat(e.after()).containsEntry("number", "CN-2026-000001")
            .containsEntry("invoiceNumber", open.number().orElseThrow()));
  }

  @Test
  void aRefundIssuesACreditNoteForTheAmountRefundedOnceWhateverTimesItIsRecorded() {
    Invoice open = invoices.finalizeDraft(JOB, org, invoices.draft(JOB, org, proRequest()).id());
    PaymentId payment = ids.next(PaymentId::of);
    invoices.markPaid(JOB, org, open.id(), payment);
    io.nobill.core.id.RefundId refund = ids.next(io.nobill.core.id.RefundId::of);
    LedgerFact.PaymentRefunded fact = new LedgerFact.PaymentRefunded(refund, payment, clock.instant(), eur("40.00"));
    long entriesBefore = store.<Long>inTenant(org, tx -> tx.ledger().lastSequence());

    ledger.record(JOB, org, fact);
    ledger.record(JOB, org, fact);   // recorded again: already posted, not documented again

    List<io.nobill.core.invoice.CreditNote> notes = invoices.creditNotes(JOB, org, open.id());
    assertThat(notes).singleElement().satisfies(note -> {
      assertThat(note.reason()).isEqualTo(io.nobill.core.invoice.CreditNote.Reason.REFUND);
      assertThat(note.number()).isEqualTo("CN-2026-000001");
      assertThat(note.invoiceNumber()).isEqualTo(open.number().orElseThrow());
      assertThat(note.total()).isEqualTo(eur("40.00"));
      assertThat(note.ledgerEntries()).containsExactly(io.nobill.core.ledger.PostingRules.refundKey(refund));
    });
    // The refund's one entry: the credit note documents it and posts nothing.
    assertThat(store.<Long>inTenant(org, tx -> tx.ledger().lastSequence())).isEqualTo(entriesBefore + 1);
    // A refund that fails afterwards in its transaction takes no credit-note number.
    assertThatThrownBy(() -> store.inTenant(org, tx -> {
      ledger.record(tx, new LedgerFact.PaymentRefunded(ids.next(io.nobill.core.id.RefundId::of), payment, clock.instant(),
          eur("1.00")));
      throw new IllegalStateException("crash after the refund");
    })).hasMessage("crash after the refund");
    ledger.record(JOB, org, new LedgerFact.PaymentRefunded(ids.next(io.nobill.core.id.RefundId::of), payment,
        clock.instant(), eur("2.00")));
    assertThat(invoices.creditNotes(JOB, org, open.id())).extracting(io.nobill.core.invoice.CreditNote::number)
        .containsExactly("CN-2026-000001", "CN-2026-000002");
  }

  @Test
  void creditNotesAreTheirOwnSeriesAndARolledBackVoidTakesNoNumber() {
    OrgId other = provision("Globex");
    Invoice first = invoices.finalizeDraft(JOB, org, invoices.draft(JOB, org, proRequest()).id());
    Invoice second = invoices.finalizeDraft(JOB, other, invoices.draft(JOB, other, proRequest()).id());
    assertThatThrownBy(() -> store.inTenant(org, tx -> {
      invoices.voidInvoice(tx, JOB, first.id());
      throw new IllegalStateException("crash after the credit note");
    })).hasMessage("crash after the credit note");
    assertThat(invoices.creditNotes(JOB, org, first.id())).isEmpty();

    invoices.voidInvoice(JOB, other, second.id());
    invoices.voidInvoice(JOB, org, first.id());
    assertThat(invoices.creditNotes(JOB, other, second.id())).extracting(io.nobill.core.invoice.CreditNote::number)
        .containsExactly("CN-2026-000001");
    assertThat(invoices.creditNotes(JOB, org, first.id())).extracting(io.nobill.core.invoice.CreditNote::number)
        .containsExactly("CN-2026-000002");
    // Invoices and credit notes do not share a counter.
    assertThat(invoices.finalizeDraft(JOB, org, invoices.draft(JOB, org, proRequest()).id()).number())
        .contains("INV-2026-000003");
    // Another organization's invoice is not found through mine.
    assertThatThrownBy(() -> invoices.creditNotes(JOB, org, second.id())).isInstanceOf(NotFoundException.class);
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
