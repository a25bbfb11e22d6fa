package io.nobill.core.id;

import java.util.Comparator;
import java.util.UUID;

/**
 * An id that knows what it identifies. Every id is a record over a {@link UUID}, so an
 * {@code OrgId} can never be passed where a {@code UserId} is expected.
 */
public interface TypedId {

  /**
   * Orders ids the way PostgreSQL orders {@code uuid} values: as unsigned 128-bit numbers.
   * {@link UUID#compareTo} compares signed halves, which would put some time-ordered ids
   * out of order; stores and pages use this ordering instead.
   */
  Comparator<TypedId> ORDER = (a, b) -> {
    int c = Long.compareUnsigned(a.value().getMostSignificantBits(), b.value().getMostSignificantBits());
    return c != 0 ? c : Long.compareUnsigned(a.value().getLeastSignificantBits(), b.value().getLeastSignificantBits());
  };

  /** The UUID behind this id. */
  UUID value();
}
