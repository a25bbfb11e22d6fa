package io.nobill.jdbc.internal.shape;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.invoice.BillTo;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.invoice.Seller;
import io.nobill.core.tax.TaxBehavior;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Version 2 of {@code nobill_invoice.body}: version 1 with the seller copied onto the invoice
 * when it was issued ({@code seller}, absent for drafts) and the addressee's postal address
 * ({@code billTo.addressLines}). Lines and tax lines keep version 1's shapes. Version 1 bodies
 * read as invoices without a seller and without an address.
 */
record InvoiceV2(
    @JsonProperty("v") Integer v,
    @JsonProperty("id") Common.Id id,
    @JsonProperty("org") Common.Id org,
    @JsonProperty("number") String number,
    @JsonProperty("status") String status,
    @JsonProperty("currency") Currency currency,
    @JsonProperty("plan") Common.Plan plan,
    @JsonProperty("period") Common.Period period,
    @JsonProperty("billTo") BillToV2 billTo,
    @JsonProperty("lines") List<InvoiceV1.Line> lines,
    @JsonProperty("taxBehavior") String taxBehavior,
    @JsonProperty("taxLines") List<InvoiceV1.Tax> taxLines,
    @JsonProperty("subtotal") Common.Money subtotal,
    @JsonProperty("discountTotal") Common.Money discountTotal,
    @JsonProperty("taxTotal") Common.Money taxTotal,
    @JsonProperty("total") Common.Money total,
    @JsonProperty("creditApplied") Common.Money creditApplied,
    @JsonProperty("amountDue") Common.Money amountDue,
    @JsonProperty("daysUntilDue") int daysUntilDue,
    @JsonProperty("createdAt") Instant createdAt,
    @JsonProperty("finalizedAt") Instant finalizedAt,
    @JsonProperty("dueAt") Instant dueAt,
    @JsonProperty("paidAt") Instant paidAt,
    @JsonProperty("closedAt") Instant closedAt,
    @JsonProperty("version") long version,
    @JsonProperty("seller") SellerV1 seller) {
  static final int VERSION = 2;

  @JsonCreator
  InvoiceV2 {
  }

  static InvoiceV2 from(Invoice i) {
    return new InvoiceV2(VERSION, Common.Id.of(i.id()), Common.Id.of(i.org()), i.number().orElse(null), i.status().name(),
        i.currency(), Common.Plan.ofNullable(i.plan()), Common.Period.of(i.period()), BillToV2.of(i.billTo()),
        i.lines().stream().map(InvoiceV1.Line::of).toList(), i.taxBehavior().name(),
        i.taxLines().stream().map(InvoiceV1.Tax::of).toList(),
        Common.Money.of(i.subtotal()), Common.Money.of(i.discountTotal()), Common.Money.of(i.taxTotal()),
        Common.Money.of(i.total()), Common.Money.of(i.creditApplied()), Common.Money.of(i.amountDue()), i.daysUntilDue(),
        i.createdAt(), i.finalizedAt().orElse(null), i.dueAt().orElse(null), i.paidAt().orElse(null),
        i.closedAt().orElse(null), i.version(), i.seller().map(SellerV1::of).orElse(null));
  }

  Invoice toDomain() {
    return new Invoice(id.to(InvoiceId::of), org.to(OrgId::of), Optional.ofNullable(number),
        Common.constant(InvoiceStatus.class, status), currency, Common.Plan.optional(plan), period.toDomain(),
        billTo.toDomain(), lines.stream().map(InvoiceV1.Line::toDomain).toList(),
        Common.constant(TaxBehavior.class, taxBehavior), taxLines.stream().map(InvoiceV1.Tax::toDomain).toList(),
        subtotal.toDomain(), discountTotal.toDomain(), taxTotal.toDomain(), total.toDomain(), creditApplied.toDomain(),
        amountDue.toDomain(), daysUntilDue, createdAt, Optional.ofNullable(finalizedAt), Optional.ofNullable(dueAt),
        Optional.ofNullable(paidAt), Optional.ofNullable(closedAt), version,
        Optional.ofNullable(seller).map(SellerV1::toDomain));
  }

  /** The addressee copied onto the invoice, with the lines of its postal address. */
  record BillToV2(
      @JsonProperty("name") String name,
      @JsonProperty("email") String email,
      @JsonProperty("country") String country,
      @JsonProperty("taxId") String taxId,
      @JsonProperty("locale") Locale locale,
      @JsonProperty("addressLines") List<String> addressLines) {
    @JsonCreator
    BillToV2 {
    }

    static BillToV2 of(BillTo b) {
      return new BillToV2(b.name(), b.email(), b.country(), b.taxId().orElse(null), b.locale(), b.addressLines());
    }

    BillTo toDomain() {
      return new BillTo(name, email, country, Optional.ofNullable(taxId), locale,
          addressLines == null ? List.of() : addressLines);
    }
  }
}
