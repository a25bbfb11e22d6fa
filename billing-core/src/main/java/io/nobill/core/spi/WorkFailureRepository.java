package io.nobill.core.spi;

import io.nobill.core.work.WorkFailure;
import java.util.List;
import java.util.Optional;

/**
 * The failing background work of the organization in scope, one record per kind and item.
 * The organizations with failing items are found with
 * {@link PlatformTransaction#organizationsWithWorkFailures}.
 */
public interface WorkFailureRepository {

  Optional<WorkFailure> find(String kind, String item);

  /**
   * The records of {@code kind} (every kind when empty) with at least {@code minFailures}
   * failures in a row or given up, the oldest first failure first (then by kind and item), at
   * most {@code limit}.
   *
   * @throws IllegalArgumentException if {@code limit} is not in 1..{@value PlatformTransaction#MAX_PAGE}
   */
  List<WorkFailure> list(Optional<String> kind, int minFailures, int limit);

  /**
   * Stores {@code failure}, replacing the record of its kind and item if there is one.
   *
   * @throws IllegalArgumentException if it is about another organization
   */
  void put(WorkFailure failure);

  /** Removes the record of {@code kind} and {@code item}; nothing when there is none. */
  void remove(String kind, String item);
}
