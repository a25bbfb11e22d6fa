package io.nobill.core.error;

import java.util.Objects;

/**
 * A call to an external billing provider failed. {@link #retryable()} says whether the
 * same call may succeed later (timeouts, rate limits, 5xx) or never will (invalid request
 * to the provider, revoked key).
 */
public class ProviderFailureException extends BillingException {
  private static final long serialVersionUID = 1L;

  private final String provider;
  private final boolean retryable;

  public ProviderFailureException(String provider, String message, boolean retryable, Throwable cause) {
    super(Objects.requireNonNull(provider, "provider") + ": " + Objects.requireNonNull(message, "message")
        + (retryable ? " (retryable)" : " (not retryable)"), cause);
    this.provider = provider;
    this.retryable = retryable;
  }

  public ProviderFailureException(String provider, String message, boolean retryable) {
    this(provider, message, retryable, null);
  }

  /** The provider's name, e.g. {@code "stripe"}. */
  public String provider() {
    return provider;
  }

  /** Whether the same call may succeed if made again later. */
  @Override
  public boolean retryable() {
    return retryable;
  }
}
