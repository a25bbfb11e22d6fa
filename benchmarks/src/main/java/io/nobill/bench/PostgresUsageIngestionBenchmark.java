package io.nobill.bench;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** {@link JdbcUsageIngestion} on PostgreSQL 16; target at least 50,000 events/s and 0.5 of the baseline. */
@State(Scope.Benchmark)
public class PostgresUsageIngestionBenchmark extends JdbcUsageIngestion {
  @Override
  BenchDatabases.Kind kind() {
    return BenchDatabases.Kind.POSTGRESQL;
  }
}
