package io.nobill.core;

/**
 * The root of every failure NOBill reports. It is unchecked: a failure is either a bug in
 * the caller (an invalid request, a missing permission) or a condition the caller handles
 * at one place (a conflict to retry, a provider outage).
 *
 * <p>The families are {@link InvalidRequestException}, {@link NotFoundException},
 * {@link AccessDeniedException}, {@link ConflictException} and
 * {@link ProviderFailureException}. Messages carry ids and rule names, never secrets or
 * card data, so they are safe to log.
 *
 * <p>Outcomes a caller expects in normal operation — a quota denial, a duplicate usage
 * event — are return values, not exceptions.
 */
public abstract class BillingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected BillingException(String message) {
    super(message);
  }

  protected BillingException(String message, Throwable cause) {
    super(message, cause);
  }
}
