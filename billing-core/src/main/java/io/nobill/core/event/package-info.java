/**
 * Provider events, the one reducer that applies them, and the inbox that makes a repeated
 * delivery a no-op.
 */
package io.nobill.core.event;
