package io.nobill.core.error;

/**
 * The root of every failure NOBill reports. It is unchecked: a failure is either a bug in
 * the caller (an invalid request, a missing permission) or a condition the caller handles
 * at one place (a conflict to retry, a provider outage).
 *
 * <p>The families are {@link InvalidRequestException}, {@link NotFoundException},
 * {@link io.nobill.core.access.AccessDeniedException}, {@link ConflictException} and
 * {@link ProviderFailureException}. Messages carry ids and rule names, never secrets or
 * card data, so they are safe to log.
 *
 * <p>Outcomes a caller expects in normal operation — a quota denial, a duplicate usage
 * event — are return values, not exceptions.
 *
 * <p>{@link #retryable()} says whether the same call, made again unchanged, may succeed: true
 * for a concurrent modification (after which a retry re-reads the state), a provider or
 * database that is unavailable or timed out; false for an invalid request, a missing object, a
 * missing permission or a transition the state does not allow, which fail the same way every
 * time. The exception that caused a failure is kept as its {@linkplain #getCause() cause}.
 * Bad configuration is not a {@code BillingException}: builders throw {@link
 * IllegalArgumentException} for a bad setting and {@link IllegalStateException} for settings
 * that contradict each other, at {@code build()}.
 */
public abstract class BillingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected BillingException(String message) {
    super(message);
  }

  protected BillingException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether making the same call again, unchanged, may succeed: a conflict with a concurrent
   * change, an unavailable or slow provider or database. False unless the family says
   * otherwise: an invalid request, a missing object or permission fails the same way again.
   */
  public boolean retryable() {
    return false;
  }
}
