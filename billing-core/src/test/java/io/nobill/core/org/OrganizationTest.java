package io.nobill.core.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.id.OrgId;
import java.time.Instant;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrganizationTest {
  private static final OrgId ID = OrgId.of(UUID.fromString("00000000-0000-7000-8000-000000000001"));
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static Organization org(String name, String email, String country, Optional<String> taxId) {
    return new Organization(ID, name, email, country, taxId, Currency.getInstance("EUR"), Locale.GERMANY, T0);
  }

  @Test
  void aValidOrganizationKeepsItsFields() {
    Organization o = org("Acme GmbH", "billing@acme.example", "DE", Optional.of("DE123456789"));
    assertThat(o.name()).isEqualTo("Acme GmbH");
    assertThat(o.taxId()).contains("DE123456789");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void blankNamesAreRejected(String name) {
    assertThatThrownBy(() -> org(name, "billing@acme.example", "DE", Optional.empty()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("name");
          assertThat(e.rule()).isEqualTo("must not be blank");
        });
  }

  @Test
  void overlongNamesAreRejected() {
    assertThatThrownBy(() -> org("x".repeat(201), "billing@acme.example", "DE", Optional.empty()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.rule()).contains("at most 200"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "billing", "billing@", "@acme.example", "a b@acme.example", "billing@acme", "a@@acme.example", "billing@acme..example"})
  void invalidEmailsAreRejected(String email) {
    assertThatThrownBy(() -> org("Acme", email, "DE", Optional.empty()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("billingEmail"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "de", "DEU", "XX", "ZZ", "D"})
  void invalidCountryCodesAreRejected(String country) {
    assertThatThrownBy(() -> org("Acme", "billing@acme.example", country, Optional.empty()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("country"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " DE1", "DE<script>"})
  void invalidTaxIdsAreRejected(String taxId) {
    assertThatThrownBy(() -> org("Acme", "billing@acme.example", "DE", Optional.of(taxId)))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("taxId"));
  }

  @Test
  void aCurrencyWithoutMinorUnitIsRejected() {
    assertThatThrownBy(() -> new Organization(ID, "Acme", "billing@acme.example", "DE", Optional.empty(),
        Currency.getInstance("XAU"), Locale.GERMANY, T0))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("currency"));
  }
}
