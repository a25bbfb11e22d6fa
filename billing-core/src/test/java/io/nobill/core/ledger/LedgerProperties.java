package io.nobill.core.ledger;

import io.nobill.core.internal.ledger.CoreLedger;
import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.access.Actor;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.id.AccountId;
import io.nobill.core.id.CreditId;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.JournalEntryId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.PaymentId;
import io.nobill.core.id.RefundId;
import io.nobill.core.invoice.InvoiceStatus;
import io.nobill.core.money.Money;
import io.nobill.core.org.Organization;
import io.nobill.core.spi.IdGenerator;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.testkit.TestClock;
import io.nobill.core.testkit.TestInvoices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any sequence of valid ledger operations keeps the books sound: every organization's trial
 * balance is zero in every currency, every account's balance is the fold of its postings,
 * and replaying the whole sequence with the same keys changes nothing.
 */
class LedgerProperties {
  private static final Actor JOB = Actor.job("ledger-properties");
  private static final List<Currency> CURRENCIES = List.of(Currency.getInstance("EUR"), Currency.getInstance("JPY"));

  enum Kind { INVOICE, PAY, REFUND, GRANT, APPLY, REVERSE, RECOGNIZE, WRITE_OFF, VOID }

  /**
   * One generated operation; the numbers pick amounts and earlier objects by index. Each
   * organization is billed in one currency, {@code org} picks both.
   */
  record Op(Kind kind, int org, int currency, long a, long b, long c) {}

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Op> op = Combinators.combine(
        Arbitraries.of(Kind.class),
        Arbitraries.integers().between(0, 1),
        Arbitraries.integers().between(0, 1),
        Arbitraries.longs().between(-50_000, 1_000_000),
        Arbitraries.longs().between(0, 1_000_000),
        Arbitraries.longs().between(0, 300_000)).as(Op::new);
    return op.list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 200)
  void theBooksStaySoundUnderAnySequenceAndReplay(@ForAll("operations") List<Op> ops) {
    TestClock clock = TestClock.at("2026-01-01T00:00:00Z");
    IdGenerator ids = IdGenerator.sequential();
    InMemoryBillingStore store = InMemoryBillingStore.create();
    CoreLedger ledger = CoreLedger.create(store, clock, ids);
    List<OrgId> orgs = List.of(OrgId.of(new UUID(0x7000L, 0xA)), OrgId.of(new UUID(0x7000L, 0xB)));
    for (int i = 0; i < orgs.size(); i++) {
      OrgId org = orgs.get(i);
      Currency currency = CURRENCIES.get(i);
      store.inTenant(org, tx -> {
        tx.organization().insert(new Organization(org, "Org " + currency, "billing@example.com", "DE", Optional.empty(),
            currency, Locale.GERMANY, Instant.parse("2026-01-01T00:00:00Z")));
        return null;
      });
    }

    Map<JournalEntryId, JournalEntry> journal = new HashMap<>();
    run(ops, ledger, store, orgs, clock, journal);

    Map<OrgId, TrialBalance> afterFirstRun = new HashMap<>();
    for (OrgId org : orgs) {
      TrialBalance tb = ledger.trialBalance(JOB, org);
      assertThat(tb.isBalanced()).as("trial balance of %s: %s", org, tb.differences()).isTrue();
      assertBalancesAreFoldsOfPostings(ledger, org, tb, journal.values());
      afterFirstRun.put(org, tb);
    }
    long entries = journal.size();

    Map<JournalEntryId, JournalEntry> replayed = new HashMap<>();
    run(ops, ledger, store, orgs, clock, replayed);

    assertThat(replayed.keySet()).as("a replay posts no new entry").isSubsetOf(journal.keySet());
    assertThat(journal).hasSize((int) entries);
    for (OrgId org : orgs) {
      assertThat(ledger.trialBalance(JOB, org)).isEqualTo(afterFirstRun.get(org));
    }
  }

  private static void run(List<Op> ops, Ledger ledger, InMemoryBillingStore store, List<OrgId> orgs, TestClock clock,
      Map<JournalEntryId, JournalEntry> journal) {
    clock.set(Instant.parse("2026-01-01T00:00:00Z"));
    List<InvoiceId> invoices = new ArrayList<>();
    List<PaymentId> payments = new ArrayList<>();
    List<CreditId> credits = new ArrayList<>();
    List<JournalEntryId> posted = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      clock.advance(Duration.ofHours(1));
      OrgId org = orgs.get(op.org());
      // Mostly the organization's currency; the other one is refused and writes nothing.
      Currency cur = CURRENCIES.get(op.currency() == 0 ? op.org() : 1 - op.org());
      Instant now = clock.instant();
      UUID opId = new UUID(0x7000L, 0x1000L + i);
      LedgerFact fact = switch (op.kind()) {
        case INVOICE -> {
          InvoiceId id = InvoiceId.of(opId);
          invoices.add(id);
          if (store.inTenant(org, tx -> tx.invoices().find(id)).isEmpty()) {
            // The invoice facts name: open, owing enough for a payment or two.
            TestInvoices.insert(store, org, id, InvoiceStatus.OPEN, Money.of(op.b() + op.c() + 1, CURRENCIES.get(op.org())));
          }
          yield new LedgerFact.InvoiceFinalized(id, "INV-" + i, now, Money.of(op.a(), cur), Money.of(op.b(), cur),
              Money.of(op.c(), cur));
        }
        case PAY -> {
          PaymentId id = PaymentId.of(opId);
          payments.add(id);
          yield new LedgerFact.PaymentSucceeded(id, pick(invoices, op.b(), opId, InvoiceId::of), now, Money.of(op.b() + 1, cur));
        }
        case REFUND -> new LedgerFact.PaymentRefunded(RefundId.of(opId), pick(payments, op.b(), opId, PaymentId::of), now,
            Money.of(op.c() + 1, cur));
        case GRANT -> {
          CreditId id = CreditId.of(opId);
          credits.add(id);
          yield new LedgerFact.CreditGranted(id, now, Money.of(op.b() + 1, cur), "goodwill " + i);
        }
        case APPLY -> new LedgerFact.CreditApplied(pick(credits, op.b(), opId, CreditId::of),
            pick(invoices, op.c(), opId, InvoiceId::of), now, Money.of(op.c() + 1, cur));
        case RECOGNIZE -> new LedgerFact.RevenueRecognized(pick(invoices, op.b(), opId, InvoiceId::of),
            now.minus(Duration.ofHours(1)), now, Money.of(op.c() + 1, cur));
        case WRITE_OFF -> new LedgerFact.InvoiceWrittenOff(pick(invoices, op.b(), opId, InvoiceId::of), now,
            Money.of(op.c() + 1, cur));
        case VOID -> new LedgerFact.InvoiceVoided(pick(invoices, op.b(), opId, InvoiceId::of), now,
            Money.of(op.a(), cur), Money.of(op.b(), cur), Money.of(op.c(), cur));
        case REVERSE -> null;
      };
      try {
        if (fact != null) {
          ledger.record(JOB, org, fact).ifPresent(r -> {
            journal.put(r.entry().id(), r.entry());
            posted.add(r.entry().id());
          });
        } else if (!posted.isEmpty()) {
          JournalEntryId target = posted.get((int) (op.b() % posted.size()));
          for (OrgId candidate : orgs) {
            if (ledger.entry(JOB, candidate, target).isPresent()) {
              // Like a repeated fact, a repeated reversal finds the one already posted.
              java.util.Optional<JournalEntry> earlier = ledger.reversalOf(JOB, candidate, target);
              JournalEntry reversal = earlier.isPresent() ? earlier.get() : ledger.reverse(JOB, candidate, target, "property " + i);
              journal.put(reversal.id(), reversal);
              posted.add(reversal.id());
            }
          }
        }
      } catch (ConflictException | InvalidRequestException | NotFoundException expected) {
        // A repeated key with other content, a double reversal or a reversal of a reversal; a
        // fact in the other currency, for an invoice or payment of the other organization or of
        // none, paying more than is owed or refunding more than was paid: refused, and — as the
        // assertions check — nothing was written.
      }
    }
  }

  private static <T> T pick(List<T> list, long index, UUID fallback, java.util.function.Function<UUID, T> make) {
    return list.isEmpty() ? make.apply(fallback) : list.get((int) (index % list.size()));
  }

  private static void assertBalancesAreFoldsOfPostings(Ledger ledger, OrgId org, TrialBalance tb,
      java.util.Collection<JournalEntry> journal) {
    Map<AccountId, AccountBalance> folded = new HashMap<>();
    for (AccountBalance b : tb.accounts()) {
      folded.put(b.account().id(), AccountBalance.empty(b.account()));
    }
    for (JournalEntry e : journal) {
      for (Posting p : e.postings()) {
        folded.computeIfPresent(p.account(), (id, b) -> b.plus(p));
      }
    }
    for (AccountBalance b : tb.accounts()) {
      assertThat(b).as("balance of %s %s", b.account().code(), b.account().currency()).isEqualTo(folded.get(b.account().id()));
      assertThat(ledger.balance(JOB, org, b.account().id())).isEqualTo(b);
    }
  }
}
