/**
 * The one text policy every string passes before NOBill stores it, so that every store —
 * in memory, H2, PostgreSQL — holds the same strings and turns away the same ones. It sits
 * with the values at the bottom of the core and depends only on the error types.
 */
package io.nobill.core.text;
