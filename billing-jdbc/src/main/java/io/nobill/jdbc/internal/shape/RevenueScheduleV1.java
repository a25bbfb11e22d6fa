package io.nobill.jdbc.internal.shape;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.invoice.RevenueSchedule;
import java.time.Instant;

/** Version 1 of {@code nobill_revenue_schedule.body}. */
record RevenueScheduleV1(
    @JsonProperty("v") Integer v,
    @JsonProperty("invoice") Common.Id invoice,
    @JsonProperty("deferred") Common.Money deferred,
    @JsonProperty("period") Common.Period period,
    @JsonProperty("recognized") Common.Money recognized,
    @JsonProperty("recognizedThrough") Instant recognizedThrough) {
  static final int VERSION = 1;

  @JsonCreator
  RevenueScheduleV1 {
  }

  static RevenueScheduleV1 from(RevenueSchedule s) {
    return new RevenueScheduleV1(VERSION, Common.Id.of(s.invoice()), Common.Money.of(s.deferred()), Common.Period.of(s.period()),
        Common.Money.of(s.recognized()), s.recognizedThrough());
  }

  RevenueSchedule toDomain() {
    return new RevenueSchedule(invoice.to(InvoiceId::of), deferred.toDomain(), period.toDomain(), recognized.toDomain(),
        recognizedThrough);
  }
}
