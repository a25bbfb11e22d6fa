package io.nobill.jdbc.internal;

import io.nobill.core.spi.NumberingRepository;
import java.util.Optional;

/**
 * The shared numbering counters, one row each in {@code nobill_numbering_series}. Taking a
 * value is one atomic statement that increments the row and holds its row lock to the end of
 * the transaction: a concurrent transaction of another tenant waits for this one, then reads
 * what it committed (or, after a rollback, the value it gave back) — never a value twice, never
 * a gap. The table holds no tenant's data, so row-level security lets every tenant transaction
 * use it and nothing else; platform transactions cannot read it.
 */
final class JdbcNumberingRepository implements NumberingRepository {
  private final JdbcTenant tx;

  JdbcNumberingRepository(JdbcTenant tx) {
    this.tx = tx;
  }

  @Override
  public long next(String counter) {
    NumberingRepository.checkCounter(counter);
    if (tx.dialect() == Dialect.POSTGRESQL) {
      // Under READ COMMITTED a waiting upsert re-reads the row once the holder commits.
      return tx.handle().createQuery("INSERT INTO nobill_numbering_series (series, last_value) VALUES (:series, 1) "
              + "ON CONFLICT (series) DO UPDATE SET last_value = nobill_numbering_series.last_value + 1 "
              + "RETURNING last_value")
          .bind("series", counter)
          .mapTo(Long.class)
          .one();
    }
    Optional<Long> incremented = increment(counter);
    if (incremented.isPresent()) {
      return incremented.get();
    }
    // The counter's first use. Two first uses racing: the second insert fails on the primary
    // key without ending the transaction (H2), and then increments the row the first made.
    try {
      tx.handle().createUpdate("INSERT INTO nobill_numbering_series (series, last_value) VALUES (:series, 1)")
          .bind("series", counter)
          .execute();
      return 1;
    } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
      return increment(counter).orElseThrow(() -> e);
    }
  }

  private Optional<Long> increment(String counter) {
    int rows = tx.handle().createUpdate("UPDATE nobill_numbering_series SET last_value = last_value + 1 WHERE series = :series")
        .bind("series", counter)
        .execute();
    if (rows == 0) {
      return Optional.empty();
    }
    return Optional.of(tx.handle().createQuery("SELECT last_value FROM nobill_numbering_series WHERE series = :series")
        .bind("series", counter)
        .mapTo(Long.class)
        .one());
  }
}
