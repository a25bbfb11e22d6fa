/**
 * What a host application's tests need to test their billing integration, the way retrofit-mock
 * serves Retrofit users: {@link io.nobill.testing.TestClock}, a settable clock;
 * {@link io.nobill.testing.ScriptedPaymentCollector}, a fake payment collector whose outcomes the
 * test scripts; and {@link io.nobill.testing.TestBilling}, a {@code Billing} wired for tests with
 * both. It depends on billing-core only and on no test framework, so it works under JUnit,
 * TestNG or a plain {@code main}.
 */
package io.nobill.testing;
