package io.nobill.jdbc.internal.shape;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nobill.core.id.CreditNoteId;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.invoice.CreditNote;
import io.nobill.core.tax.TaxBehavior;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

/** Version 1 of {@code nobill_credit_note.body}; lines and tax lines in the invoice's version 1 shapes. */
record CreditNoteV1(
    @JsonProperty("v") Integer v,
    @JsonProperty("id") Common.Id id,
    @JsonProperty("org") Common.Id org,
    @JsonProperty("invoice") Common.Id invoice,
    @JsonProperty("invoiceNumber") String invoiceNumber,
    @JsonProperty("number") String number,
    @JsonProperty("reason") String reason,
    @JsonProperty("issuedAt") Instant issuedAt,
    @JsonProperty("currency") Currency currency,
    @JsonProperty("seller") SellerV1 seller,
    @JsonProperty("billTo") InvoiceV2.BillToV2 billTo,
    @JsonProperty("period") Common.Period period,
    @JsonProperty("lines") List<InvoiceV1.Line> lines,
    @JsonProperty("taxBehavior") String taxBehavior,
    @JsonProperty("taxLines") List<InvoiceV1.Tax> taxLines,
    @JsonProperty("subtotal") Common.Money subtotal,
    @JsonProperty("discountTotal") Common.Money discountTotal,
    @JsonProperty("taxTotal") Common.Money taxTotal,
    @JsonProperty("total") Common.Money total,
    @JsonProperty("ledgerEntries") List<String> ledgerEntries) {
  static final int VERSION = 1;

  @JsonCreator
  CreditNoteV1 {
  }

  static CreditNoteV1 from(CreditNote n) {
    return new CreditNoteV1(VERSION, Common.Id.of(n.id()), Common.Id.of(n.org()), Common.Id.of(n.invoice()),
        n.invoiceNumber(), n.number(), n.reason().name(), n.issuedAt(), n.currency(), SellerV1.of(n.seller()),
        InvoiceV2.BillToV2.of(n.billTo()), Common.Period.of(n.period()), n.lines().stream().map(InvoiceV1.Line::of).toList(),
        n.taxBehavior().name(), n.taxLines().stream().map(InvoiceV1.Tax::of).toList(), Common.Money.of(n.subtotal()),
        Common.Money.of(n.discountTotal()), Common.Money.of(n.taxTotal()), Common.Money.of(n.total()), n.ledgerEntries());
  }

  CreditNote toDomain() {
    return new CreditNote(id.to(CreditNoteId::of), org.to(OrgId::of), invoice.to(InvoiceId::of), invoiceNumber, number,
        Common.constant(CreditNote.Reason.class, reason), issuedAt, currency, seller.toDomain(), billTo.toDomain(),
        period.toDomain(), lines.stream().map(InvoiceV1.Line::toDomain).toList(),
        Common.constant(TaxBehavior.class, taxBehavior), taxLines.stream().map(InvoiceV1.Tax::toDomain).toList(),
        subtotal.toDomain(), discountTotal.toDomain(), taxTotal.toDomain(), total.toDomain(), ledgerEntries);
  }
}
