/** What host tests need: a settable clock, a scriptable payment collector and a test {@code Billing}. */
module io.nobill.testing {
  requires transitive io.nobill.core;

  exports io.nobill.testing;
}
