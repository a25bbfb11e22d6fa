package io.nobill.core.work;

/**
 * What one run of a {@link Sweep} did.
 *
 * @param done items processed successfully
 * @param failed items that failed and will be retried or need attention
 * @param skipped items found due but left alone, usually because another instance had them
 */
public record SweepResult(int done, int failed, int skipped) {

  /** A run that found nothing to do. */
  public static final SweepResult NONE = new SweepResult(0, 0, 0);

  public SweepResult {
    if (done < 0 || failed < 0 || skipped < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }
}
