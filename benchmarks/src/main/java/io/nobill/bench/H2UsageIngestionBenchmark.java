package io.nobill.bench;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** {@link JdbcUsageIngestion} on an H2 file database, the embedded default. */
@State(Scope.Benchmark)
public class H2UsageIngestionBenchmark extends JdbcUsageIngestion {
  @Override
  BenchDatabases.Kind kind() {
    return BenchDatabases.Kind.H2;
  }
}
