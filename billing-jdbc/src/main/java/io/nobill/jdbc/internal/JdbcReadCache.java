package io.nobill.jdbc.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.nobill.core.id.OrgId;
import io.nobill.core.spi.ReadCache;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Caffeine-backed {@link ReadCache}: per organization, a small map of derived reads that lives
 * at most the time-to-live (bounding how long another instance's change stays unseen) and is
 * dropped after every transaction of that organization through this store (so this instance
 * never serves its own stale data). A load that overlaps such a transaction is returned but
 * not cached.
 */
final class JdbcReadCache implements ReadCache {
  private static final int MAX_ORGANIZATIONS = 100_000;

  /** One organization's cached reads; replaced as a whole on invalidation. */
  private static final class Entries {
    final ConcurrentHashMap<String, Object> values = new ConcurrentHashMap<>();
  }

  private final Cache<OrgId, Entries> cache;
  private final ThreadLocal<Boolean> loading = new ThreadLocal<>();

  JdbcReadCache(Duration ttl) {
    this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_ORGANIZATIONS).build();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(OrgId org, String key, Supplier<T> loader) {
    Entries entries = cache.get(org, o -> new Entries());
    Object cached = entries.values.get(key);
    if (cached != null) {
      return (T) cached;
    }
    loading.set(Boolean.TRUE);
    T value;
    try {
      value = loader.get();
    } finally {
      loading.remove();
    }
    if (value != null && cache.getIfPresent(org) == entries) {
      entries.values.put(key, value);
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
