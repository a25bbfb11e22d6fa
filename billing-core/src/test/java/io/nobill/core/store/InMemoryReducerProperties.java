package io.nobill.core.store;

import io.nobill.core.spi.BillingStore;
import io.nobill.core.testkit.ReducerContract;
import net.jqwik.api.PropertyDefaults;

@PropertyDefaults(tries = 300)
class InMemoryReducerProperties extends ReducerContract {
  @Override
  protected BillingStore newStore() {
    return InMemoryBillingStore.create();
  }
}
