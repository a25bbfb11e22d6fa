/**
 * Roles, permissions and the one check every operation makes before it changes state.
 */
package io.nobill.core.access;
