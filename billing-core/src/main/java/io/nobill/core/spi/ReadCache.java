package io.nobill.core.spi;

import io.nobill.core.id.OrgId;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A store's cache of derived per-organization reads for the host's request path (entitlement
 * checks), so a warm check needs no transaction. A store that offers one drops an
 * organization's entries whenever that organization's state may have changed through it, and
 * bounds how long a change made elsewhere (another instance) can stay unseen.
 *
 * <p>That bound is measured on the caller's clock, the one {@code Billing} is given: every read
 * passes the instant it is made at, so a test that moves its clock past the time-to-live sees
 * the change without waiting, and a clock that moves back never keeps an entry longer.
 */
public interface ReadCache {

  /** No caching: every read runs its loader. */
  ReadCache NONE = new ReadCache() {
    @Override
    public <T> T get(OrgId org, String key, Instant now, Supplier<T> loader) {
      return loader.get();
    }
  };

  /**
   * The value cached for {@code key} in {@code org} if it was loaded no earlier than the
   * time-to-live before {@code now} and not after {@code now}, or else the loader's value (cached
   * as loaded at {@code now} when no change to the organization happened while it loaded). The
   * loader runs its own tenant transaction, which does not count as a change.
   *
   * @param now the instant of this read, from the caller's clock
   */
  <T> T get(OrgId org, String key, Instant now, Supplier<T> loader);
}
