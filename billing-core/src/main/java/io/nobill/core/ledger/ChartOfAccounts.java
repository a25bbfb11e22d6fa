package io.nobill.core.ledger;

import io.nobill.core.id.AccountId;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** An organization's accounts in one currency: one per {@link AccountCode}. */
public record ChartOfAccounts(Currency currency, Map<AccountCode, Account> accounts) {
  public ChartOfAccounts {
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(accounts, "accounts");
    for (AccountCode code : AccountCode.values()) {
      Account a = accounts.get(code);
      if (a == null || a.code() != code || !a.currency().equals(currency)) {
        throw new IllegalArgumentException("chart of accounts in " + currency + " lacks a " + code + " account");
      }
    }
    accounts = Map.copyOf(new EnumMap<>(accounts));
  }

  public Account account(AccountCode code) {
    return accounts.get(Objects.requireNonNull(code, "code"));
  }

  public AccountId id(AccountCode code) {
    return account(code).id();
  }
}
