/**
 * Usage metering: idempotent ingestion of usage events, hourly rollups, exact aggregation
 * (sum, count, max, last, unique count), late events, cancellation and quota warnings.
 */
package io.nobill.core.usage;
