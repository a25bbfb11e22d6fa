package io.nobill.jdbc.internal.shape;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nobill.core.id.AccountId;
import io.nobill.core.id.JournalEntryId;
import io.nobill.core.ledger.JournalEntry;
import io.nobill.core.ledger.Posting;
import io.nobill.core.ledger.Reference;
import io.nobill.core.ledger.Side;
import java.time.Instant;
import java.util.List;

/** Version 1 of {@code nobill_journal_entry.body}. */
record JournalEntryV1(
    @JsonProperty("v") Integer v,
    @JsonProperty("id") Common.Id id,
    @JsonProperty("sequence") long sequence,
    @JsonProperty("idempotencyKey") String idempotencyKey,
    @JsonProperty("occurredAt") Instant occurredAt,
    @JsonProperty("recordedAt") Instant recordedAt,
    @JsonProperty("reference") ReferenceV1 reference,
    @JsonProperty("memo") String memo,
    @JsonProperty("postings") List<PostingV1> postings,
    @JsonProperty("reverses") Common.Id reverses) {
  static final int VERSION = 1;

  @JsonCreator
  JournalEntryV1 {
  }

  static JournalEntryV1 from(JournalEntry e) {
    return new JournalEntryV1(VERSION, Common.Id.of(e.id()), e.sequence(), e.idempotencyKey(), e.occurredAt(), e.recordedAt(),
        ReferenceV1.of(e.reference()), e.memo(), e.postings().stream().map(PostingV1::of).toList(),
        Common.Id.ofNullable(e.reverses()));
  }

  JournalEntry toDomain() {
    return new JournalEntry(id.to(JournalEntryId::of), sequence, idempotencyKey, occurredAt, recordedAt, reference.toDomain(),
        memo, postings.stream().map(PostingV1::toDomain).toList(), Common.Id.to(reverses, JournalEntryId::of));
  }

  /** What the entry is about. */
  record ReferenceV1(@JsonProperty("kind") String kind, @JsonProperty("id") String id) {
    @JsonCreator
    ReferenceV1 {
    }

    static ReferenceV1 of(Reference r) {
      return new ReferenceV1(r.kind().name(), r.id());
    }

    Reference toDomain() {
      return new Reference(Common.constant(Reference.Kind.class, kind), id);
    }
  }

  /** One posting. */
  record PostingV1(
      @JsonProperty("account") Common.Id account,
      @JsonProperty("side") String side,
      @JsonProperty("amount") Common.Money amount) {
    @JsonCreator
    PostingV1 {
    }

    static PostingV1 of(Posting p) {
      return new PostingV1(Common.Id.of(p.account()), p.side().name(), Common.Money.of(p.amount()));
    }

    Posting toDomain() {
      return new Posting(account.to(AccountId::of), Common.constant(Side.class, side), amount.toDomain());
    }
  }
}
