package io.nobill.core.id;

import java.util.Objects;
import java.util.UUID;

/** Identifies a ledger account of an organization. */
public record AccountId(UUID value) implements TypedId, Comparable<AccountId> {

  public AccountId {
    Objects.requireNonNull(value, "value");
  }

  public static AccountId of(UUID value) {
    return new AccountId(value);
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws io.nobill.core.error.InvalidRequestException naming {@code accountId} if the text is not a canonical UUID
   */
  public static AccountId parse(String text) {
    return new AccountId(IdText.parse(text, "accountId"));
  }

  @Override
  public int compareTo(AccountId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
