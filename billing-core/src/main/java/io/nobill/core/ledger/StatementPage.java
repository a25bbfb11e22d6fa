package io.nobill.core.ledger;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of an account statement and, if there is more, where the next page starts. */
public record StatementPage(List<StatementLine> lines, Optional<StatementCursor> next) {
  public StatementPage {
    lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    Objects.requireNonNull(next, "next");
  }
}
