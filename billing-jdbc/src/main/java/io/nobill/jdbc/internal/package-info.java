/**
 * The JDBC store's implementation: dialects, the JSON codec for nested values, the tenant and
 * platform transactions and one repository class per SPI repository. Not API.
 */
package io.nobill.jdbc.internal;
