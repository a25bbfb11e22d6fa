package io.nobill.core.store;

import io.nobill.core.id.OrgId;
import io.nobill.core.spi.WorkFailureRepository;
import io.nobill.core.work.WorkFailure;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

final class InMemoryWorkFailureRepository implements WorkFailureRepository {
  private final Transaction tx;
  private final OrgId org;
  /** By kind, then item. */
  private final Map<Map.Entry<String, String>, WorkFailure> failures;

  InMemoryWorkFailureRepository(Transaction tx, OrgId org, Map<Map.Entry<String, String>, WorkFailure> failures) {
    this.tx = tx;
    this.org = org;
    this.failures = failures;
  }

  /** A new organization's table. */
  static Map<Map.Entry<String, String>, WorkFailure> table() {
    return new TreeMap<>(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
  }

  @Override
  public Optional<WorkFailure> find(String kind, String item) {
    tx.check();
    return Optional.ofNullable(failures.get(Map.entry(Objects.requireNonNull(kind, "kind"),
        Objects.requireNonNull(item, "item"))));
  }

  @Override
  public List<WorkFailure> list(Optional<String> kind, int minFailures, int limit) {
    tx.check();
    Objects.requireNonNull(kind, "kind");
    InMemoryBillingStore.checkLimit(limit);
    return failures.values().stream().filter(f -> matches(f, kind, minFailures))
        .sorted(Comparator.comparing(WorkFailure::firstFailureAt).thenComparing(WorkFailure::kind)
            .thenComparing(WorkFailure::item))
        .limit(limit).toList();
  }

  /** The one rule of which records a listing takes; the JDBC store writes it as SQL. */
  static boolean matches(WorkFailure f, Optional<String> kind, int minFailures) {
    return kind.map(f.kind()::equals).orElse(true) && (f.failures() >= minFailures || f.gaveUp());
  }

  @Override
  public void put(WorkFailure failure) {
    tx.check();
    Objects.requireNonNull(failure, "failure");
    if (!failure.org().equals(org)) {
      throw new IllegalArgumentException("a work failure of organization " + failure.org()
          + " cannot be written from the transaction of organization " + org);
    }
    Map.Entry<String, String> key = Map.entry(failure.kind(), failure.item());
    WorkFailure before = failures.put(key, failure);
    tx.onRollback(() -> restore(key, before));
  }

  @Override
  public void remove(String kind, String item) {
    tx.check();
    Map.Entry<String, String> key = Map.entry(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(item, "item"));
    WorkFailure before = failures.remove(key);
    if (before != null) {
      tx.onRollback(() -> failures.put(key, before));
    }
  }

  private void restore(Map.Entry<String, String> key, WorkFailure before) {
    if (before == null) {
      failures.remove(key);
    } else {
      failures.put(key, before);
    }
  }
}
