/**
 * The catalog: meters, plans as immutable versions with their prices, features and limits,
 * pricing models (per unit, graduated, volume, package), and per-organization pricing
 * overrides (custom prices, discounts, minimum spend).
 */
package io.nobill.core.catalog;
