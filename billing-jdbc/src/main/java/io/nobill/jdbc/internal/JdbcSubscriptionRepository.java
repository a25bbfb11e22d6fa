package io.nobill.jdbc.internal;

import io.nobill.core.error.ConflictException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.id.SubscriptionId;
import io.nobill.core.spi.SubscriptionRepository;
import io.nobill.core.subscription.BillingSchedule;
import io.nobill.core.subscription.PaymentMethodRecord;
import io.nobill.core.subscription.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

final class JdbcSubscriptionRepository implements SubscriptionRepository {
  private final JdbcTenant tx;

  JdbcSubscriptionRepository(JdbcTenant tx) {
    this.tx = tx;
  }

  @Override
  public Optional<Subscription> find(SubscriptionId id) {
    Objects.requireNonNull(id, "id");
    return tx.handle().createQuery("SELECT body FROM nobill_subscription WHERE org_id = :org AND subscription_id = :id")
        .bind("org", tx.orgId())
        .bind("id", id.value())
        .mapTo(String.class)
        .findOne()
        .map(this::read);
  }

  @Override
  public Optional<Subscription> findByProviderId(String providerId) {
    Objects.requireNonNull(providerId, "providerId");
    return tx.handle().createQuery("SELECT body FROM nobill_subscription WHERE org_id = :org AND provider_id = :provider")
        .bind("org", tx.orgId())
        .bind("provider", providerId)
        .mapTo(String.class)
        .findOne()
        .map(this::read);
  }

  @Override
  public List<Subscription> list() {
    return List.copyOf(tx.handle().createQuery("SELECT body FROM nobill_subscription WHERE org_id = :org ORDER BY position")
        .bind("org", tx.orgId())
        .mapTo(String.class)
        .map(this::read)
        .list());
  }

  @Override
  public void insert(Subscription subscription) {
    Objects.requireNonNull(subscription, "subscription");
    boolean taken = tx.handle().createQuery("SELECT COUNT(*) FROM nobill_subscription WHERE org_id = :org "
            + "AND (subscription_id = :id OR provider_id = :provider)")
        .bind("org", tx.orgId())
        .bind("id", subscription.id().value())
        .bind("provider", subscription.providerId())
        .mapTo(Long.class)
        .one() > 0;
    if (taken) {
      throw new ConflictException(subscription.id(), "subscription already exists");
    }
    // Subscriptions list oldest first, and the renewal sweep walks them in that order within
    // an organization; the position is exact because the organization's transactions run one
    // at a time.
    tx.handle().createUpdate("INSERT INTO nobill_subscription "
            + "(org_id, subscription_id, position, provider_id, status, due_at, version, body) "
            + "SELECT :org, :id, COALESCE(MAX(position), 0) + 1, :provider, :status, :due, :version, :body "
            + "FROM nobill_subscription WHERE org_id = :org")
        .bind("org", tx.orgId())
        .bind("id", subscription.id().value())
        .bind("provider", subscription.providerId())
        .bind("status", subscription.status().name())
        .bind("due", dueAt(subscription))
        .bind("version", subscription.version())
        .bind("body", tx.bodies().write(subscription))
        .execute();
  }

  @Override
  public void update(Subscription subscription) {
    Objects.requireNonNull(subscription, "subscription");
    long before = tx.handle().createQuery("SELECT version FROM nobill_subscription "
            + "WHERE org_id = :org AND subscription_id = :id")
        .bind("org", tx.orgId())
        .bind("id", subscription.id().value())
        .mapTo(Long.class)
        .findOne()
        .orElseThrow(() -> new NotFoundException("subscription", subscription.id()));
    if (before != subscription.version() - 1) {
      throw ConflictException.concurrent(subscription.id(), "was changed concurrently (stored version " + before
          + ", update expects " + (subscription.version() - 1) + ")");
    }
    tx.handle().createUpdate("UPDATE nobill_subscription SET provider_id = :provider, status = :status, due_at = :due, "
            + "version = :version, body = :body WHERE org_id = :org AND subscription_id = :id")
        .bind("org", tx.orgId())
        .bind("id", subscription.id().value())
        .bind("provider", subscription.providerId())
        .bind("status", subscription.status().name())
        .bind("due", dueAt(subscription))
        .bind("version", subscription.version())
        .bind("body", tx.bodies().write(subscription))
        .execute();
  }

  @Override
  public Optional<PaymentMethodRecord> paymentMethod() {
    return tx.handle().createQuery("SELECT body FROM nobill_payment_method WHERE org_id = :org")
        .bind("org", tx.orgId())
        .mapTo(String.class)
        .findOne()
        .map(body -> tx.bodies().readPaymentMethod(body));
  }

  @Override
  public void setPaymentMethod(PaymentMethodRecord record) {
    Objects.requireNonNull(record, "record");
    String body = tx.bodies().write(record);
    int rows = tx.handle().createUpdate("UPDATE nobill_payment_method SET body = :body WHERE org_id = :org")
        .bind("org", tx.orgId())
        .bind("body", body)
        .execute();
    if (rows == 0) {
      tx.handle().createUpdate("INSERT INTO nobill_payment_method (org_id, body) VALUES (:org, :body)")
          .bind("org", tx.orgId())
          .bind("body", body)
          .execute();
    }
  }

  @Override
  public BillingSchedule schedule(SubscriptionId subscription) {
    Objects.requireNonNull(subscription, "subscription");
    return tx.handle().createQuery("SELECT body FROM nobill_billing_schedule "
            + "WHERE org_id = :org AND subscription_id = :id")
        .bind("org", tx.orgId())
        .bind("id", subscription.value())
        .mapTo(String.class)
        .findOne()
        .map(body -> tx.bodies().readBillingSchedule(body))
        .orElseGet(() -> BillingSchedule.empty(subscription));
  }

  @Override
  public void setSchedule(BillingSchedule schedule) {
    Objects.requireNonNull(schedule, "schedule");
    String body = tx.bodies().write(schedule);
    int rows = tx.handle().createUpdate("UPDATE nobill_billing_schedule SET body = :body "
            + "WHERE org_id = :org AND subscription_id = :id")
        .bind("org", tx.orgId())
        .bind("id", schedule.subscription().value())
        .bind("body", body)
        .execute();
    if (rows == 0) {
      tx.handle().createUpdate("INSERT INTO nobill_billing_schedule (org_id, subscription_id, body) "
              + "VALUES (:org, :id, :body)")
          .bind("org", tx.orgId())
          .bind("id", schedule.subscription().value())
          .bind("body", body)
          .execute();
    }
  }

  /**
   * When the renewal sweep must look at the subscription, for {@code JdbcPlatform.dueSubscriptions}:
   * the trial end while trialing, the period end while active or past due, never otherwise.
   */
  static Long dueAt(Subscription s) {
    Optional<Instant> due = switch (s.status()) {
      case TRIALING -> s.trialEnd();
      case ACTIVE, PAST_DUE -> Optional.of(s.currentPeriod().end());
      default -> Optional.empty();
    };
    return Instants.nanosOrNull(due);
  }

  private Subscription read(String body) {
    return tx.bodies().readSubscription(body);
  }
}
