package io.nobill.core.internal.invoice;

import io.nobill.core.access.Actor;
import io.nobill.core.access.Permission;
import io.nobill.core.audit.AuditTarget;
import io.nobill.core.audit.AuditTrail;
import io.nobill.core.catalog.Period;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.id.CreditId;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.PaymentId;
import io.nobill.core.internal.access.Access;
import io.nobill.core.internal.audit.CoreAuditTrail;
import io.nobill.core.internal.ledger.CoreLedger;
import io.nobill.core.internal.work.SweepItems;
import io.nobill.core.invoice.*;
import io.nobill.core.ledger.AccountCode;
import io.nobill.core.ledger.ChartOfAccounts;
import io.nobill.core.ledger.JournalEntry;
import io.nobill.core.ledger.Ledger;
import io.nobill.core.ledger.LedgerFact;
import io.nobill.core.money.Money;
import io.nobill.core.org.Organization;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.spi.TaxCalculator;
import io.nobill.core.spi.TenantTransaction;
import io.nobill.core.work.SweepResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invoices of each organization, from draft to paid, void or uncollectible. Every
 * transition that moves money posts its ledger entry in the same transaction, through the
 * ledger's posting rules:
 *
 * <ul>
 *   <li>finalize: the next number of the organization's gap-free sequence, customer credit
 *       applied to the total, the due date set; entries for the invoice and the credit;
 *   <li>paid: the payment entry for the amount due (a write-off is reversed first);
 *   <li>void: the mirror of what finalization left (credit applied is given back);
 *   <li>uncollectible: the amount due written off to bad debt.
 * </ul>
 *
 * <p>Invoice transitions are made by NOBill's jobs, providers and operators; members of an
 * organization do not make them directly.
 */
public final class CoreInvoices implements Invoices {
  private static final Logger LOG = LoggerFactory.getLogger(Invoices.class);

  private final BillingStore store;
  private final Clock clock;
  private final IdGenerator ids;
  private final CoreLedger ledger;
  private final TaxCalculator taxes;
  private final CoreAuditTrail audit;
  private final InvoicingSettings settings;

  private CoreInvoices(BillingStore store, Clock clock, IdGenerator ids, CoreLedger ledger, TaxCalculator taxes,
      InvoicingSettings settings) {
    this.settings = settings;
    this.store = store;
    this.clock = clock;
    this.ids = ids;
    this.ledger = ledger;
    this.taxes = taxes;
    this.audit = CoreAuditTrail.create(store, clock);
  }

  /** Invoices with {@link InvoicingSettings#defaults()}: the placeholder seller, the default numbering. */
  public static CoreInvoices create(BillingStore store, Clock clock, IdGenerator ids, CoreLedger ledger, TaxCalculator taxes) {
    return create(store, clock, ids, ledger, taxes, InvoicingSettings.defaults());
  }

  public static CoreInvoices create(BillingStore store, Clock clock, IdGenerator ids, CoreLedger ledger, TaxCalculator taxes,
      InvoicingSettings settings) {
    return new CoreInvoices(Objects.requireNonNull(store, "store"), Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(ids, "ids"), Objects.requireNonNull(ledger, "ledger"), Objects.requireNonNull(taxes, "taxes"),
        Objects.requireNonNull(settings, "settings"));
  }

  /** The seller and numbering these invoices are issued with. */
  public InvoicingSettings settings() {
    return settings;
  }

  /**
   * What an invoice for {@code request} would be, computed now and stored nowhere: the
   * upcoming-invoice preview.
   */
  @Override
  public Invoice preview(Actor actor, OrgId org, InvoiceRequest request) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(request, "request");
    return Access.inTenant(store, org, actor, Permission.BILLING_READ, tx -> InvoiceCalculation.draft(ids.next(InvoiceId::of), org, billTo(tx), request, taxes, clock.instant()));
  }

  /** Stores a draft invoice for {@code request}. */
  @Override
  public Invoice draft(Actor actor, OrgId org, InvoiceRequest request) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(request, "request");
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.INVOICES_MANAGE);
      Invoice before = null;
      Invoice after = draft(tx, request);
      audited(tx, actor, "invoice.drafted", before, after);
      return after;
    });
  }

  /** As {@link #draft(Actor, OrgId, InvoiceRequest)}, inside a running tenant transaction. */
  public Invoice draft(TenantTransaction tx, InvoiceRequest request) {
    checkCurrency(tx, request.rated().currency());
    Invoice draft = InvoiceCalculation.draft(ids.next(InvoiceId::of), tx.org(), billTo(tx), request, taxes, clock.instant());
    tx.invoices().insert(draft);
    return draft;
  }

  /**
   * As {@link #draft(TenantTransaction, InvoiceRequest)}, under {@code key}: the store refuses a
   * second invoice for the same subscription, kind and period.
   *
   * @throws ConflictException if an invoice holds {@code key} already; nothing is written
   */
  public Invoice draft(TenantTransaction tx, InvoiceRequest request, InvoiceKey key) {
    Objects.requireNonNull(key, "key");
    checkCurrency(tx, request.rated().currency());
    Invoice draft = InvoiceCalculation.draft(ids.next(InvoiceId::of), tx.org(), billTo(tx), request, taxes, clock.instant());
    tx.invoices().insert(draft, key);
    return draft;
  }

  /** Finalizes a draft: numbers it, applies customer credit, posts it to the ledger. */
  @Override
  public Invoice finalizeDraft(Actor actor, OrgId org, InvoiceId invoice) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(invoice, "invoice");
    return transition(actor, org, invoice, "invoice.finalized", tx -> finalizeDraft(tx, invoice));
  }

  /** As {@link #finalizeDraft(Actor, OrgId, InvoiceId)}, inside a running tenant transaction. */
  public Invoice finalizeDraft(TenantTransaction tx, InvoiceId id) {
    Invoice draft = load(tx, id);
    checkTransition(draft, InvoiceStatus.OPEN);
    Instant now = clock.instant();
    // The number is taken in this transaction: a finalization that rolls back gives it back.
    String number = nextNumber(tx, settings.invoices(), now);
    Optional<Instant> due = Optional.of(now.plus(Duration.ofDays(draft.daysUntilDue())));
    Invoice numbered = draft.with(InvoiceStatus.OPEN, Optional.of(number), Money.zero(draft.currency()), Optional.of(now),
        due, Optional.empty(), Optional.empty());
    LedgerFact.InvoiceFinalized fact = InvoiceCalculation.finalizedFact(numbered, now);
    ledger.record(tx, fact);
    if (fact.inAdvance().isPositive()) {
      InvoiceCalculation.advancePeriod(numbered).ifPresent(period -> tx.invoices().setRevenueSchedule(new RevenueSchedule(
          id, fact.inAdvance(), period, Money.zero(numbered.currency()), period.start())));
    }
    Money credit = availableCredit(tx, numbered).min(numbered.total());
    if (credit.isPositive()) {
      ledger.record(tx, new LedgerFact.CreditApplied(creditIdFor(id), id, now, credit));
    } else {
      credit = Money.zero(draft.currency());
    }
    // Fully covered by credit (or a zero invoice): nothing is left to collect, so it is paid now.
    boolean settled = numbered.total().minus(credit).isZero();
    Optional<Instant> closed = settled ? Optional.of(now) : Optional.empty();
    Invoice open = draft.withSeller(settings.seller()).with(settled ? InvoiceStatus.PAID : InvoiceStatus.OPEN,
        Optional.of(number), credit, Optional.of(now), due, closed, closed);
    tx.invoices().update(open);
    return open;
  }

  /** The next number of {@code format}'s series for a document issued at {@code now}. */
  static String nextNumber(TenantTransaction tx, NumberingFormat format, Instant now) {
    return format.format(tx.numbering().next(format.counter(now)), now);
  }

  /**
   * Recognizes revenue billed in advance, day by day: for every finalized invoice, the part of
   * its deferred revenue that belongs to UTC days of its service period that ended by now
   * moves from deferred revenue to revenue. Each day is its own entry, keyed by invoice and
   * day, so running this twice — or on two instances — recognizes each day once. An
   * organization whose recognition fails is logged and retried next time, without holding back
   * the others; use {@link #recognizeRevenue(int, int)} to see how many failed or were skipped.
   *
   * @return the number of days recognized
   */
  public int recognizeRevenue(int limit) {
    return recognizeRevenue(limit, 1).done();
  }

  /**
   * Recognizes revenue for up to {@code limit} organizations, {@code workers} at once, each in
   * its own transaction. An organization that fails is logged and left for the next run; the
   * others go on.
   *
   * @return the days recognized ({@code done}) and the organizations that failed ({@code failed})
   * @throws IllegalArgumentException if {@code workers} is not in 1..64
   */
  public SweepResult recognizeRevenue(int limit, int workers) {
    return recognizeRevenue(limit, workers, Optional.empty());
  }

  /**
   * As {@link #recognizeRevenue(int, int)}, recording an organization that fails with
   * {@code failures} (retried after backoff, reported once it is stuck).
   */
  public SweepResult recognizeRevenue(int limit, int workers, Optional<io.nobill.core.internal.work.WorkFailures> failures) {
    return recognizeRevenue(limit, SweepItems.of(workers), failures);
  }

  /**
   * As {@link #recognizeRevenue(int, int, Optional)}, on the workers of {@code items}: the
   * revenue-recognition sweep passes the one {@code SweepItems} its {@code Billing} keeps, so
   * that no run makes threads of its own.
   */
  public SweepResult recognizeRevenue(int limit, SweepItems items, Optional<io.nobill.core.internal.work.WorkFailures> failures) {
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(failures, "failures");
    Instant now = clock.instant();
    AtomicInteger days = new AtomicInteger();
    List<OrgId> due = store.inPlatform(tx -> tx.organizationsWithDeferredRevenue(limit));
    java.util.function.Predicate<OrgId> action = org -> {
      Optional<Integer> recognized = store.inTenantUnlessBusy(org, tx -> recognizeRevenue(tx, now, limit));
      recognized.ifPresent(days::addAndGet);
      return recognized.isPresent();
    };
    SweepItems.Counts counts = failures.isPresent()
        ? failures.get().forEach(items, REVENUE_RECOGNITION, due, org -> org, OrgId::toString, action)
        : items.forEach(due, action, (org, e) -> LOG.warn("recognizing revenue of organization {} failed; will retry",
            org, e));
    return new SweepResult(days.get(), counts.failed(), counts.skipped());
  }

  private int recognizeRevenue(TenantTransaction tx, Instant now, int limit) {
    int days = 0;
    for (RevenueSchedule schedule : tx.invoices().openRevenueSchedules(limit)) {
      List<Period> pieces = InvoiceCalculation.utcDays(schedule.period());
      Money recognized = schedule.recognized();
      Instant through = schedule.recognizedThrough();
      for (int i = 0; i < pieces.size(); i++) {
        Period day = pieces.get(i);
        if (day.end().isAfter(now)) {
          break;
        }
        if (day.end().isAfter(through)) {
          // Each day earns what the cumulative share through its end adds, rounded half up:
          // the rounding never accumulates and the last day completes the amount exactly.
          Money share = earnedThrough(schedule, day.end()).minus(earnedThrough(schedule, day.start()));
          if (share.isPositive()) {
            ledger.record(tx, new LedgerFact.RevenueRecognized(schedule.invoice(), day.start(), day.end(), share));
          }
          recognized = recognized.plus(share);
          through = day.end();
          days++;
        }
      }
      if (!through.equals(schedule.recognizedThrough())) {
        tx.invoices().setRevenueSchedule(new RevenueSchedule(schedule.invoice(), schedule.deferred(), schedule.period(),
            recognized, through));
      }
    }
    return days;
  }

  private static Money earnedThrough(RevenueSchedule schedule, Instant at) {
    long elapsed = java.time.Duration.between(schedule.period().start(), at).getSeconds();
    long total = schedule.period().length().getSeconds();
    // deferred × elapsed / total, rounded once: exact up to that one rounding.
    long earned = java.math.BigDecimal.valueOf(schedule.deferred().minorUnits()).multiply(java.math.BigDecimal.valueOf(elapsed))
        .divide(java.math.BigDecimal.valueOf(total), 0, java.math.RoundingMode.HALF_UP).longValueExact();
    return Money.of(earned, schedule.deferred().currency());
  }

  /** Records that an open (or uncollectible) invoice was paid. */
  @Override
  public Invoice markPaid(Actor actor, OrgId org, InvoiceId invoice, PaymentId payment) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(invoice, "invoice");
    Objects.requireNonNull(payment, "payment");
    return transition(actor, org, invoice, "invoice.paid", tx -> markPaid(tx, invoice, payment));
  }

  /** As {@link #markPaid(Actor, OrgId, InvoiceId, PaymentId)}, inside a running tenant transaction. */
  public Invoice markPaid(TenantTransaction tx, InvoiceId id, PaymentId payment) {
    Invoice invoice = load(tx, id);
    checkTransition(invoice, InvoiceStatus.PAID);
    Instant now = clock.instant();
    undoWriteOff(tx, invoice);
    if (invoice.amountDue().isPositive()) {
      ledger.record(tx, new LedgerFact.PaymentSucceeded(payment, id, now, invoice.amountDue()));
    }
    Invoice paid = invoice.with(InvoiceStatus.PAID, invoice.number(), invoice.creditApplied(), invoice.finalizedAt(),
        invoice.dueAt(), Optional.of(now), Optional.of(now));
    tx.invoices().update(paid);
    return paid;
  }

  /** Voids an open (or uncollectible) invoice: it is no longer owed and its entries are mirrored. */
  @Override
  public Invoice voidInvoice(Actor actor, OrgId org, InvoiceId invoice) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(invoice, "invoice");
    return transition(actor, org, invoice, "invoice.voided", tx -> voidInvoice(tx, actor, invoice));
  }

  /**
   * As {@link #voidInvoice(Actor, OrgId, InvoiceId)}, inside a running tenant transaction; the
   * credit note it issues is audited as issued by {@code actor}.
   */
  public Invoice voidInvoice(TenantTransaction tx, Actor actor, InvoiceId id) {
    Objects.requireNonNull(actor, "actor");
    Invoice invoice = load(tx, id);
    checkTransition(invoice, InvoiceStatus.VOID);
    Instant now = clock.instant();
    // The credit note documents every entry the void posts; it posts nothing of its own.
    List<String> entries = new java.util.ArrayList<>();
    undoWriteOff(tx, invoice).ifPresent(e -> entries.add(e.idempotencyKey()));
    if (invoice.creditApplied().isPositive()) {
      JournalEntry applied = tx.ledger().entryByKey("credit-applied:" + creditIdFor(id) + ":" + id)
          .orElseThrow(() -> new IllegalStateException("credit applied to " + id + " has no journal entry"));
      entries.add(ledger.reverse(tx, applied.id(), "invoice voided").idempotencyKey());
    }
    LedgerFact.InvoiceFinalized finalized = InvoiceCalculation.finalizedFact(invoice, now);
    // What was recognized already is revenue now, not deferred: the void mirrors where it is.
    Money recognized = tx.invoices().revenueSchedule(id).map(RevenueSchedule::recognized).orElse(Money.zero(invoice.currency()));
    ledger.record(tx, new LedgerFact.InvoiceVoided(id, now, finalized.inAdvance().minus(recognized),
        finalized.inArrears().plus(recognized), finalized.tax())).ifPresent(r -> entries.add(r.entry().idempotencyKey()));
    issueCreditNote(tx, CreditNote.voiding(ids.next(io.nobill.core.id.CreditNoteId::of), invoice,
        nextNumber(tx, settings.creditNotes(), now), now, settings.seller(), entries), actor);
    tx.invoices().revenueSchedule(id).ifPresent(r -> tx.invoices().setRevenueSchedule(new RevenueSchedule(id,
        r.recognized(), r.period(), r.recognized(), now)));
    Invoice voided = invoice.with(InvoiceStatus.VOID, invoice.number(), invoice.creditApplied(), invoice.finalizedAt(),
        invoice.dueAt(), Optional.empty(), Optional.of(now));
    tx.invoices().update(voided);
    return voided;
  }

  /** Marks an open invoice uncollectible and writes what is owed off to bad debt. */
  @Override
  public Invoice markUncollectible(Actor actor, OrgId org, InvoiceId invoice) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(invoice, "invoice");
    return transition(actor, org, invoice, "invoice.marked-uncollectible", tx -> markUncollectible(tx, invoice));
  }

  /** As {@link #markUncollectible(Actor, OrgId, InvoiceId)}, inside a running tenant transaction. */
  public Invoice markUncollectible(TenantTransaction tx, InvoiceId id) {
    Invoice invoice = load(tx, id);
    checkTransition(invoice, InvoiceStatus.UNCOLLECTIBLE);
    Instant now = clock.instant();
    if (invoice.amountDue().isPositive()) {
      ledger.record(tx, new LedgerFact.InvoiceWrittenOff(id, now, invoice.amountDue()));
    }
    Invoice written = invoice.with(InvoiceStatus.UNCOLLECTIBLE, invoice.number(), invoice.creditApplied(),
        invoice.finalizedAt(), invoice.dueAt(), Optional.empty(), Optional.empty());
    tx.invoices().update(written);
    return written;
  }

  /** An invoice of the organization. */
  @Override
  public Optional<Invoice> get(Actor actor, OrgId org, InvoiceId invoice) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(invoice, "invoice");
    return Access.inTenant(store, org, actor, Permission.BILLING_READ, tx -> tx.invoices().find(invoice));
  }

  /** A page of the organization's invoices in id (creation) order, optionally of one status. */
  @Override
  public List<Invoice> list(Actor actor, OrgId org, Optional<InvoiceStatus> status, Optional<InvoiceId> after, int limit) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(after, "after");
    InvalidRequestException.require(limit >= 1 && limit <= 1000, "limit", "must be in 1..1000");
    return Access.inTenant(store, org, actor, Permission.BILLING_READ, tx -> tx.invoices().list(status, after, limit));
  }

  private Optional<JournalEntry> undoWriteOff(TenantTransaction tx, Invoice invoice) {
    if (invoice.status() == InvoiceStatus.UNCOLLECTIBLE && invoice.amountDue().isPositive()) {
      JournalEntry writeOff = tx.ledger().entryByKey("invoice-written-off:" + invoice.id())
          .orElseThrow(() -> new IllegalStateException("write-off of " + invoice.id() + " has no journal entry"));
      return Optional.of(ledger.reverse(tx, writeOff.id(), "uncollectible invoice settled"));
    }
    return Optional.empty();
  }

  /**
   * Stores a credit note and audits it as issued, in the transaction of the change it documents;
   * the audit entry names the journal entries it documents.
   */
  private void issueCreditNote(TenantTransaction tx, CreditNote note, Actor actor) {
    tx.invoices().insertCreditNote(note);
    Map<String, String> f = new LinkedHashMap<>();
    f.put("number", note.number());
    f.put("invoice", note.invoice().toString());
    f.put("invoiceNumber", note.invoiceNumber());
    f.put("reason", note.reason().name());
    f.put("total", note.total().toString());
    f.put("ledgerEntries", String.join(",", note.ledgerEntries()));
    audit.record(tx, actor, "credit-note.issued", AuditTarget.of("credit-note", note.id()), Map.of(), f);
  }

  /**
   * Issues the credit note of a refund just posted, in its transaction: the amount refunded of a
   * payment of the invoice, documenting the refund's journal entry. Wired to the ledger by the
   * assembly ({@code CoreLedger.documentRefundsWith}).
   */
  public void refunded(TenantTransaction tx, LedgerFact.PaymentRefunded fact, io.nobill.core.ledger.RecordedPayment payment,
      JournalEntry entry) {
    Invoice invoice = load(tx, payment.invoice());
    if (invoice.number().isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    issueCreditNote(tx, CreditNote.refunding(ids.next(io.nobill.core.id.CreditNoteId::of), invoice,
        nextNumber(tx, settings.creditNotes(), now), now, settings.seller(), fact.amount(), List.of(entry.idempotencyKey())),
        CREDIT_NOTES);
  }

  /** The job credit notes of refunds are audited as: the refund's own entry names who refunded. */
  private static final Actor CREDIT_NOTES = Actor.job("credit-notes");

  /** The credit notes of an invoice. */
  @Override
  public List<CreditNote> creditNotes(Actor actor, OrgId org, InvoiceId invoice) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(invoice, "invoice");
    return Access.inTenant(store, org, actor, Permission.BILLING_READ, tx -> {
      load(tx, invoice);
      return tx.invoices().creditNotes(invoice);
    });
  }

  /** The customer credit the organization holds in the invoice's currency. */
  private Money availableCredit(TenantTransaction tx, Invoice invoice) {
    ChartOfAccounts chart = ledger.openAccounts(tx, invoice.currency());
    return tx.ledger().balance(chart.id(AccountCode.CUSTOMER_CREDIT)).net().max(Money.zero(invoice.currency()));
  }

  /** Credit applications are keyed by the invoice, so applying credit to one invoice posts once. */
  private static CreditId creditIdFor(InvoiceId invoice) {
    return CreditId.of(UUID.nameUUIDFromBytes(("credit-applied:" + invoice).getBytes(StandardCharsets.UTF_8)));
  }

  private static Invoice load(TenantTransaction tx, InvoiceId id) {
    Objects.requireNonNull(id, "invoice");
    return tx.invoices().find(id).orElseThrow(() -> new NotFoundException("invoice", id));
  }

  private static void checkTransition(Invoice invoice, InvoiceStatus next) {
    if (!invoice.status().canMoveTo(next)) {
      throw new ConflictException(invoice.id(), "cannot move from " + invoice.status() + " to " + next
          + "; allowed: " + invoice.status().allowedNext());
    }
  }

  private static BillTo billTo(TenantTransaction tx) {
    return BillTo.of(tx.organization().find().orElseThrow(() -> new NotFoundException("organization", tx.org())));
  }

  private static void checkCurrency(TenantTransaction tx, java.util.Currency currency) {
    Organization org = tx.organization().find().orElseThrow(() -> new NotFoundException("organization", tx.org()));
    if (!org.currency().equals(currency)) {
      throw new InvalidRequestException("rated", "must be in the organization's currency " + org.currency().getCurrencyCode()
          + ", was " + currency.getCurrencyCode());
    }
  }

  /** A transition made by {@code actor}: checked, carried out and audited in one transaction. */
  private Invoice transition(Actor actor, OrgId org, InvoiceId invoice, String action,
      java.util.function.Function<TenantTransaction, Invoice> change) {
    return store.inTenant(org, tx -> {
      Access.require(tx, actor, Permission.INVOICES_MANAGE);
      Invoice before = tx.invoices().find(invoice).orElse(null);
      Invoice after = change.apply(tx);
      audited(tx, actor, action, before, after);
      return after;
    });
  }

  private void audited(TenantTransaction tx, Actor actor, String action, Invoice before, Invoice after) {
    Map<String, String> was = before == null ? Map.of() : fields(before);
    audit.record(tx, actor, action, AuditTarget.of("invoice", after.id()), was, fields(after));
  }

  private static Map<String, String> fields(Invoice i) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("status", i.status().name());
    f.put("number", i.number().orElse(""));
    f.put("total", i.total().toString());
    f.put("amountDue", i.amountDue().toString());
    return f;
  }
}
