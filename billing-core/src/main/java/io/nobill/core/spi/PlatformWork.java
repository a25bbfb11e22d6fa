package io.nobill.core.spi;

/** Work done inside a platform transaction. */
@FunctionalInterface
public interface PlatformWork<T> {
  T execute(PlatformTransaction tx);
}
