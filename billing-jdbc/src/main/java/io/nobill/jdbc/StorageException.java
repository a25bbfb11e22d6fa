package io.nobill.jdbc;

import io.nobill.core.error.BillingException;

/**
 * The database failed: a dropped connection, an exhausted pool, a read-only database, a
 * schema that does not match this version of NOBill. The transaction was rolled back, so
 * nothing of the work was written. {@link #retryable()} says whether running the same work
 * again may succeed (a lost connection, a lock timeout, a serialization failure) or needs an
 * operator (a missing or newer schema, a read-only database).
 */
public final class StorageException extends BillingException {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  public StorageException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public StorageException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
