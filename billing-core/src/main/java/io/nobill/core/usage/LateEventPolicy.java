package io.nobill.core.usage;

/** What happens to an event whose billing period was already invoiced. */
public enum LateEventPolicy {
  /** It counts in the current period instead. */
  COUNT_IN_CURRENT_PERIOD,
  /** It is rejected. */
  REJECT
}
