/**
 * Entitlements: whether an organization may use a feature, consume more of a meter or add
 * seats, answered on a host's request path. {@link io.nobill.core.entitlement.Entitlements#evaluate}
 * folds the subscription's plan and the organization's overrides into an
 * {@link io.nobill.core.entitlement.EntitlementSnapshot} once, so that each check after that
 * is a hash lookup and a comparison, cheap enough to run on every request.
 *
 * <p>The evaluation is pure: the caller supplies the instant, the current-period usage and
 * whether the subscription grants access, so the same inputs always give the same answers.
 */
package io.nobill.core.entitlement;
