package io.nobill.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.NotFoundException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Delivering a subscription's lifecycle in any order, with any duplicates, converges to the
 * same subscription, the same invoices and the same ledger balances as in-order delivery.
 * An event about an object that does not exist yet fails and is redelivered later, as a
 * provider redelivers a webhook that was not acknowledged.
 */
class ReducerProperties {

  private static ReducerFixture.Outcome deliver(List<ProviderEvent> events) {
    ReducerFixture f = new ReducerFixture();
    // Every fixture has the same organization and invoice ids, so one list of events fits all.
    Deque<ProviderEvent> queue = new ArrayDeque<>(events);
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

  @Property(tries = 300)
  void anyOrderAndAnyDuplicatesConvergeToTheInOrderOutcome(@ForAll long seed,
      @ForAll @IntRange(min = 0, max = 12) int duplicates) {
    List<ProviderEvent> inOrder = new ReducerFixture().lifecycle();
    ReducerFixture.Outcome expected = deliver(inOrder);

    Random random = new Random(seed);
    List<ProviderEvent> shuffled = new ArrayList<>(inOrder);
    for (int i = 0; i < duplicates; i++) {
      shuffled.add(inOrder.get(random.nextInt(inOrder.size())));
    }
    Collections.shuffle(shuffled, random);

    assertThat(deliver(shuffled)).isEqualTo(expected);
  }
}
