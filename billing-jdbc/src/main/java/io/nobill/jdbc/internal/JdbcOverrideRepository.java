package io.nobill.jdbc.internal;

import io.nobill.core.catalog.PricingOverrides;
import io.nobill.core.entitlement.EntitlementOverride;
import io.nobill.core.spi.OverrideRepository;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

final class JdbcOverrideRepository implements OverrideRepository {
  private final JdbcTenant tx;

  JdbcOverrideRepository(JdbcTenant tx) {
    this.tx = tx;
  }

  @Override
  public PricingOverrides pricing() {
    return body("pricing").map(b -> tx.bodies().readPricingOverrides(b)).orElse(PricingOverrides.NONE);
  }

  @Override
  public void setPricing(PricingOverrides overrides) {
    Objects.requireNonNull(overrides, "overrides");
    save("pricing", tx.bodies().write(overrides));
  }

  @Override
  public List<EntitlementOverride> entitlements() {
    return body("entitlements").map(b -> List.copyOf(tx.bodies().readEntitlementOverrides(b))).orElse(List.of());
  }

  @Override
  public void setEntitlements(List<EntitlementOverride> overrides) {
    List<EntitlementOverride> copy = List.copyOf(Objects.requireNonNull(overrides, "overrides"));
    save("entitlements", tx.bodies().writeEntitlementOverrides(copy));
  }

  private Optional<String> body(String kind) {
    return tx.handle().createQuery("SELECT body FROM nobill_override WHERE org_id = :org AND kind = :kind")
        .bind("org", tx.orgId())
        .bind("kind", kind)
        .mapTo(String.class)
        .findOne();
  }

  private void save(String kind, String body) {
    int rows = tx.handle().createUpdate("UPDATE nobill_override SET body = :body WHERE org_id = :org AND kind = :kind")
        .bind("org", tx.orgId()).bind("kind", kind).bind("body", body).execute();
    if (rows == 0) {
      tx.handle().createUpdate("INSERT INTO nobill_override (org_id, kind, body) VALUES (:org, :kind, :body)")
          .bind("org", tx.orgId()).bind("kind", kind).bind("body", body).execute();
    }
  }
}
