package io.nobill.core.catalog;

/** How a meter turns a period's usage events into one quantity. */
public enum Aggregation {
  /** The sum of the events' quantities. */
  SUM,
  /** The number of events. */
  COUNT,
  /** The largest quantity seen. */
  MAX,
  /** The quantity of the latest event by occurrence time (ties broken by idempotency key). */
  LAST,
  /** The number of distinct values (e.g. active user ids). */
  UNIQUE_COUNT
}
