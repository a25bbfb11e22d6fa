package io.nobill.core.spi;

import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.PaymentId;
import io.nobill.core.money.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * Collects invoices when NOBill is the billing authority. It is called outside any store
 * transaction; its result comes back into billing as a provider event. Every call carries
 * a deterministic {@link CollectionRequest#idempotencyKey()} derived from the invoice and the
 * attempt, so a retry after a crash never charges twice at a payment provider that honours it.
 *
 * <p>Implementations must be thread-safe: with {@code Billing.builder().sweepWorkers(n)} the
 * collection sweep calls {@link #collect} from up to {@code n} threads at once (never twice at
 * once for one organization), and several application instances call it anyway.
 */
public interface PaymentCollector {

  /** What to collect. */
  record CollectionRequest(OrgId org, InvoiceId invoice, Money amount, Optional<String> paymentMethod, int attempt) {
    public CollectionRequest {
      Objects.requireNonNull(org, "org");
      Objects.requireNonNull(invoice, "invoice");
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(paymentMethod, "paymentMethod");
      if (attempt < 1) {
        throw new IllegalArgumentException("attempt must be at least 1");
      }
    }

    /** {@code collect:<invoice>:<attempt>}: the same for a retry of the same attempt. */
    public String idempotencyKey() {
      return "collect:" + invoice + ":" + attempt;
    }
  }

  /** The outcome of one attempt. */
  sealed interface Result {
    /** The money was collected. */
    record Succeeded(PaymentId payment) implements Result {
      public Succeeded {
        Objects.requireNonNull(payment, "payment");
      }
    }

    /** The attempt failed; {@code code} says why (e.g. {@code card_declined}), never card data. */
    record Failed(String code) implements Result {
      public Failed {
        Objects.requireNonNull(code, "code");
      }
    }

    /** Nothing was attempted: the invoice is paid some other way (bank transfer) and marked paid later. */
    record Pending() implements Result {}
  }

  Result collect(CollectionRequest request);

  /**
   * Invoices stay open until someone marks them paid (bank transfer, cheque): the collector
   * for customers who pay by invoice.
   */
  PaymentCollector MANUAL = request -> new Result.Pending();
}
