package io.nobill.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.error.NotFoundException;
import io.nobill.core.event.ProviderEvent;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.IdGenerator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Delivering a subscription's lifecycle in any order, with any duplicates, converges to the
 * same subscription, the same invoices and the same ledger balances as in-order delivery.
 * An event about an object that does not exist yet fails and is redelivered later, as a
 * provider redelivers a webhook that was not acknowledged. Stores set the number of tries
 * with jqwik's {@code @PropertyDefaults} on their subclass.
 */
public abstract class ReducerContract {
  private static final Map<Class<?>, BillingStore> STORES = new ConcurrentHashMap<>();
  private static final IdGenerator IDS = IdGenerator.sequential();

  /**
   * A store for every try of the property; each delivery provisions an organization of its
   * own in it, so one store serves all tries.
   */
  protected abstract BillingStore newStore();

  private BillingStore store() {
    return STORES.computeIfAbsent(getClass(), c -> newStore());
  }

  /** Delivers a fresh organization's lifecycle events in the order given by their indexes. */
  private ReducerFixture.Outcome deliver(List<Integer> order) {
    ReducerFixture f = new ReducerFixture(store(), IDS);
    List<ProviderEvent> life = f.lifecycle();
    Deque<ProviderEvent> queue = new ArrayDeque<>();
    order.forEach(i -> queue.add(life.get(i)));
    int attempts = 0;
    while (!queue.isEmpty()) {
      ProviderEvent e = queue.poll();
      if (++attempts > 10_000) {
        throw new AssertionError("delivery does not converge; left: " + queue);
      }
      try {
        f.events.apply(ReducerFixture.STRIPE, e);
      } catch (NotFoundException notYet) {
        queue.add(e);
      }
    }
    return f.outcome();
  }

  @Property
  void anyOrderAndAnyDuplicatesConvergeToTheInOrderOutcome(@ForAll long seed,
      @ForAll @IntRange(min = 0, max = 12) int duplicates) {
    int size = new ReducerFixture().lifecycle().size();
    List<Integer> inOrder = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      inOrder.add(i);
    }
    ReducerFixture.Outcome expected = deliver(inOrder);

    Random random = new Random(seed);
    List<Integer> shuffled = new ArrayList<>(inOrder);
    for (int i = 0; i < duplicates; i++) {
      shuffled.add(inOrder.get(random.nextInt(size)));
    }
    Collections.shuffle(shuffled, random);

    assertThat(deliver(shuffled)).isEqualTo(expected);
  }
}
