package io.nobill.core.store;

import io.nobill.core.error.ConflictException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.id.SubscriptionId;
import io.nobill.core.spi.SubscriptionRepository;
import io.nobill.core.subscription.PaymentMethodRecord;
import io.nobill.core.subscription.Subscription;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

final class InMemorySubscriptionRepository implements SubscriptionRepository {

  /** One organization's subscriptions and payment method. */
  static final class Tables {
    final Map<SubscriptionId, Subscription> subscriptions = new LinkedHashMap<>();
    PaymentMethodRecord paymentMethod;
    final Map<SubscriptionId, io.nobill.core.subscription.BillingSchedule> schedules = new LinkedHashMap<>();
  }

  private final Transaction tx;
  private final Tables t;

  InMemorySubscriptionRepository(Transaction tx, Tables tables) {
    this.tx = tx;
    this.t = tables;
  }

  @Override
  public Optional<Subscription> find(SubscriptionId id) {
    tx.check();
    return Optional.ofNullable(t.subscriptions.get(Objects.requireNonNull(id, "id")));
  }

  @Override
  public Optional<Subscription> findByProviderId(String providerId) {
    tx.check();
    Objects.requireNonNull(providerId, "providerId");
    return t.subscriptions.values().stream().filter(s -> s.providerId().equals(providerId)).findFirst();
  }

  @Override
  public List<Subscription> list() {
    tx.check();
    return List.copyOf(t.subscriptions.values());
  }

  @Override
  public void insert(Subscription subscription) {
    tx.check();
    Objects.requireNonNull(subscription, "subscription");
    if (t.subscriptions.containsKey(subscription.id()) || findByProviderId(subscription.providerId()).isPresent()) {
      throw new ConflictException(subscription.id(), "subscription already exists");
    }
    t.subscriptions.put(subscription.id(), subscription);
    tx.onRollback(() -> t.subscriptions.remove(subscription.id()));
  }

  @Override
  public void update(Subscription subscription) {
    tx.check();
    Objects.requireNonNull(subscription, "subscription");
    Subscription before = t.subscriptions.get(subscription.id());
    if (before == null) {
      throw new NotFoundException("subscription", subscription.id());
    }
    if (before.version() != subscription.version() - 1) {
      throw ConflictException.concurrent(subscription.id(), "was changed concurrently (stored version " + before.version()
          + ", update expects " + (subscription.version() - 1) + ")");
    }
    t.subscriptions.put(subscription.id(), subscription);
    tx.onRollback(() -> t.subscriptions.put(subscription.id(), before));
  }

  @Override
  public io.nobill.core.subscription.BillingSchedule schedule(SubscriptionId subscription) {
    tx.check();
    Objects.requireNonNull(subscription, "subscription");
    return t.schedules.getOrDefault(subscription, io.nobill.core.subscription.BillingSchedule.empty(subscription));
  }

  @Override
  public void setSchedule(io.nobill.core.subscription.BillingSchedule schedule) {
    tx.check();
    Objects.requireNonNull(schedule, "schedule");
    io.nobill.core.subscription.BillingSchedule before = t.schedules.put(schedule.subscription(), schedule);
    tx.onRollback(() -> {
      if (before == null) {
        t.schedules.remove(schedule.subscription());
      } else {
        t.schedules.put(schedule.subscription(), before);
      }
    });
  }

  @Override
  public Optional<PaymentMethodRecord> paymentMethod() {
    tx.check();
    return Optional.ofNullable(t.paymentMethod);
  }

  @Override
  public void setPaymentMethod(PaymentMethodRecord record) {
    tx.check();
    Objects.requireNonNull(record, "record");
    PaymentMethodRecord before = t.paymentMethod;
    t.paymentMethod = record;
    tx.onRollback(() -> t.paymentMethod = before);
  }
}
