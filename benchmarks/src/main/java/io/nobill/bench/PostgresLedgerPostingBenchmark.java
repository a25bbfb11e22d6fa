package io.nobill.bench;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** {@link JdbcLedgerPosting} on PostgreSQL 16. */
@State(Scope.Benchmark)
public class PostgresLedgerPostingBenchmark extends JdbcLedgerPosting {
  @Override
  BenchDatabases.Kind kind() {
    return BenchDatabases.Kind.POSTGRESQL;
  }
}
