/**
 * The double-entry ledger: per-organization accounts, immutable balanced journal entries
 * with idempotency keys, reversals, balances, trial balances and statements, and the
 * {@link io.nobill.core.ledger.PostingRules} that turn billing facts into entries.
 */
package io.nobill.core.ledger;
