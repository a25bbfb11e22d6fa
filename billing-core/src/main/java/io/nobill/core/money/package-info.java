/**
 * Exact money: {@link io.nobill.core.money.Money} holds a {@code long} count of minor units and
 * a currency. No {@code double} comes near an amount anywhere in NOBill.
 */
package io.nobill.core.money;
