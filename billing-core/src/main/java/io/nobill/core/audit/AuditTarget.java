package io.nobill.core.audit;

import io.nobill.core.id.TypedId;
import java.util.Objects;

/** What an audited action was done to: a kind ("organization", "member", "invoice") and an id. */
public record AuditTarget(String kind, String id) {
  public AuditTarget {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
  }

  public static AuditTarget of(String kind, TypedId id) {
    return new AuditTarget(kind, Objects.requireNonNull(id, "id").value().toString());
  }
}
