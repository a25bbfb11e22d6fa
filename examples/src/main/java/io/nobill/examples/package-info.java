/** Runnable example host applications that use only NOBill's public API. */
package io.nobill.examples;
