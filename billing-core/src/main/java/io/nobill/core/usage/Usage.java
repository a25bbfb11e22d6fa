package io.nobill.core.usage;

import io.nobill.core.access.Actor;
import io.nobill.core.catalog.Period;
import io.nobill.core.error.ConflictException;
import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.error.NotFoundException;
import io.nobill.core.id.OrgId;
import io.nobill.core.money.Bounds;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Usage metering: idempotent ingestion, exact aggregation over hourly rollups, late events,
 * cancellation and quota warnings.
 *
 * <p>Every event is counted exactly once or rejected with the reason: the dedupe mark (the
 * stored event) and the counted quantity (its rollup) are written in one transaction, so a
 * failed write never leaves a key marked as seen. A batch answers per event; a rejected event
 * is written nowhere.
 */
public interface Usage {
  /** The largest batch {@link #recordAll} takes. */
  int MAX_BATCH = 10_000;

  /**
   * Parses a quantity as a client sends it: a plain non-negative decimal.
   *
   * @throws InvalidRequestException naming {@code quantity} for "NaN", "1e400", "-1", "", …
   */
  static BigDecimal parseQuantity(String text) {
    return UsageEvent.parseQuantity(text);
  }

  /** Records one event. */
  UsageResult record(Actor actor, OrgId org, UsageEvent event);

  /**
   * Records a batch of 1–{@value #MAX_BATCH} events in one transaction and answers per event,
   * in order: accepted, duplicate (its key was seen before, or earlier in the batch), or
   * rejected with the field and rule.
   */
  List<UsageResult> recordAll(Actor actor, OrgId org, List<UsageEvent> events);

  /**
   * Cancels an event while the period it counts in is open; the totals drop by exactly its
   * contribution.
   *
   * @throws NotFoundException for an unknown key
   * @throws ConflictException if it was canceled already or its period was invoiced
   */
  void cancel(Actor actor, OrgId org, String idempotencyKey);

  /**
   * The usage of sum and count meters not yet reported to an external provider, hour by
   * hour, for hours that ended by now (the current hour is still filling), oldest first.
   * Needs {@code billing.read}. Max, last and unique-count meters report period values, not
   * deltas, and are left to the provider adapter. A {@code from} outside the range stored
   * instants lie in ({@link Bounds}) reads from the range's start.
   */
  List<UsageReport> unreported(Actor actor, OrgId org, Instant from, int limit);

  /**
   * Records that a report was accepted by the provider. Only a report that {@link #unreported}
   * would list right now is accepted — the same meter, window, quantity (compared as a number),
   * revision and identifier — so a report cannot be forged or inflated. A report of a revision
   * already recorded (a retry after a crash) changes nothing and is not an error.
   *
   * <p>Usage that arrives late for the report's hour after {@code unreported} listed it changes
   * what that call would list: the report is then refused as a conflict; read {@code unreported}
   * again.
   *
   * @throws InvalidRequestException naming {@code report.meter} for a meter that is not a sum or
   *     count meter of the catalog, or {@code report.revision} for a negative revision
   * @throws ConflictException for a report {@code unreported} would not list now: a revision
   *     not reached yet, no usage left to report in its window, or any field that differs
   */
  void markReported(Actor actor, OrgId org, UsageReport report);

  /** Every meter's total over {@code period}, by its aggregation. Needs {@code features.read}. */
  Map<String, BigDecimal> totals(Actor actor, OrgId org, Period period);
}
