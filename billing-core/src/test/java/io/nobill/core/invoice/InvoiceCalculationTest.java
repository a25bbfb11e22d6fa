package io.nobill.core.invoice;

import io.nobill.core.internal.invoice.InvoiceCalculation;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.catalog.Discount;
import io.nobill.core.catalog.DiscountDuration;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.catalog.SeedCatalog;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.ledger.LedgerFact;
import io.nobill.core.money.Money;
import io.nobill.core.rating.DiscountApplication;
import io.nobill.core.rating.Rating;
import io.nobill.core.rating.RatingInput;
import io.nobill.core.tax.regional.RegionalTaxTable;
import io.nobill.core.tax.TaxBehavior;
import io.nobill.core.tax.TaxProfile;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InvoiceCalculationTest {
  private static final Plan PRO = SeedCatalog.create("EUR").latest("pro").orElseThrow();
  private static final Period JAN = new Period(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"));
  private static final Period FEB = new Period(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"));
  private static final Instant NOW = FEB.start();
  private static final BillTo BILL_TO = new BillTo("Acme GmbH", "billing@acme.example", "DE", Optional.empty(), Locale.GERMANY);
  private static final RegionalTaxTable TAXES = RegionalTaxTable.builder().sellerCountry("DE").build();

  private static Money eur(String major) {
    return Money.ofMajor(major, "EUR");
  }

  private static Invoice numbered(Invoice draft) {
    return draft.with(InvoiceStatus.OPEN, Optional.of("ACME-000001"), draft.creditApplied(), Optional.of(NOW),
        Optional.of(NOW), Optional.empty(), Optional.empty());
  }

  private static Invoice draft(TaxBehavior behavior, List<DiscountApplication> discounts) {
    RatingInput input = new RatingInput(PRO, PricingOverrides.NONE, Optional.of(FEB), 3, Optional.of(JAN),
        Map.of("api_calls", new BigDecimal("250000")), List.of(), discounts);
    InvoiceRequest request = new InvoiceRequest(Rating.rate(input), Optional.of(PRO.ref()), TaxProfile.consumer("DE"), behavior, 14);
    return InvoiceCalculation.draft(InvoiceId.of(new UUID(0x7000L, 1)), OrgId.of(new UUID(0x7000L, 2)), BILL_TO, request, TAXES, NOW);
  }

  @Test
  void exclusiveTaxIsAddedOnTopAndTheLedgerSplitFollowsTheTiming() {
    Invoice invoice = draft(TaxBehavior.EXCLUSIVE, List.of());
    // 49.00 + 36.00 in advance, 90.00 in arrears; VAT 19% of 175.00 = 33.25.
    assertThat(invoice.subtotal()).isEqualTo(eur("175.00"));
    assertThat(invoice.taxTotal()).isEqualTo(eur("33.25"));
    assertThat(invoice.total()).isEqualTo(eur("208.25"));
    LedgerFact.InvoiceFinalized fact = InvoiceCalculation.finalizedFact(numbered(invoice), NOW);
    assertThat(fact.inAdvance()).isEqualTo(eur("85.00"));
    assertThat(fact.inArrears()).isEqualTo(eur("90.00"));
    assertThat(fact.tax()).isEqualTo(eur("33.25"));
    assertThat(fact.total()).isEqualTo(invoice.total());
  }

  @Test
  void discountsAreSharedBetweenAdvanceAndArrearsWithoutLosingACent() {
    Discount tenPercent = new Discount.Percent("launch", "Launch 10%", BigDecimal.TEN, DiscountDuration.once());
    Invoice invoice = draft(TaxBehavior.EXCLUSIVE, List.of(new DiscountApplication(tenPercent, 0)));
    // Discount 17.50 split 85:90 → 8.50 : 9.00; VAT on 157.50 = 29.93 (29.925 rounds half up).
    assertThat(invoice.discountTotal()).isEqualTo(eur("-17.50"));
    assertThat(invoice.taxTotal()).isEqualTo(eur("29.93"));
    LedgerFact.InvoiceFinalized fact = InvoiceCalculation.finalizedFact(numbered(invoice), NOW);
    assertThat(fact.inAdvance()).isEqualTo(eur("76.50"));
    assertThat(fact.inArrears()).isEqualTo(eur("81.00"));
    assertThat(fact.total()).isEqualTo(invoice.total());
  }

  @Test
  void inclusiveTaxIsCarvedOutOfThePricesAndOutOfRevenue() {
    Invoice invoice = draft(TaxBehavior.INCLUSIVE, List.of());
    // 175.00 gross includes VAT: 175.00 × 19/119 = 27.94; the total stays 175.00.
    assertThat(invoice.taxTotal()).isEqualTo(eur("27.94"));
    assertThat(invoice.total()).isEqualTo(eur("175.00"));
    LedgerFact.InvoiceFinalized fact = InvoiceCalculation.finalizedFact(numbered(invoice), NOW);
    assertThat(fact.inAdvance().plus(fact.inArrears())).isEqualTo(eur("147.06"));
    assertThat(fact.total()).isEqualTo(eur("175.00"));
  }

  @Test
  void anExemptBuyerPaysNoTax() {
    RatingInput input = RatingInput.advanceOnly(PRO, PricingOverrides.NONE, FEB, 1);
    InvoiceRequest request = new InvoiceRequest(Rating.rate(input), Optional.empty(),
        new TaxProfile("DE", Optional.empty(), Optional.empty(), true), TaxBehavior.EXCLUSIVE, 0);
    Invoice invoice = InvoiceCalculation.draft(InvoiceId.of(new UUID(0x7000L, 1)), OrgId.of(new UUID(0x7000L, 2)), BILL_TO,
        request, TAXES, NOW);
    assertThat(invoice.taxLines()).isEmpty();
    assertThat(invoice.total()).isEqualTo(eur("61.00"));
  }

  @Test
  void anInvoiceWhoseTotalsDisagreeWithItsLinesCannotBeBuilt() {
    Invoice good = draft(TaxBehavior.EXCLUSIVE, List.of());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Invoice(good.id(), good.org(), good.number(), good.status(),
        good.currency(), good.plan(), good.period(), good.billTo(), good.lines(), good.taxBehavior(), good.taxLines(),
        good.subtotal(), good.discountTotal(), good.taxTotal(), good.total().plus(eur("0.01")), good.creditApplied(),
        good.amountDue().plus(eur("0.01")), good.daysUntilDue(), good.createdAt(), good.finalizedAt(), good.dueAt(),
        good.paidAt(), good.closedAt(), good.version()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("totals do not match");
  }
}
