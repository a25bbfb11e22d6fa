/**
 * Implementation classes of the core. Not API: anything here may change in any release.
 */
package io.nobill.core.internal;
