package io.nobill.core.access;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.id.UserId;
import io.nobill.core.text.TextPolicy;
import java.util.Objects;

/**
 * Who performs a mutating call. Every mutation names its actor; permissions are checked
 * against it before anything is written, and the audit trail records it.
 *
 * <ul>
 *   <li>{@link Member} — a user acting in an organization through their membership role;
 *   <li>{@link Operator} — a platform operator of the host application, never a member;
 *   <li>{@link Impersonating} — an operator acting as a member, with the member's permissions;
 *       the audit trail records both identities;
 *   <li>{@link Job} — NOBill's own background work (trial expiry, invoicing, dunning);
 *   <li>{@link Provider} — an external billing provider, through its webhooks.
 * </ul>
 */
public sealed interface Actor {

  /** A short, log-safe description: kind and id, e.g. {@code "member:0190..."}. */
  String describe();

  static Member member(UserId user) {
    return new Member(user);
  }

  static Operator operator(String operatorId) {
    return new Operator(operatorId);
  }

  static Impersonating impersonating(String operatorId, UserId user) {
    return new Impersonating(operatorId, user);
  }

  static Job job(String name) {
    return new Job(name);
  }

  static Provider provider(String name) {
    return new Provider(name);
  }

  /** A user of the host application acting through their role in the organization in scope. */
  record Member(UserId user) implements Actor {
    public Member {
      Objects.requireNonNull(user, "user");
    }

    @Override
    public String describe() {
      return "member:" + user;
    }
  }

  /** A platform operator, identified by the host's own operator id. */
  record Operator(String operatorId) implements Actor {
    public Operator {
      operatorId = ActorNames.check(operatorId, "operatorId");
    }

    @Override
    public String describe() {
      return "operator:" + operatorId;
    }
  }

  /** A platform operator acting as a member: permissions are the member's, the audit names both. */
  record Impersonating(String operatorId, UserId user) implements Actor {
    public Impersonating {
      operatorId = ActorNames.check(operatorId, "operatorId");
      Objects.requireNonNull(user, "user");
    }

    @Override
    public String describe() {
      return "operator:" + operatorId + " as member:" + user;
    }
  }

  /** A background job of NOBill, by name (e.g. {@code "trial-expiry"}). */
  record Job(String name) implements Actor {
    public Job {
      name = ActorNames.check(name, "name");
    }

    @Override
    public String describe() {
      return "job:" + name;
    }
  }

  /** An external billing provider, by name (e.g. {@code "stripe"}). */
  record Provider(String name) implements Actor {
    public Provider {
      name = ActorNames.check(name, "name");
    }

    @Override
    public String describe() {
      return "provider:" + name;
    }
  }
}

/** The rule every actor name follows, kept next to the only type that uses it. */
final class ActorNames {
  private static final int MAX_LENGTH = 255;

  private ActorNames() {}

  static String check(String value, String field) {
    return TextPolicy.key(value, field, MAX_LENGTH);
  }
}
