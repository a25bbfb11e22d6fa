package io.nobill.core.error;

import java.util.Objects;

/** A referenced object does not exist, or does not exist for the tenant in scope. */
public class NotFoundException extends BillingException {
  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String id;

  /**
   * @param kind what was looked for, e.g. {@code "organization"}
   * @param id   the id that was looked for
   */
  public NotFoundException(String kind, Object id) {
    super(Objects.requireNonNull(kind, "kind") + " " + Objects.requireNonNull(id, "id") + " not found");
    this.kind = kind;
    this.id = String.valueOf(id);
  }

  public String kind() {
    return kind;
  }

  public String id() {
    return id;
  }

  /** Always false: the object stays missing until the caller changes something. */
  @Override
  public boolean retryable() {
    return false;
  }
}
