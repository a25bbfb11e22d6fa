/** The quickstart a newcomer runs first. */
package io.nobill.examples.quickstart;
