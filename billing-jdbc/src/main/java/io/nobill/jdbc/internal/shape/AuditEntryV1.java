package io.nobill.jdbc.internal.shape;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nobill.core.audit.AuditEntry;
import io.nobill.core.audit.AuditTarget;
import io.nobill.core.id.OrgId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Version 1 of {@code nobill_audit_entry.body}. The hash is not over this JSON but over the
 * entry's canonical encoding ({@code AuditEntry.canonical()}), so the body must give back every
 * field exactly — the same strings, the same instant — and nothing about the JSON itself (member
 * order, spacing, the version member) takes part in it.
 */
record AuditEntryV1(
    @JsonProperty("v") Integer v,
    @JsonProperty("org") Common.Id org,
    @JsonProperty("sequence") long sequence,
    @JsonProperty("occurredAt") Instant occurredAt,
    @JsonProperty("actor") String actor,
    @JsonProperty("impersonator") String impersonator,
    @JsonProperty("action") String action,
    @JsonProperty("target") Target target,
    @JsonProperty("before") Map<String, String> before,
    @JsonProperty("after") Map<String, String> after,
    @JsonProperty("previousHash") String previousHash,
    @JsonProperty("hash") String hash) {
  static final int VERSION = 1;

  @JsonCreator
  AuditEntryV1 {
  }

  static AuditEntryV1 from(AuditEntry e) {
    return new AuditEntryV1(VERSION, Common.Id.of(e.org()), e.sequence(), e.occurredAt(), e.actor(), e.impersonator().orElse(null),
        e.action(), new Target(e.target().kind(), e.target().id()), new TreeMap<>(e.before()), new TreeMap<>(e.after()),
        e.previousHash(), e.hash());
  }

  AuditEntry toDomain() {
    return new AuditEntry(org.to(OrgId::of), sequence, occurredAt, actor, Optional.ofNullable(impersonator), action,
        target.toDomain(), before, after, previousHash, hash);
  }

  /** What the audited action was done to. */
  record Target(@JsonProperty("kind") String kind, @JsonProperty("id") String id) {
    @JsonCreator
    Target {
    }

    AuditTarget toDomain() {
      return new AuditTarget(kind, id);
    }
  }
}
