package io.nobill.core.audit;

import io.nobill.core.id.OrgId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One entry of an organization's audit trail. Entries form a hash chain: each one's
 * {@link #hash()} is SHA-256 over its {@link #canonical() canonical encoding}, which
 * includes the previous entry's hash, so editing, reordering or deleting any entry breaks
 * every hash after it.
 *
 * @param sequence     the entry's position in the organization's trail, from 1, without gaps
 * @param actor        who acted ({@code Actor.describe()}; for impersonation, the member)
 * @param impersonator the operator acting as that member, if any
 * @param action       what was done, e.g. {@code "member.added"}, {@code "invoice.finalized"}
 * @param target       what it was done to
 * @param before       the changed fields before (empty for a creation)
 * @param after        the changed fields after (empty for a deletion)
 */
public record AuditEntry(OrgId org, long sequence, Instant occurredAt, String actor, Optional<String> impersonator,
    String action, AuditTarget target, Map<String, String> before, Map<String, String> after, String previousHash,
    String hash) {

  /** The previous hash of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  public AuditEntry {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(impersonator, "impersonator");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    before = Map.copyOf(Objects.requireNonNull(before, "before"));
    after = Map.copyOf(Objects.requireNonNull(after, "after"));
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(hash, "hash");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1");
    }
  }

  /** A new entry chained to {@code previousHash}, its hash computed. */
  public static AuditEntry chain(OrgId org, long sequence, Instant occurredAt, String actor, Optional<String> impersonator,
      String action, AuditTarget target, Map<String, String> before, Map<String, String> after, String previousHash) {
    AuditEntry unhashed = new AuditEntry(org, sequence, occurredAt, actor, impersonator, action, target, before, after,
        previousHash, "");
    return new AuditEntry(org, sequence, occurredAt, actor, impersonator, action, target, before, after, previousHash,
        sha256(unhashed.canonical()));
  }

  /** The hash this entry should have, recomputed from its content. */
  public String recomputeHash() {
    return sha256(canonical());
  }

  /**
   * The canonical encoding: every field as {@code length:value}, maps in key order, so no two
   * different entries encode alike (a value cannot impersonate a field boundary).
   */
  public String canonical() {
    StringBuilder b = new StringBuilder("nobill-audit-v1");
    field(b, previousHash);
    field(b, org.toString());
    field(b, Long.toString(sequence));
    field(b, occurredAt.toString());
    field(b, actor);
    field(b, impersonator.orElse(""));
    field(b, action);
    field(b, target.kind());
    field(b, target.id());
    map(b, before);
    map(b, after);
    return b.toString();
  }

  private static void map(StringBuilder b, Map<String, String> map) {
    field(b, Integer.toString(map.size()));
    for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
      field(b, e.getKey());
      field(b, e.getValue());
    }
  }

  private static void field(StringBuilder b, String value) {
    b.append('|').append(value.length()).append(':').append(value);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
