package io.nobill.bench;

import io.nobill.core.catalog.Discount;
import io.nobill.core.catalog.DiscountDuration;
import io.nobill.core.catalog.Period;
import io.nobill.core.catalog.Plan;
import io.nobill.core.catalog.PricingModel;
import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.catalog.Tier;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.invoice.BillTo;
import io.nobill.core.invoice.Invoice;
import io.nobill.core.internal.invoice.InvoiceCalculation;
import io.nobill.core.invoice.InvoiceRequest;
import io.nobill.core.money.Money;
import io.nobill.core.rating.DiscountApplication;
import io.nobill.core.rating.ProrationItem;
import io.nobill.core.rating.Proration;
import io.nobill.core.rating.Rating;
import io.nobill.core.rating.RatingInput;
import io.nobill.core.rating.SeatChange;
import io.nobill.core.tax.regional.RegionalTaxTable;
import io.nobill.core.tax.TaxBehavior;
import io.nobill.core.tax.TaxProfile;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time to rate one complex invoice and tax it: 10 metered prices with 5 graduated tiers each,
 * 100 seat changes prorated by the second, 2 discounts, 19% VAT — through {@code Proration},
 * {@code Rating} and {@code InvoiceCalculation}. The {@code baseline} computes the same
 * figures with bare {@code BigDecimal} loops and no objects, validation or explanations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RatingBenchmark {
  private static final int METERS = 10;
  private static final long[] UP_TO = {1_000, 10_000, 100_000, 1_000_000};
  private static final BigDecimal[] UNIT = {
      new BigDecimal("2"), new BigDecimal("1.5"), new BigDecimal("1"), new BigDecimal("0.5"), new BigDecimal("0.25")};

  private Plan plan;
  private Period january;
  private Period february;
  private List<SeatChange> seatChanges;
  private Map<String, BigDecimal> usage;
  private List<DiscountApplication> discounts;
  private RegionalTaxTable taxes;
  private BillTo billTo;
  private long[] usageArray;

  @Setup
  public void setUp() {
    Plan.Builder b = Plan.builder("complex", 1).name("Complex").currency("EUR").monthly()
        .flatFee("base", "Base", Money.ofMajor("99.00", "EUR"))
        .perSeat("seats", "Seats", PricingModel.perUnit("1200"), 2);
    for (int m = 0; m < METERS; m++) {
      b.metered("meter_" + m, "Meter " + m, "meter_" + m, PricingModel.graduated(
          Tier.upTo(UP_TO[0], "2"), Tier.upTo(UP_TO[1], "1.5"), Tier.upTo(UP_TO[2], "1"), Tier.upTo(UP_TO[3], "0.5"),
          Tier.rest("0.25")));
    }
    plan = b.build();
    january = new Period(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"));
    february = new Period(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"));
    seatChanges = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      seatChanges.add(new SeatChange(january.start().plus(Duration.ofMinutes(7 * 60 + 443L * i)), 5 + (i % 7)));
    }
    usage = new LinkedHashMap<>();
    usageArray = new long[METERS];
    for (int m = 0; m < METERS; m++) {
      usageArray[m] = 1_234_567L * (m + 1);
      usage.put("meter_" + m, BigDecimal.valueOf(usageArray[m]));
    }
    discounts = List.of(
        new DiscountApplication(new Discount.Percent("launch", "Launch 10%", BigDecimal.TEN, DiscountDuration.repeating(6)), 1),
        new DiscountApplication(new Discount.Amount("partner", "Partner", Money.ofMajor("25.00", "EUR"), DiscountDuration.forever()), 3));
    taxes = RegionalTaxTable.builder().sellerCountry("DE").build();
    billTo = new BillTo("Acme GmbH", "billing@acme.example", "DE", Optional.empty(), Locale.GERMANY);
  }

  @Benchmark
  @ResultUnit("us/invoice")
  public Invoice rateOneInvoice() {
    List<ProrationItem> prorations = Proration.forSeatTimeline(plan, PricingOverrides.NONE, 5, seatChanges, january);
    RatingInput input = new RatingInput(plan, PricingOverrides.NONE, Optional.of(february), 11, Optional.of(january), usage,
        prorations, discounts);
    InvoiceRequest request = new InvoiceRequest(Rating.rate(input), Optional.of(plan.ref()), TaxProfile.consumer("DE"),
        TaxBehavior.EXCLUSIVE, 14);
    return InvoiceCalculation.draft(InvoiceId.of(new UUID(0x7000L, 1)), OrgId.of(new UUID(0x7000L, 2)), billTo, request, taxes,
        february.start());
  }

  @Benchmark
  public long baseline() {
    BigDecimal total = BigDecimal.valueOf(9900).add(BigDecimal.valueOf(1200L * 9));
    long periodSeconds = january.length().getSeconds();
    int seats = 5;
    for (SeatChange c : seatChanges) {
      long remaining = january.end().getEpochSecond() - c.at().getEpochSecond();
      BigDecimal before = BigDecimal.valueOf(1200L * Math.max(0, seats - 2) * remaining);
      BigDecimal after = BigDecimal.valueOf(1200L * Math.max(0, c.seats() - 2) * remaining);
      total = total.subtract(before.divide(BigDecimal.valueOf(periodSeconds), 0, RoundingMode.HALF_UP))
          .add(after.divide(BigDecimal.valueOf(periodSeconds), 0, RoundingMode.HALF_UP));
      seats = c.seats();
    }
    for (int m = 0; m < METERS; m++) {
      long q = usageArray[m];
      long lower = 0;
      BigDecimal amount = BigDecimal.ZERO;
      for (int t = 0; t < 5 && q > lower; t++) {
        long top = t < 4 ? Math.min(q, UP_TO[t]) : q;
        amount = amount.add(BigDecimal.valueOf(top - lower).multiply(UNIT[t]));
        lower = t < 4 ? UP_TO[t] : q;
      }
      total = total.add(amount.setScale(0, RoundingMode.HALF_UP));
    }
    BigDecimal off = total.multiply(new BigDecimal("0.10")).setScale(0, RoundingMode.HALF_UP);
    total = total.subtract(off).subtract(BigDecimal.valueOf(2500));
    BigDecimal tax = total.multiply(new BigDecimal("0.19")).setScale(0, RoundingMode.HALF_UP);
    return total.add(tax).longValueExact();
  }
}
