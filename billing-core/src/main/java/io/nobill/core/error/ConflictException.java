package io.nobill.core.error;

import java.util.Objects;

/**
 * The request is well formed but conflicts with the current state: a transition the state
 * machine does not allow, a key reused with different content, a concurrent modification.
 * Nothing was written. {@link #retryable()} is true for a concurrent modification (another
 * transaction changed the object first; a retry re-reads it) and false for a transition the
 * state does not allow or a key reused with different content, which a retry repeats.
 */
public class ConflictException extends BillingException {
  private static final long serialVersionUID = 1L;

  private final String target;
  private final boolean retryable;

  /**
   * A conflict with the current state that a retry repeats (not {@linkplain #retryable()
   * retryable}).
   *
   * @param target the id of the object in conflict
   * @param reason what conflicts, phrased to follow the target
   */
  public ConflictException(Object target, String reason) {
    this(target, reason, false, null);
  }

  /**
   * @param target    the id of the object in conflict
   * @param reason    what conflicts, phrased to follow the target
   * @param retryable whether it is a concurrent modification, which a retry after re-reading may get past
   * @param cause     the failure that revealed the conflict (a database's unique violation), or null
   */
  public ConflictException(Object target, String reason, boolean retryable, Throwable cause) {
    super(Objects.requireNonNull(target, "target") + ": " + Objects.requireNonNull(reason, "reason"), cause);
    this.target = String.valueOf(target);
    this.retryable = retryable;
  }

  /** A concurrent modification of {@code target}: {@linkplain #retryable() retryable}. */
  public static ConflictException concurrent(Object target, String reason) {
    return new ConflictException(target, reason, true, null);
  }

  @Override
  public boolean retryable() {
    return retryable;
  }

  /** The id of the object in conflict. */
  public String target() {
    return target;
  }
}
