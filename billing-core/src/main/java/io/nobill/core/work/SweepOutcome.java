package io.nobill.core.work;

import java.util.Objects;
import java.util.Optional;

/**
 * How one sweep of a {@link BackgroundWork#runDue()} ended: with a result, or with the
 * exception it threw (which was also logged).
 */
public record SweepOutcome(String sweep, Optional<SweepResult> result, Optional<Throwable> failure) {

  public SweepOutcome {
    Objects.requireNonNull(sweep, "sweep");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(failure, "failure");
    if (result.isPresent() == failure.isPresent()) {
      throw new IllegalArgumentException("a sweep outcome has either a result or a failure");
    }
  }

  public static SweepOutcome completed(String sweep, SweepResult result) {
    return new SweepOutcome(sweep, Optional.of(result), Optional.empty());
  }

  public static SweepOutcome failed(String sweep, Throwable failure) {
    return new SweepOutcome(sweep, Optional.empty(), Optional.of(failure));
  }

  /** Whether the sweep threw. */
  public boolean failed() {
    return failure.isPresent();
  }
}
