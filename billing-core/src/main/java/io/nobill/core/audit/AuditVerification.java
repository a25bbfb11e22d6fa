package io.nobill.core.audit;

import java.util.Objects;

/** The outcome of re-walking an organization's audit chain. */
public sealed interface AuditVerification {

  boolean intact();

  /** Every entry is present, in sequence, and hashes to what the next one and the head expect. */
  record Intact(long entries, String headHash) implements AuditVerification {
    public Intact {
      Objects.requireNonNull(headHash, "headHash");
    }

    @Override
    public boolean intact() {
      return true;
    }
  }

  /** The chain breaks at {@code sequence}: an entry there was edited, removed or inserted. */
  record Broken(long sequence, String reason) implements AuditVerification {
    public Broken {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public boolean intact() {
      return false;
    }
  }
}
