package io.nobill.jdbc;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.ReducerContract;
import io.nobill.jdbc.testkit.TestDatabases;
import net.jqwik.api.PropertyDefaults;

/** The reducer property on H2: every try delivers two lifecycles into one database. */
@PropertyDefaults(tries = 100)
class H2ReducerProperties extends ReducerContract {
  @Override
  protected BillingStore newStore() {
    return TestDatabases.builder(TestDatabases.Kind.H2).build();
  }
}
