package io.nobill.core.ledger;

import io.nobill.core.money.Money;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every account of an organization with its debits and credits. In double-entry books the
 * debits and credits of all accounts are equal in each currency; {@link #isBalanced()}
 * says whether they are, and {@link #difference(Currency)} by how much they are not.
 */
public record TrialBalance(List<AccountBalance> accounts) {
  public TrialBalance {
    accounts = List.copyOf(Objects.requireNonNull(accounts, "accounts"));
  }

  /** Debits minus credits over all accounts, per currency. Zero in every currency for sound books. */
  public Map<Currency, Money> differences() {
    Map<Currency, Money> diff = new LinkedHashMap<>();
    for (AccountBalance b : accounts) {
      Money d = b.debits().minus(b.credits());
      diff.merge(b.account().currency(), d, Money::plus);
    }
    return diff;
  }

  /** Debits minus credits over all accounts in one currency. */
  public Money difference(Currency currency) {
    return differences().getOrDefault(Objects.requireNonNull(currency, "currency"), Money.zero(currency));
  }

  /** Whether debits equal credits in every currency. */
  public boolean isBalanced() {
    return differences().values().stream().allMatch(Money::isZero);
  }

  /** The balance of one account code in one currency, zero if the account was never opened. */
  public Money net(AccountCode code, Currency currency) {
    return accounts.stream()
        .filter(b -> b.account().code() == code && b.account().currency().equals(currency))
        .map(AccountBalance::net)
        .findFirst()
        .orElse(Money.zero(currency));
  }
}
