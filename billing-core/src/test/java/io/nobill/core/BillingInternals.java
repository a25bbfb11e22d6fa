package io.nobill.core;

import io.nobill.core.internal.BillingAssembly;

/**
 * The services behind a {@link Billing}, for tests that must reach what hosts cannot: the store it
 * writes to, its outbox, its engine. Lives in the test tree only.
 */
public final class BillingInternals {
  private BillingInternals() {}

  public static BillingAssembly of(Billing billing) {
    return billing.services();
  }
}
