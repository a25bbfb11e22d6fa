package io.nobill.core.work;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One kind of periodic work: find what is due across tenants and process each item in its
 * own tenant transaction. A sweep must be safe to run concurrently with itself on another
 * {@code Billing} over the same store, and should bound how much it does per run so that
 * one run stays short; what it leaves is picked up by the next.
 */
public interface Sweep {

  /** A short, stable name for logs and summaries: 1-64 characters of {@code [a-z0-9._-]}. */
  String name();

  /** Processes what is due now. An exception is logged and does not stop the other sweeps. */
  SweepResult run();

  /**
   * A sweep named {@code name} that runs {@code body}.
   *
   * @throws IllegalArgumentException if the name breaks the rule of {@link #name()}
   */
  static Sweep of(String name, Supplier<SweepResult> body) {
    String checked = SweepNames.check(name);
    Objects.requireNonNull(body, "body");
    return new Sweep() {
      @Override
      public String name() {
        return checked;
      }

      @Override
      public SweepResult run() {
        return body.get();
      }

      @Override
      public String toString() {
        return "Sweep[" + checked + "]";
      }
    };
  }
}
