package io.nobill.bench;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** {@link JdbcLedgerPosting} on an H2 file database. */
@State(Scope.Benchmark)
public class H2LedgerPostingBenchmark extends JdbcLedgerPosting {
  @Override
  BenchDatabases.Kind kind() {
    return BenchDatabases.Kind.H2;
  }
}
