package io.nobill.core.spi;

import io.nobill.core.id.SubscriptionId;
import io.nobill.core.subscription.Subscription;
import java.util.List;
import java.util.Optional;

/** The subscriptions of the organization in scope, current and past. */
public interface SubscriptionRepository {

  Optional<Subscription> find(SubscriptionId id);

  /** The subscription the billing authority knows as {@code providerId}. */
  Optional<Subscription> findByProviderId(String providerId);

  /** Every subscription, oldest first. */
  List<Subscription> list();

  /**
   * @throws io.nobill.core.error.ConflictException if its id or provider id exists
   */
  void insert(Subscription subscription);

  /**
   * Replaces a subscription whose stored version is {@code subscription.version() - 1}.
   *
   * @throws io.nobill.core.error.ConflictException if the stored version differs
   */
  void update(Subscription subscription);

  /** The organization's payment method on file (a reference, never card data), as last set. */
  Optional<io.nobill.core.subscription.PaymentMethodRecord> paymentMethod();

  void setPaymentMethod(io.nobill.core.subscription.PaymentMethodRecord record);

  /** The billing engine's schedule for a subscription; empty when nothing is pending. */
  io.nobill.core.subscription.BillingSchedule schedule(SubscriptionId subscription);

  void setSchedule(io.nobill.core.subscription.BillingSchedule schedule);
}
