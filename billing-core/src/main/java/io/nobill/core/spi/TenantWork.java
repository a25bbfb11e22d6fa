package io.nobill.core.spi;

/** Work done inside one tenant's transaction. */
@FunctionalInterface
public interface TenantWork<T> {
  T execute(TenantTransaction tx);
}
