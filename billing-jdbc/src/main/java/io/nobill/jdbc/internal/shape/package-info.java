/**
 * The persisted shapes: what the JDBC store's JSON body columns hold, field by field and
 * version by version, with explicit conversions from and to the core's values. Only
 * {@link io.nobill.jdbc.internal.shape.PersistedBodies} is used outside this package. Not API.
 */
package io.nobill.jdbc.internal.shape;
