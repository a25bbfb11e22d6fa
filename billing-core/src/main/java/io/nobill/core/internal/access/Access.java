package io.nobill.core.internal.access;

import io.nobill.core.access.*;
import io.nobill.core.access.AccessDeniedException;
import io.nobill.core.access.Actor;
import io.nobill.core.id.UserId;
import io.nobill.core.org.Membership;
import io.nobill.core.spi.TenantTransaction;
import java.util.Objects;
import java.util.Optional;

/**
 * The permission check every operation makes first, inside its tenant transaction, before it
 * changes anything: a member (or an operator impersonating one) needs an active membership
 * whose role grants the permission — read in the same transaction, so a removed member loses
 * every permission at once; operators, jobs and providers hold the permissions their part
 * needs ({@link Permission#grantedTo}).
 */
public final class Access {
  private Access() {}

  /**
   * Returns normally when {@code actor} holds {@code permission} in the transaction's organization.
   *
   * @throws AccessDeniedException naming the actor, the permission and the organization
   */
  public static void require(TenantTransaction tx, Actor actor, Permission permission) {
    Objects.requireNonNull(tx, "tx");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(permission, "permission");
    if (!holds(tx, actor, permission)) {
      throw new AccessDeniedException(actor.describe(), permission.key(), tx.org());
    }
  }

  /** Whether {@code actor} holds {@code permission} in the transaction's organization. */
  public static boolean holds(TenantTransaction tx, Actor actor, Permission permission) {
    Optional<UserId> user = memberUser(actor);
    if (user.isEmpty()) {
      return permission.grantedTo(actor);
    }
    Optional<Membership> membership = tx.memberships().find(user.get());
    return membership.isPresent() && membership.get().isActive() && membership.get().role().grants(permission);
  }

  /**
   * Runs {@code work} in {@code org}'s transaction once {@code actor} is found to hold
   * {@code permission} there: the shape of every read in NOBill.
   */
  public static <T> T inTenant(io.nobill.core.spi.BillingStore store, io.nobill.core.id.OrgId org, Actor actor,
      Permission permission, io.nobill.core.spi.TenantWork<T> work) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(work, "work");
    return store.inTenant(org, tx -> {
      require(tx, actor, permission);
      return work.execute(tx);
    });
  }

  /** The user a member or impersonating actor acts as. */
  public static Optional<UserId> memberUser(Actor actor) {
    if (actor instanceof Actor.Member m) {
      return Optional.of(m.user());
    }
    if (actor instanceof Actor.Impersonating i) {
      return Optional.of(i.user());
    }
    return Optional.empty();
  }

  /**
   * Checks a platform-wide permission, one no organization's membership can grant: only an
   * operator holding {@code permission} passes.
   *
   * @throws AccessDeniedException (with no organization) for anyone else
   */
  public static void requirePlatform(Actor actor, Permission permission) {
    java.util.Objects.requireNonNull(actor, "actor");
    if (!(actor instanceof Actor.Operator) || !permission.grantedTo(actor)) {
      throw new io.nobill.core.access.AccessDeniedException(actor.describe(), permission.key());
    }
  }
}
