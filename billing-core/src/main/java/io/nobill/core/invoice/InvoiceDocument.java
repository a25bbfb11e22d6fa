package io.nobill.core.invoice;

import io.nobill.core.catalog.Period;
import io.nobill.core.money.Money;
import io.nobill.core.tax.TaxBehavior;
import io.nobill.core.tax.TaxLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * What an invoice or a credit note shows, as values: the view model every rendering is made
 * from. {@link InvoiceRenderer}'s text and HTML render from it alone; a host's own template (a
 * PDF, an e-mail) can take the same values, already in the document's language.
 *
 * <p>It carries what Article 226 of the EU VAT Directive (2006/112/EC) asks of an invoice: the
 * date of issue ({@code issuedAt}); a number of a unique sequence ({@code number}); the seller's
 * VAT registrations ({@code seller.taxRegistrations()}) and the buyer's VAT id
 * ({@code buyer.taxId()}); the full names and addresses of both; the quantity and nature of what
 * was supplied ({@code lines}); the date of supply ({@code servicePeriod}, and each line's own
 * period); per rate the taxable amount, the rate and the tax ({@code taxBreakdown}); unit prices
 * ({@code lines}, exclusive of tax when {@code taxBehavior} is exclusive) and discounts; the tax
 * payable ({@code taxTotal}); and the reverse-charge statement ({@code legalNotes}) in the
 * document's language.
 *
 * @param kind             an invoice, or a credit note correcting one
 * @param number           the document's number; empty for a draft invoice
 * @param status           an invoice's status; empty for a credit note
 * @param correctedInvoice the number of the invoice a credit note corrects; empty for invoices
 * @param reason           why a credit note was issued; empty for invoices
 * @param seller           who issued it: the copy made when it was issued, else the configured seller
 * @param buyer            who it is addressed to, as copied when the invoice was drafted
 * @param issuedAt         the date of issue; empty for a draft
 * @param dueAt            when payment is due; empty for drafts and credit notes
 * @param paidAt           when it was paid, if it is paid
 * @param servicePeriod    the date of supply: the period the lines pay for
 * @param lines            what is billed (or, on a credit note, credited)
 * @param taxBreakdown     per tax rate: the taxable amount, the rate and the tax
 * @param creditApplied    customer credit set against the total
 * @param amountPaid       what was paid, beyond credit applied; zero until paid
 * @param amountDue        what is still owed: zero once paid, void, or on a credit note
 * @param legalNotes       statements the document must carry, in its language
 * @param locale           the locale numbers and dates are formatted in
 * @param labels           the document's words in its language: {@code InvoiceLabels} of
 *                         {@link #language()}, English where a translation lacks a key
 */
public record InvoiceDocument(Kind kind, Optional<String> number, Optional<InvoiceStatus> status,
    Optional<String> correctedInvoice, Optional<CreditNote.Reason> reason, Seller seller, BillTo buyer,
    Optional<Instant> issuedAt, Optional<Instant> dueAt, Optional<Instant> paidAt, Period servicePeriod, Currency currency,
    List<InvoiceLine> lines, TaxBehavior taxBehavior, List<TaxLine> taxBreakdown, Money subtotal, Money discountTotal,
    Money taxTotal, Money total, Money creditApplied, Money amountPaid, Money amountDue, List<LegalNote> legalNotes,
    Locale locale, Map<String, String> labels) {

  private static final String BUNDLE = "io.nobill.core.invoice.InvoiceLabels";

  /** What kind of document it is. */
  public enum Kind {
    INVOICE,
    CREDIT_NOTE
  }

  /**
   * A statement the document carries.
   *
   * @param kind what it is
   * @param text its wording, in the document's language where NOBill words it
   */
  public record LegalNote(NoteKind kind, String text) {
    public LegalNote {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(text, "text");
    }
  }

  /** Kinds of legal note. */
  public enum NoteKind {
    /**
     * The EU reverse charge (VAT Directive Art. 196): the buyer accounts for the VAT. Worded by
     * NOBill in the document's language whenever a tax line has a zero rate and the tax
     * calculator's note for it begins with "Reverse charge" and cites the VAT Directive
     * (2006/112/EC). Other reverse-charge notes (the UK's) are {@link #TAX_NOTE}s.
     */
    REVERSE_CHARGE,
    /** Prices include tax (tax-inclusive pricing). */
    PRICES_INCLUDE_TAX,
    /** Any other note of the tax calculator, printed as it gave it. */
    TAX_NOTE
  }

  public InvoiceDocument {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(correctedInvoice, "correctedInvoice");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(seller, "seller");
    Objects.requireNonNull(buyer, "buyer");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(paidAt, "paidAt");
    Objects.requireNonNull(servicePeriod, "servicePeriod");
    Objects.requireNonNull(currency, "currency");
    lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    Objects.requireNonNull(taxBehavior, "taxBehavior");
    taxBreakdown = List.copyOf(Objects.requireNonNull(taxBreakdown, "taxBreakdown"));
    Objects.requireNonNull(subtotal, "subtotal");
    Objects.requireNonNull(discountTotal, "discountTotal");
    Objects.requireNonNull(taxTotal, "taxTotal");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(creditApplied, "creditApplied");
    Objects.requireNonNull(amountPaid, "amountPaid");
    Objects.requireNonNull(amountDue, "amountDue");
    legalNotes = List.copyOf(Objects.requireNonNull(legalNotes, "legalNotes"));
    Objects.requireNonNull(locale, "locale");
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(labels, "labels")));
  }

  /** The invoice in its addressee's locale, issued by its own seller copy (or the placeholder, for older invoices). */
  public static InvoiceDocument of(Invoice invoice) {
    Objects.requireNonNull(invoice, "invoice");
    return of(invoice, Seller.NOT_CONFIGURED, invoice.billTo().locale());
  }

  /**
   * The invoice in {@code locale}. {@code seller} is printed when the invoice has no seller copy
   * of its own: a draft, or an invoice issued before sellers were recorded.
   */
  public static InvoiceDocument of(Invoice invoice, Seller seller, Locale locale) {
    Objects.requireNonNull(invoice, "invoice");
    Objects.requireNonNull(seller, "seller");
    Objects.requireNonNull(locale, "locale");
    Map<String, String> labels = labels(locale);
    boolean settled = invoice.status() == InvoiceStatus.PAID || invoice.status() == InvoiceStatus.VOID;
    return new InvoiceDocument(Kind.INVOICE, invoice.number(), Optional.of(invoice.status()), Optional.empty(),
        Optional.empty(), invoice.seller().orElse(seller), invoice.billTo(), invoice.finalizedAt(), settled ? Optional.empty()
        : invoice.dueAt(), invoice.status() == InvoiceStatus.PAID ? invoice.paidAt() : Optional.empty(), invoice.period(),
        invoice.currency(), invoice.lines(), invoice.taxBehavior(), invoice.taxLines(), invoice.subtotal(),
        invoice.discountTotal(), invoice.taxTotal(), invoice.total(), invoice.creditApplied(), invoice.amountPaid(),
        invoice.amountOutstanding(), notes(invoice.taxBehavior(), invoice.taxLines(), labels), locale, labels);
  }

  /** The credit note in its addressee's locale. */
  public static InvoiceDocument of(CreditNote note) {
    Objects.requireNonNull(note, "note");
    return of(note, note.billTo().locale());
  }

  /** The credit note in {@code locale}. */
  public static InvoiceDocument of(CreditNote note, Locale locale) {
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(locale, "locale");
    Map<String, String> labels = labels(locale);
    Money zero = Money.zero(note.currency());
    return new InvoiceDocument(Kind.CREDIT_NOTE, Optional.of(note.number()), Optional.empty(),
        Optional.of(note.invoiceNumber()), Optional.of(note.reason()), note.seller(), note.billTo(),
        Optional.of(note.issuedAt()), Optional.empty(), Optional.empty(), note.period(), note.currency(), note.lines(),
        note.taxBehavior(), note.taxLines(), note.subtotal(), note.discountTotal(), note.taxTotal(), note.total(), zero, zero,
        zero, notes(note.taxBehavior(), note.taxLines(), labels), locale, labels);
  }

  /** The language the labels are in: the locale's, if NOBill or the host ships it, else English. */
  public String language() {
    return labels.getOrDefault("language", "en");
  }

  /** The label for {@code key}. */
  public String label(String key) {
    String value = labels.get(key);
    if (value == null) {
      throw new IllegalArgumentException("no invoice label '" + key + "'");
    }
    return value;
  }

  /** Whether the document is a paid invoice: it then shows what was paid, and nothing due. */
  public boolean isPaid() {
    return status.isPresent() && status.get() == InvoiceStatus.PAID;
  }

  private static List<LegalNote> notes(TaxBehavior behavior, List<TaxLine> taxLines, Map<String, String> labels) {
    // Notes such as the reverse-charge statement are legal wording: printed once each.
    Set<LegalNote> notes = new LinkedHashSet<>();
    for (TaxLine tax : taxLines) {
      String note = tax.rate().note().strip();
      // Only the EU's reverse charge has one legal wording per language; another country's
      // (the UK's, say) names its own law and is printed as the calculator gave it.
      if (tax.rate().percent().signum() == 0 && note.regionMatches(true, 0, "Reverse charge", 0, 14)
          && note.contains("2006/112/EC")) {
        notes.add(new LegalNote(NoteKind.REVERSE_CHARGE, labels.get("reverseCharge")));
      } else if (!note.isEmpty()) {
        notes.add(new LegalNote(NoteKind.TAX_NOTE, note));
      }
    }
    if (behavior == TaxBehavior.INCLUSIVE) {
      notes.add(new LegalNote(NoteKind.PRICES_INCLUDE_TAX, labels.get("pricesIncludeTax")));
    }
    return new ArrayList<>(notes);
  }

  /**
   * The labels of the locale's language, or the English base bundle. ResourceBundle would
   * otherwise fall back to the JVM's default locale, making output machine-dependent; a
   * Control cannot prevent that because billing-core may run as a named module.
   */
  static Map<String, String> labels(Locale locale) {
    String language = locale.getLanguage();
    ResourceBundle bundle = null;
    if (!language.isEmpty()) {
      ResourceBundle candidate = ResourceBundle.getBundle(BUNDLE, new Locale(language));
      if (candidate.getLocale().getLanguage().equals(language)) {
        bundle = candidate;
      }
    }
    if (bundle == null) {
      bundle = ResourceBundle.getBundle(BUNDLE, Locale.ROOT);
    }
    Map<String, String> labels = new java.util.TreeMap<>();
    // A key a translation lacks resolves in its parent, the English base bundle.
    for (String key : Collections.list(bundle.getKeys())) {
      labels.put(key, bundle.getString(key));
    }
    labels.put("language", bundle.getLocale().getLanguage().isEmpty() ? "en" : bundle.getLocale().getLanguage());
    return labels;
  }
}
