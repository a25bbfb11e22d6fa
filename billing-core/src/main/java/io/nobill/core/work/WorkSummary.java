package io.nobill.core.work;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What one {@link BackgroundWork#runDue()} did: one outcome per sweep, in the order they ran. */
public record WorkSummary(List<SweepOutcome> outcomes) {

  public WorkSummary {
    outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
  }

  /** The outcome of the sweep named {@code sweep}, if it ran. */
  public Optional<SweepOutcome> outcome(String sweep) {
    Objects.requireNonNull(sweep, "sweep");
    return outcomes.stream().filter(o -> o.sweep().equals(sweep)).findFirst();
  }

  /** The names of the sweeps that threw, in the order they ran. */
  public List<String> failedSweeps() {
    return outcomes.stream().filter(SweepOutcome::failed).map(SweepOutcome::sweep).toList();
  }

  /** Whether every sweep returned a result. */
  public boolean allSucceeded() {
    return outcomes.stream().noneMatch(SweepOutcome::failed);
  }
}
