/**
 * Organizations — the tenants that pay — and, as they arrive, their members and roles.
 */
package io.nobill.core.org;
