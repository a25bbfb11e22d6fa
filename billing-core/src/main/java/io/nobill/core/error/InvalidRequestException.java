package io.nobill.core.error;

import java.util.Objects;

/**
 * A request broke a rule about its input. It names the {@link #field() field} and the
 * {@link #rule() rule} so that a host can map it to a form error without parsing text.
 * Nothing was written when this is thrown.
 */
public class InvalidRequestException extends BillingException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String rule;

  /**
   * @param field the name of the offending argument or field, as the caller knows it
   * @param rule  the rule it broke, phrased to follow the field name ("must not be blank")
   */
  public InvalidRequestException(String field, String rule) {
    super(Objects.requireNonNull(field, "field") + " " + Objects.requireNonNull(rule, "rule"));
    this.field = field;
    this.rule = rule;
  }

  /** The name of the argument or field that broke the rule. */
  public String field() {
    return field;
  }

  /** The rule that was broken, e.g. {@code "must not be blank"}. */
  public String rule() {
    return rule;
  }

  /** Throws an {@code InvalidRequestException} unless {@code condition} holds. */
  public static void require(boolean condition, String field, String rule) {
    if (!condition) {
      throw new InvalidRequestException(field, rule);
    }
  }

  /** Always false: an invalid request fails the same way again until the caller changes something. */
  @Override
  public boolean retryable() {
    return false;
  }
}
