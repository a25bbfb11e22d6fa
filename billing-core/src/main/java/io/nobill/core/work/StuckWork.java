package io.nobill.core.work;

import java.time.Duration;
import java.util.Objects;

/**
 * An item of background work that keeps failing, as operators see it: its failure record and
 * how long it has been failing when it was listed.
 */
public record StuckWork(WorkFailure failure, Duration age) {
  public StuckWork {
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(age, "age");
  }
}
