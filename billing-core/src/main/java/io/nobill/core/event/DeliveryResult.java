package io.nobill.core.event;

/**
 * What one outbox delivery sweep did.
 *
 * @param delivered messages their listener accepted
 * @param failed messages whose listener threw (retried after backoff), or whose outcome could
 *     not be recorded (retried when the claim expires)
 * @param skipped messages another deliverer held or finished first
 * @param abandoned messages given up: for a listener that is no longer registered, or
 *     dead-lettered after their last allowed attempt; delivered again only after an
 *     operator's retry
 */
public record DeliveryResult(int delivered, int failed, int skipped, int abandoned) {

  /** A sweep that found nothing due. */
  public static final DeliveryResult NONE = new DeliveryResult(0, 0, 0, 0);

  public DeliveryResult {
    if (delivered < 0 || failed < 0 || skipped < 0 || abandoned < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /** Every message the sweep looked at. */
  public int total() {
    return delivered + failed + skipped + abandoned;
  }
}
