/**
 * The JDBC store's implementation: dialects, the tenant and platform transactions and one
 * repository class per SPI repository; the JSON bodies they store go through the persisted
 * shapes of {@code io.nobill.jdbc.internal.shape}. Not API.
 */
package io.nobill.jdbc.internal;
