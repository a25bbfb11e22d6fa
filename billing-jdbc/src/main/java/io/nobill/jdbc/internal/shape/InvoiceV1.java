package io.nobill.jdbc.internal.shape;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nobill.core.catalog.BillingTiming;
import io.nobill.core.catalog.TierCharge;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.invoice.BillTo;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.invoice.InvoiceLine;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.invoice.LineKind;
import io.nobill.core.tax.TaxBehavior;
import io.nobill.core.tax.TaxLine;
import io.nobill.core.tax.TaxRate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Version 1 of {@code nobill_invoice.body}. */
record InvoiceV1(
    @JsonProperty("v") Integer v,
    @JsonProperty("id") Common.Id id,
    @JsonProperty("org") Common.Id org,
    @JsonProperty("number") String number,
    @JsonProperty("status") String status,
    @JsonProperty("currency") Currency currency,
    @JsonProperty("plan") Common.Plan plan,
    @JsonProperty("period") Common.Period period,
    @JsonProperty("billTo") BillToV1 billTo,
    @JsonProperty("lines") List<Line> lines,
    @JsonProperty("taxBehavior") String taxBehavior,
    @JsonProperty("taxLines") List<Tax> taxLines,
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
    @JsonProperty("version") long version) {
  static final int VERSION = 1;

  @JsonCreator
  InvoiceV1 {
  }

  static InvoiceV1 from(Invoice i) {
    return new InvoiceV1(VERSION, Common.Id.of(i.id()), Common.Id.of(i.org()), i.number().orElse(null), i.status().name(),
        i.currency(), Common.Plan.ofNullable(i.plan()), Common.Period.of(i.period()), BillToV1.of(i.billTo()),
        i.lines().stream().map(Line::of).toList(), i.taxBehavior().name(), i.taxLines().stream().map(Tax::of).toList(),
        Common.Money.of(i.subtotal()), Common.Money.of(i.discountTotal()), Common.Money.of(i.taxTotal()),
        Common.Money.of(i.total()), Common.Money.of(i.creditApplied()), Common.Money.of(i.amountDue()), i.daysUntilDue(),
        i.createdAt(), i.finalizedAt().orElse(null), i.dueAt().orElse(null), i.paidAt().orElse(null),
        i.closedAt().orElse(null), i.version());
  }

  Invoice toDomain() {
    return new Invoice(id.to(InvoiceId::of), org.to(OrgId::of), Optional.ofNullable(number),
        Common.constant(InvoiceStatus.class, status), currency, Common.Plan.optional(plan), period.toDomain(),
        billTo.toDomain(), lines.stream().map(Line::toDomain).toList(), Common.constant(TaxBehavior.class, taxBehavior),
        taxLines.stream().map(Tax::toDomain).toList(), subtotal.toDomain(), discountTotal.toDomain(), taxTotal.toDomain(),
        total.toDomain(), creditApplied.toDomain(), amountDue.toDomain(), daysUntilDue, createdAt,
        Optional.ofNullable(finalizedAt), Optional.ofNullable(dueAt), Optional.ofNullable(paidAt),
        Optional.ofNullable(closedAt), version);
  }

  /** The addressee copied onto the invoice. */
  record BillToV1(
      @JsonProperty("name") String name,
      @JsonProperty("email") String email,
      @JsonProperty("country") String country,
      @JsonProperty("taxId") String taxId,
      @JsonProperty("locale") Locale locale) {
    @JsonCreator
    BillToV1 {
    }

    static BillToV1 of(BillTo b) {
      return new BillToV1(b.name(), b.email(), b.country(), b.taxId().orElse(null), b.locale());
    }

    BillTo toDomain() {
      return new BillTo(name, email, country, Optional.ofNullable(taxId), locale);
    }
  }

  /** One invoice line. */
  record Line(
      @JsonProperty("kind") String kind,
      @JsonProperty("description") String description,
      @JsonProperty("priceKey") String priceKey,
      @JsonProperty("period") Common.Period period,
      @JsonProperty("quantity") BigDecimal quantity,
      @JsonProperty("unitAmount") BigDecimal unitAmount,
      @JsonProperty("amount") Common.Money amount,
      @JsonProperty("timing") String timing,
      @JsonProperty("tiers") List<Tier> tiers) {
    @JsonCreator
    Line {
    }

    static Line of(InvoiceLine l) {
      return new Line(l.kind().name(), l.description(), l.priceKey().orElse(null), Common.Period.of(l.period()), l.quantity(),
          l.unitAmount().orElse(null), Common.Money.of(l.amount()), l.timing().name(),
          l.tiers().stream().map(Tier::of).toList());
    }

    InvoiceLine toDomain() {
      return new InvoiceLine(Common.constant(LineKind.class, kind), description, Optional.ofNullable(priceKey),
          period.toDomain(), quantity, Optional.ofNullable(unitAmount), amount.toDomain(),
          Common.constant(BillingTiming.class, timing), tiers == null ? List.of() : tiers.stream().map(Tier::toDomain).toList());
    }
  }

  /** What one tier contributed to a line. */
  record Tier(
      @JsonProperty("tier") int tier,
      @JsonProperty("quantity") BigDecimal quantity,
      @JsonProperty("unitAmount") BigDecimal unitAmount,
      @JsonProperty("flatAmount") BigDecimal flatAmount,
      @JsonProperty("amount") BigDecimal amount) {
    @JsonCreator
    Tier {
    }

    static Tier of(TierCharge t) {
      return new Tier(t.tier(), t.quantity(), t.unitAmount(), t.flatAmount(), t.amount());
    }

    TierCharge toDomain() {
      return new TierCharge(tier, quantity, unitAmount, flatAmount, amount);
    }
  }

  /** One tax line, with its rate. */
  record Tax(
      @JsonProperty("rate") Rate rate,
      @JsonProperty("taxableAmount") Common.Money taxableAmount,
      @JsonProperty("tax") Common.Money tax) {
    @JsonCreator
    Tax {
    }

    static Tax of(TaxLine t) {
      return new Tax(Rate.of(t.rate()), Common.Money.of(t.taxableAmount()), Common.Money.of(t.tax()));
    }

    TaxLine toDomain() {
      return new TaxLine(rate.toDomain(), taxableAmount.toDomain(), tax.toDomain());
    }
  }

  /** A tax rate as the invoice printed it. */
  record Rate(
      @JsonProperty("name") String name,
      @JsonProperty("jurisdiction") String jurisdiction,
      @JsonProperty("percent") BigDecimal percent,
      @JsonProperty("note") String note) {
    @JsonCreator
    Rate {
    }

    static Rate of(TaxRate r) {
      return new Rate(r.name(), r.jurisdiction(), r.percent(), r.note());
    }

    TaxRate toDomain() {
      return new TaxRate(name, jurisdiction, percent, note);
    }
  }
}
