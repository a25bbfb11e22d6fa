package io.nobill.core.spi;

import io.nobill.core.id.OrgId;
import java.util.function.Supplier;

/**
 * A store's cache of derived per-organization reads for the host's request path (entitlement
 * checks), so a warm check needs no transaction. A store that offers one drops an
 * organization's entries whenever that organization's state may have changed through it, and
 * bounds how long a change made elsewhere (another instance) can stay unseen.
 */
public interface ReadCache {

  /** No caching: every read runs its loader. */
  ReadCache NONE = new ReadCache() {
    @Override
    public <T> T get(OrgId org, String key, Supplier<T> loader) {
      return loader.get();
    }
  };

  /**
   * The value cached for {@code key} in {@code org}, or the loader's value (cached when no
   * change to the organization happened while it loaded). The loader runs its own tenant
   * transaction, which does not count as a change.
   */
  <T> T get(OrgId org, String key, Supplier<T> loader);
}
