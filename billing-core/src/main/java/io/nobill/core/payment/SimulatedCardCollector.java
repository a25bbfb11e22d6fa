package io.nobill.core.payment;

import io.nobill.core.id.PaymentId;
import io.nobill.core.spi.PaymentCollector;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * A card collector for demos and tests whose outcome is chosen by the payment method
 * reference, following Stripe's test payment methods: {@code pm_card_visa},
 * {@code pm_card_mastercard} and {@code pm_card_amex} succeed; {@code pm_card_chargeDeclined},
 * {@code pm_card_chargeDeclinedInsufficientFunds}, {@code pm_card_chargeDeclinedExpiredCard}
 * and {@code pm_card_chargeDeclinedProcessingError} fail with Stripe's decline code; no
 * payment method fails with {@code no_payment_method}; anything else fails with
 * {@code unknown_payment_method}. It moves no money.
 *
 * <p>Payment ids are derived from the request's idempotency key, so retrying an attempt
 * yields the same payment.
 */
public final class SimulatedCardCollector implements PaymentCollector {
  private static final Map<String, String> DECLINES = Map.of(
      "pm_card_chargeDeclined", "card_declined",
      "pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds",
      "pm_card_chargeDeclinedExpiredCard", "expired_card",
      "pm_card_chargeDeclinedProcessingError", "processing_error");
  private static final java.util.Set<String> SUCCEED = java.util.Set.of("pm_card_visa", "pm_card_mastercard", "pm_card_amex");

  @Override
  public Result collect(CollectionRequest request) {
    if (request.paymentMethod().isEmpty()) {
      return new Result.Failed("no_payment_method");
    }
    String pm = request.paymentMethod().get();
    if (SUCCEED.contains(pm)) {
      return new Result.Succeeded(PaymentId.of(UUID.nameUUIDFromBytes(request.idempotencyKey().getBytes(StandardCharsets.UTF_8))));
    }
    return new Result.Failed(DECLINES.getOrDefault(pm, "unknown_payment_method"));
  }
}
