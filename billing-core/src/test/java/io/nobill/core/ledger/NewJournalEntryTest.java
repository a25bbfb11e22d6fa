package io.nobill.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.id.AccountId;
import io.nobill.core.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** An entry that is invalid on its own is refused before any store is touched. */
class NewJournalEntryTest {
  private static final Instant T = Instant.parse("2026-02-01T00:00:00Z");
  private static final Reference REF = new Reference(Reference.Kind.MANUAL, "adj-1");
  private static final AccountId A = AccountId.of(new UUID(0x7000L, 1));
  private static final AccountId B = AccountId.of(new UUID(0x7000L, 2));

  private static Money eur(String major) {
    return Money.ofMajor(major, "EUR");
  }

  private static Money usd(String major) {
    return Money.ofMajor(major, "USD");
  }

  private static Consumer<InvalidRequestException> rule(String field, String rulePart) {
    return e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.rule()).contains(rulePart);
    };
  }

  @Test
  void anUnbalancedEntryIsRefused() {
    assertThatThrownBy(() -> new NewJournalEntry("k", T, REF, "m",
        List.of(Posting.debit(A, eur("10.00")), Posting.credit(B, eur("9.99")))))
        .isInstanceOfSatisfying(InvalidRequestException.class, rule("postings", "must balance per currency"))
        .hasMessageContaining("EUR 10.00").hasMessageContaining("EUR 9.99");
  }

  @Test
  void mixedCurrenciesMustBalanceInEachCurrency() {
    // 10 EUR + 10 USD debited against 20 EUR credited: totals match numerically, not per currency.
    assertThatThrownBy(() -> new NewJournalEntry("k", T, REF, "m", List.of(
        Posting.debit(A, eur("10.00")), Posting.debit(A, usd("10.00")), Posting.credit(B, eur("20.00")))))
        .isInstanceOfSatisfying(InvalidRequestException.class, rule("postings", "must balance per currency"));
    // Balanced in each currency: accepted.
    NewJournalEntry ok = new NewJournalEntry("k", T, REF, "m", List.of(
        Posting.debit(A, eur("10.00")), Posting.credit(B, eur("10.00")),
        Posting.debit(A, usd("3.00")), Posting.credit(B, usd("3.00"))));
    assertThat(ok.postings()).hasSize(4);
  }

  @Test
  void anEntryNeedsAtLeastTwoPostings() {
    assertThatThrownBy(() -> new NewJournalEntry("k", T, REF, "m", List.of(Posting.debit(A, eur("1.00")))))
        .isInstanceOfSatisfying(InvalidRequestException.class, rule("postings", "at least 2 postings"));
    assertThatThrownBy(() -> new NewJournalEntry("k", T, REF, "m", List.of()))
        .isInstanceOfSatisfying(InvalidRequestException.class, rule("postings", "at least 2 postings"));
  }

  @Test
  void tooManyPostingsAreRefused() {
    List<Posting> many = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      many.add(Posting.debit(A, eur("1.00")));
      many.add(Posting.credit(B, eur("1.00")));
    }
    assertThatThrownBy(() -> new NewJournalEntry("k", T, REF, "m", many))
        .isInstanceOfSatisfying(InvalidRequestException.class, rule("postings", "at most 100 postings"));
  }

  @Test
  void zeroAndNegativeAmountsAreRefused() {
    assertThatThrownBy(() -> Posting.debit(A, eur("0.00")))
        .isInstanceOfSatisfying(InvalidRequestException.class, rule("amount", "must be positive"));
    assertThatThrownBy(() -> Posting.credit(A, eur("-1.00")))
        .isInstanceOfSatisfying(InvalidRequestException.class, rule("amount", "must be positive"));
  }

  @Test
  void emptyOverlongAndControlCharacterKeysAreRefused() {
    List<Posting> p = List.of(Posting.debit(A, eur("1.00")), Posting.credit(B, eur("1.00")));
    assertThatThrownBy(() -> new NewJournalEntry("", T, REF, "m", p))
        .isInstanceOfSatisfying(InvalidRequestException.class, rule("idempotencyKey", "must not be empty"));
    assertThatThrownBy(() -> new NewJournalEntry("k".repeat(256), T, REF, "m", p))
        .isInstanceOfSatisfying(InvalidRequestException.class, rule("idempotencyKey", "at most 255 characters"));
    assertThatThrownBy(() -> new NewJournalEntry("a\u0000b", T, REF, "m", p))
        .isInstanceOfSatisfying(InvalidRequestException.class, rule("idempotencyKey", "control characters"));
    assertThat(new NewJournalEntry("k".repeat(255), T, REF, "m", p).idempotencyKey()).hasSize(255);
  }

  @Test
  void overlongMemosAndBlankReferencesAreRefused() {
    List<Posting> p = List.of(Posting.debit(A, eur("1.00")), Posting.credit(B, eur("1.00")));
    assertThatThrownBy(() -> new NewJournalEntry("k", T, REF, "m".repeat(501), p))
        .isInstanceOfSatisfying(InvalidRequestException.class, rule("memo", "at most 500"));
    assertThatThrownBy(() -> new Reference(Reference.Kind.INVOICE, " "))
        .isInstanceOfSatisfying(InvalidRequestException.class, rule("reference.id", "must not be blank"));
  }

  @Test
  void nullsAreRejectedByName() {
    List<Posting> p = List.of(Posting.debit(A, eur("1.00")), Posting.credit(B, eur("1.00")));
    assertThatThrownBy(() -> new NewJournalEntry(null, T, REF, "m", p)).hasMessage("idempotencyKey");
    assertThatThrownBy(() -> new NewJournalEntry("k", null, REF, "m", p)).hasMessage("occurredAt");
    assertThatThrownBy(() -> new NewJournalEntry("k", T, null, "m", p)).hasMessage("reference");
    assertThatThrownBy(() -> new NewJournalEntry("k", T, REF, "m", null)).hasMessage("postings");
    assertThatThrownBy(() -> Posting.debit(null, eur("1.00"))).hasMessage("account");
  }

  @Test
  void postingsAreCopiedSoTheEntryCannotChangeAfterwards() {
    List<Posting> p = new ArrayList<>(List.of(Posting.debit(A, eur("1.00")), Posting.credit(B, eur("1.00"))));
    NewJournalEntry e = new NewJournalEntry("k", T, REF, "m", p);
    p.add(Posting.debit(A, eur("5.00")));
    assertThat(e.postings()).hasSize(2);
    assertThatThrownBy(() -> e.postings().add(Posting.debit(A, eur("1.00")))).isInstanceOf(UnsupportedOperationException.class);
  }
}
