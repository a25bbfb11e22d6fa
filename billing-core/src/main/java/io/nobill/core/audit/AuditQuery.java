package io.nobill.core.audit;

import io.nobill.core.text.TextPolicy;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A filter over an organization's audit trail; every criterion is optional.
 *
 * @param from   entries at or after this instant
 * @param to     entries before this instant
 * @param actor  entries by this actor ({@code Actor.describe()}) or impersonated by it
 */
public record AuditQuery(Optional<Instant> from, Optional<Instant> to, Optional<String> actor, Optional<String> action,
    Optional<AuditTarget> target) {
  private static final int MAX_FILTER = 500;

  public static final AuditQuery ALL = new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty());

  public AuditQuery {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    // Filters are looked up in the store: text no entry can hold is refused before any store sees it.
    Objects.requireNonNull(actor, "actor").ifPresent(a -> TextPolicy.key(a, "actor", MAX_FILTER));
    Objects.requireNonNull(action, "action").ifPresent(a -> TextPolicy.key(a, "action", MAX_FILTER));
    Objects.requireNonNull(target, "target");
  }

  /** Whether {@code entry} matches. */
  public boolean matches(AuditEntry entry) {
    return from.map(f -> !entry.occurredAt().isBefore(f)).orElse(true)
        && to.map(t -> entry.occurredAt().isBefore(t)).orElse(true)
        && actor.map(a -> a.equals(entry.actor()) || entry.impersonator().map(a::equals).orElse(false)).orElse(true)
        && action.map(a -> a.equals(entry.action())).orElse(true)
        && target.map(t -> t.equals(entry.target())).orElse(true);
  }

  public AuditQuery withAction(String action) {
    return new AuditQuery(from, to, actor, Optional.of(action), target);
  }

  public AuditQuery withActor(String actor) {
    return new AuditQuery(from, to, Optional.of(actor), action, target);
  }

  public AuditQuery withTarget(AuditTarget target) {
    return new AuditQuery(from, to, actor, action, Optional.of(target));
  }

  public AuditQuery between(Instant from, Instant to) {
    return new AuditQuery(Optional.of(from), Optional.of(to), actor, action, target);
  }
}
