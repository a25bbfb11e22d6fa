package io.nobill.core.internal.subscription;

import io.nobill.core.catalog.Period;
import io.nobill.core.spi.TenantTransaction;
import io.nobill.core.subscription.*;
import java.math.BigDecimal;
import java.util.Map;

/** The aggregated usage of an organization's meters over a billing period, for invoicing in arrears. */
@FunctionalInterface
public interface UsageSource {

  /** A source for a system that meters nothing. */
  UsageSource NONE = (tx, period) -> Map.of();

  /** The quantity of each meter over {@code period} (meters without usage may be left out). */
  Map<String, BigDecimal> usage(TenantTransaction tx, Period period);
}
