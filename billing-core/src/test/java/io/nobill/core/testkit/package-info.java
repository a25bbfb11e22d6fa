/**
 * The contract kit, published as billing-core's {@code tests} jar: abstract JUnit 5 suites
 * that every store and provider implementation runs, and a movable {@link
 * io.nobill.core.testkit.TestClock}. Depend on {@code io.nobill:billing-core} with
 * {@code <type>test-jar</type>} in test scope; bring JUnit 5 and AssertJ.
 */
package io.nobill.core.testkit;
