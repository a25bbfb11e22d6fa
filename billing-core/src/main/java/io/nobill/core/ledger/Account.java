package io.nobill.core.ledger;

import io.nobill.core.id.AccountId;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/** One ledger account of an organization: a code in one currency. */
public record Account(AccountId id, AccountCode code, Currency currency, Instant openedAt) {
  public Account {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(openedAt, "openedAt");
  }

  public AccountType type() {
    return code.type();
  }
}
