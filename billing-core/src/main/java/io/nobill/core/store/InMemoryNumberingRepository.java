package io.nobill.core.store;

import io.nobill.core.spi.NumberingRepository;
import java.util.Map;

/** The store's shared counters. Transactions run one at a time here, so a read-then-write is exact. */
final class InMemoryNumberingRepository implements NumberingRepository {
  private final Transaction tx;
  private final Map<String, Long> counters;

  InMemoryNumberingRepository(Transaction tx, Map<String, Long> counters) {
    this.tx = tx;
    this.counters = counters;
  }

  @Override
  public long next(String counter) {
    tx.check();
    NumberingRepository.checkCounter(counter);
    Long before = counters.get(counter);
    long next = before == null ? 1 : before + 1;
    counters.put(counter, next);
    tx.onRollback(() -> {
      if (before == null) {
        counters.remove(counter);
      } else {
        counters.put(counter, before);
      }
    });
    return next;
  }
}
