package io.nobill.core.org;

import io.nobill.core.id.OrgId;
import io.nobill.core.id.UserId;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What provisioning an organization takes. The {@code owner} becomes its first OWNER.
 *
 * @param id the id to give it — pass the host's own tenant id to make provisioning
 *           idempotent (the same request twice provisions once); empty for a new id
 */
public record NewOrganization(Optional<OrgId> id, String name, String billingEmail, String country,
    Optional<String> taxId, Currency currency, Locale locale, UserId owner) {
  public NewOrganization {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(billingEmail, "billingEmail");
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(taxId, "taxId");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(owner, "owner");
  }
}
