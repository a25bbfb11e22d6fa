package io.nobill.core.testkit;

import io.nobill.core.id.OrgId;
import io.nobill.core.org.Organization;
import java.time.Instant;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

/** Valid organizations for tests that need one and do not care about its details. */
public final class TestOrganizations {
  private TestOrganizations() {}

  /** A valid organization with the given id, billed in EUR from Germany. */
  public static Organization sample(OrgId id) {
    return named(id, "Acme " + id.value().getLeastSignificantBits());
  }

  /** A valid organization with the given id and name. */
  public static Organization named(OrgId id, String name) {
    return new Organization(id, name, "billing@acme.example", "DE", Optional.empty(),
        Currency.getInstance("EUR"), Locale.GERMANY, Instant.parse("2026-01-01T00:00:00Z"));
  }
}
