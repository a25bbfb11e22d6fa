package io.nobill.jdbc.internal.shape;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nobill.core.subscription.PaymentMethodRecord;
import java.time.Instant;
import java.util.Optional;

/** Version 1 of {@code nobill_payment_method.body}. */
record PaymentMethodV1(
    @JsonProperty("v") Integer v,
    @JsonProperty("reference") String reference,
    @JsonProperty("changedAt") Instant changedAt,
    @JsonProperty("changeEvent") String changeEvent) {
  static final int VERSION = 1;

  @JsonCreator
  PaymentMethodV1 {
  }

  static PaymentMethodV1 from(PaymentMethodRecord r) {
    return new PaymentMethodV1(VERSION, r.reference().orElse(null), r.changedAt(), r.changeEvent());
  }

  PaymentMethodRecord toDomain() {
    return new PaymentMethodRecord(Optional.ofNullable(reference), changedAt, changeEvent);
  }
}
