package io.nobill.core.testkit;

import io.nobill.core.internal.org.CoreOrganizations;
import io.nobill.core.internal.audit.CoreAuditTrail;
import io.nobill.core.internal.ledger.CoreLedger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.access.Actor;
import io.nobill.core.error.ConflictException;
import io.nobill.core.access.Role;
import io.nobill.core.audit.AuditEntry;
import io.nobill.core.audit.AuditQuery;
import io.nobill.core.audit.AuditTarget;
import io.nobill.core.audit.AuditTrail;
import io.nobill.core.audit.AuditVerification;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import io.nobill.core.ledger.Ledger;
import io.nobill.core.money.Money;
import io.nobill.core.org.NewOrganization;
import io.nobill.core.org.Organizations;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The audit chain detects what no API allows: an entry edited or deleted directly in the
 * store. Each store implements the two tampering hooks with its own back door (the JDBC
 * stores with plain SQL).
 */
public abstract class AuditContract {
  protected static final Actor OPERATOR = Actor.operator("ops-1");

  protected abstract BillingStore newStore();

  /** Changes the {@code action} of entry {@code sequence} of {@code org}, bypassing every API. */
  protected abstract void editEntry(BillingStore store, OrgId org, long sequence, String newAction);

  /** Deletes entry {@code sequence} of {@code org}, bypassing every API. */
  protected abstract void deleteEntry(BillingStore store, OrgId org, long sequence);

  /** What audit queries filter on: the columns a store keeps beside the hashed entry. */
  public enum QueriedField { OCCURRED_AT, ACTOR, IMPERSONATOR, ACTION, TARGET_TYPE, TARGET_ID }

  /**
   * Sets what entry {@code sequence} of {@code org} holds for {@code field} to {@code value}
   * (an instant in ISO form for {@link QueriedField#OCCURRED_AT}), bypassing every API and
   * leaving the rest of the entry — its hashed body, its hash — as it was.
   */
  protected abstract void editQueriedField(BillingStore store, OrgId org, long sequence, QueriedField field, String value);

  protected BillingStore store;
  protected CoreAuditTrail audit;
  protected OrgId org;

  @BeforeEach
  void writeATrail() {
    store = newStore();
    TestClock clock = TestClock.at("2026-01-10T09:00:00Z");
    IdGenerator ids = IdGenerator.sequential();
    audit = CoreAuditTrail.create(store, clock);
    CoreOrganizations orgs = CoreOrganizations.create(store, clock, ids, CoreLedger.create(store, clock, ids), audit, List.of());
    UserId owner = ids.next(UserId::of);
    org = orgs.provision(OPERATOR, new NewOrganization(Optional.empty(), "Acme", "billing@acme.example", "DE",
        Optional.empty(), Money.currency("EUR"), Locale.GERMANY, owner)).id();
    for (int i = 0; i < 4; i++) {
      orgs.addMember(Actor.member(owner), org, ids.next(UserId::of), Role.MEMBER);
    }
  }

  @Test
  void anUntouchedTrailVerifies() {
    AuditVerification v = audit.verify(OPERATOR, org);
    assertThat(v).isInstanceOfSatisfying(AuditVerification.Intact.class, i -> assertThat(i.entries()).isEqualTo(6));
  }

  @Test
  void anEditedEntryIsNamed() {
    editEntry(store, org, 3, "member.removed");
    assertThat(audit.verify(OPERATOR, org)).isInstanceOfSatisfying(AuditVerification.Broken.class, b -> {
      assertThat(b.sequence()).isEqualTo(3);
      assertThat(b.reason()).contains("altered");
    });
  }

  @Test
  void aDeletedEntryIsNamed() {
    deleteEntry(store, org, 4);
    assertThat(audit.verify(OPERATOR, org)).isInstanceOfSatisfying(AuditVerification.Broken.class, b -> {
      assertThat(b.sequence()).isEqualTo(4);
      assertThat(b.reason()).contains("missing");
    });
  }

  @Test
  void deletingTheNewestEntryIsDetectedByTheHead() {
    deleteEntry(store, org, 6);
    assertThat(audit.verify(OPERATOR, org)).isInstanceOfSatisfying(AuditVerification.Broken.class, b -> {
      assertThat(b.sequence()).isEqualTo(6);
      assertThat(b.reason()).contains("removed");
    });
  }

  /** The new value of each field, and a query that matches the entry by that value alone. */
  private static Map.Entry<String, AuditQuery> tamperedValue(QueriedField field, AuditEntry original) {
    String otherId = "00000000-0000-0000-0000-000000000999";
    return switch (field) {
      case OCCURRED_AT -> Map.entry("2030-01-01T00:00:00Z", AuditQuery.ALL.between(Instant.parse("2029-12-31T00:00:00Z"),
          Instant.parse("2030-01-02T00:00:00Z")));
      case ACTOR -> Map.entry("member:evil", AuditQuery.ALL.withActor("member:evil"));
      case IMPERSONATOR -> Map.entry("operator:evil", AuditQuery.ALL.withActor("operator:evil"));
      case ACTION -> Map.entry("member.removed", AuditQuery.ALL.withAction("member.removed"));
      case TARGET_TYPE -> Map.entry("invoice", AuditQuery.ALL.withTarget(new AuditTarget("invoice", original.target().id())));
      case TARGET_ID -> Map.entry(otherId, AuditQuery.ALL.withTarget(new AuditTarget(original.target().kind(), otherId)));
    };
  }

  /** A query that matches the untouched entry by {@code field}'s original value. */
  private static AuditQuery byOriginal(QueriedField field, AuditEntry original) {
    return switch (field) {
      case OCCURRED_AT -> AuditQuery.ALL.between(original.occurredAt(), original.occurredAt().plusNanos(1));
      case ACTOR -> AuditQuery.ALL.withActor(original.actor());
      case IMPERSONATOR -> AuditQuery.ALL;
      case ACTION -> AuditQuery.ALL.withAction(original.action());
      case TARGET_TYPE, TARGET_ID -> AuditQuery.ALL.withTarget(original.target());
    };
  }

  @ParameterizedTest
  @EnumSource(QueriedField.class)
  void changingOnlyWhatQueriesFilterOnIsDetectedByVerifyAndByEveryQueryThatFindsTheEntry(QueriedField field) {
    AuditEntry original = audit.query(OPERATOR, org, AuditQuery.ALL, 2, 1).get(0);
    assertThat(original.sequence()).isEqualTo(3);
    AuditQuery before = byOriginal(field, original);
    assertThat(audit.query(OPERATOR, org, before, 0, 100)).extracting(AuditEntry::sequence).contains(3L);
    Map.Entry<String, AuditQuery> tampered = tamperedValue(field, original);
    assertThat(audit.query(OPERATOR, org, tampered.getValue(), 0, 100)).isEmpty();

    editQueriedField(store, org, 3, field, tampered.getKey());

    // The entry no longer matches its hash: verify names it ...
    assertThat(audit.verify(OPERATOR, org)).isInstanceOfSatisfying(AuditVerification.Broken.class, b -> {
      assertThat(b.sequence()).isEqualTo(3);
      assertThat(b.reason()).contains("altered");
    });
    // ... and no query hands it out, neither by its new value nor among all entries.
    for (AuditQuery finding : List.of(tampered.getValue(), AuditQuery.ALL)) {
      assertThatThrownBy(() -> audit.query(OPERATOR, org, finding, 0, 100))
          .isInstanceOfSatisfying(ConflictException.class, e -> {
            assertThat(e.target()).isEqualTo(org.toString());
            assertThat(e.getMessage()).contains("audit entry 3 was altered");
          });
    }
    // Pages after it still read, and still verify each entry.
    assertThat(audit.query(OPERATOR, org, AuditQuery.ALL, 3, 100)).extracting(AuditEntry::sequence)
        .containsExactly(4L, 5L, 6L);
  }

  @Test
  void entriesAreChainedAndHashedOverACanonicalEncoding() {
    List<AuditEntry> entries = audit.query(OPERATOR, org, AuditQuery.ALL, 0, 100);
    assertThat(entries.get(0).previousHash()).isEqualTo(AuditEntry.GENESIS);
    for (int i = 1; i < entries.size(); i++) {
      assertThat(entries.get(i).previousHash()).isEqualTo(entries.get(i - 1).hash());
      assertThat(entries.get(i).hash()).hasSize(64).isEqualTo(entries.get(i).recomputeHash());
    }
  }
}
