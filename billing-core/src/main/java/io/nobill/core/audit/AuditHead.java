package io.nobill.core.audit;

import java.util.Objects;

/**
 * The last sequence and hash of an organization's trail, kept apart from the entries and
 * updated in the same transaction, so that removing the newest entries is detected too.
 */
public record AuditHead(long sequence, String hash) {
  public AuditHead {
    Objects.requireNonNull(hash, "hash");
  }

  public static final AuditHead EMPTY = new AuditHead(0, AuditEntry.GENESIS);
}
