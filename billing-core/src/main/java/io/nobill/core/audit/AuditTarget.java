package io.nobill.core.audit;

import io.nobill.core.id.TypedId;
import io.nobill.core.text.TextPolicy;
import java.util.Objects;

/** What an audited action was done to: a kind ("organization", "member", "invoice") and an id. */
public record AuditTarget(String kind, String id) {
  /** The most characters (code points) of a kind. */
  public static final int MAX_KIND = 64;
  /** The most characters (code points) of an id: as long as a provider's object id. */
  public static final int MAX_ID = 255;

  public AuditTarget {
    TextPolicy.key(kind, "target.kind", MAX_KIND);
    TextPolicy.key(id, "target.id", MAX_ID);
  }

  public static AuditTarget of(String kind, TypedId id) {
    return new AuditTarget(kind, Objects.requireNonNull(id, "id").value().toString());
  }
}
