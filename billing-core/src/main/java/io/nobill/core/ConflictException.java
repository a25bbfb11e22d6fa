package io.nobill.core;

import java.util.Objects;

/**
 * The request is well formed but conflicts with the current state: a transition the state
 * machine does not allow, a key reused with different content, a concurrent modification.
 * Nothing was written. Whether a retry can succeed depends on the cause; a concurrent
 * modification usually can after re-reading.
 */
public class ConflictException extends BillingException {
  private static final long serialVersionUID = 1L;

  private final String target;

  /**
   * @param target the id of the object in conflict
   * @param reason what conflicts, phrased to follow the target
   */
  public ConflictException(Object target, String reason) {
    super(Objects.requireNonNull(target, "target") + ": " + Objects.requireNonNull(reason, "reason"));
    this.target = String.valueOf(target);
  }

  /** The id of the object in conflict. */
  public String target() {
    return target;
  }
}
