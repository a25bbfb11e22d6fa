/**
 * The performance harness. Every benchmark prints its figure next to a baseline measured in
 * the same run, as {@code RESULT name=... value=... unit=... baseline=... ratio=...}.
 */
package io.nobill.bench;
