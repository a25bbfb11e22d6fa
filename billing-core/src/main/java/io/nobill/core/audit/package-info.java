/**
 * The audit trail: an append-only, SHA-256 hash-chained record of every mutation per
 * organization, written in the same transaction as the change, and its verification.
 */
package io.nobill.core.audit;
