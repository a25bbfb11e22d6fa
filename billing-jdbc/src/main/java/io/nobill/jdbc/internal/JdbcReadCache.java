package io.nobill.jdbc.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.nobill.core.id.OrgId;
import io.nobill.core.spi.ReadCache;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Caffeine-backed {@link ReadCache}: per organization, a small map of derived reads, each used
 * for at most the time-to-live after it was loaded (bounding how long another instance's
 * change stays unseen) and dropped after every transaction of that organization through this
 * store (so this instance never serves its own stale data). A load that overlaps such a
 * transaction is returned but not cached.
 *
 * <p>Age is measured on the reader's clock, the instant each read passes in, not on the
 * machine's: Caffeine only bounds how many organizations are kept.
 */
final class JdbcReadCache implements ReadCache {
  private static final int MAX_ORGANIZATIONS = 100_000;

  /** One organization's cached reads; replaced as a whole on invalidation. */
  private static final class Entries {
    final ConcurrentHashMap<String, Loaded> values = new ConcurrentHashMap<>();
  }

  /** A value and the reader's instant it was loaded at. */
  private record Loaded(Object value, Instant at) {}

  private final Duration ttl;
  private final Cache<OrgId, Entries> cache;
  private final ThreadLocal<Boolean> loading = new ThreadLocal<>();

  JdbcReadCache(Duration ttl) {
    this.ttl = ttl;
    // Maintenance (evicting past the size bound) runs on the calling thread, not on the
    // JVM's common pool: the host decides where NOBill's work runs.
    this.cache = Caffeine.newBuilder().maximumSize(MAX_ORGANIZATIONS).executor(Runnable::run).build();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(OrgId org, String key, Instant now, Supplier<T> loader) {
    Entries entries = cache.get(org, o -> new Entries());
    Loaded cached = entries.values.get(key);
    // Fresh while now is in [loaded, loaded + ttl): a clock that went back sees an entry
    // from its future, which it cannot vouch for either.
    if (cached != null && !now.isBefore(cached.at()) && now.isBefore(cached.at().plus(ttl))) {
      return (T) cached.value();
    }
    loading.set(Boolean.TRUE);
    T value;
    try {
      value = loader.get();
    } finally {
      loading.remove();
    }
    if (value != null && cache.getIfPresent(org) == entries) {
      entries.values.put(key, new Loaded(value, now));
    }
    return value;
  }

  /** Whether the current thread's transaction is a load of this cache (which changes nothing). */
  boolean isLoading() {
    return loading.get() != null;
  }

  void invalidate(OrgId org) {
    cache.invalidate(org);
  }
}
