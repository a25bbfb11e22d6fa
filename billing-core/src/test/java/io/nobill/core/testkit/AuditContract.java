package io.nobill.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.Actor;
import io.nobill.core.access.Role;
import io.nobill.core.audit.AuditEntry;
import io.nobill.core.audit.AuditQuery;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

  protected BillingStore store;
  protected AuditTrail audit;
  protected OrgId org;

  @BeforeEach
  void writeATrail() {
    store = newStore();
    TestClock clock = TestClock.at("2026-01-10T09:00:00Z");
    IdGenerator ids = IdGenerator.sequential();
    audit = AuditTrail.create(store, clock);
    Organizations orgs = Organizations.create(store, clock, ids, Ledger.create(store, clock, ids), audit, List.of());
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
