package io.nobill.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.error.InvalidRequestException;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SellerTest {
  private static Seller.Builder valid() {
    return Seller.builder().legalName("Example Software GmbH").address(List.of("Musterstraße 1"), "10115", "Berlin", "DE")
        .email("billing@example.com");
  }

  @Test
  void aCompleteSellerKeepsEveryDetailAndStoresTheIbanWithoutSpaces() {
    Seller s = valid().taxRegistration("DE", "VAT", "DE811569869").taxRegistration("US", "EIN", "12-3456789")
        .phone("+49 30 1234567").website("https://example.com").logoUrl("https://example.com/logo.png")
        .bank("DE89 3704 0044 0532 0130 00", "COBADEFFXXX", "Example Software GmbH").build();
    assertThat(s.bank()).map(Seller.BankDetails::iban).contains("DE89370400440532013000");
    assertThat(s.registration("DE", "VAT")).map(Seller.TaxRegistration::id).contains("DE811569869");
    assertThat(s.registration("GB", "VAT")).isEmpty();
    assertThat(s.isPlaceholder()).isFalse();
    assertThat(Seller.NOT_CONFIGURED.isPlaceholder()).isTrue();
  }

  @Test
  void everyBadValueIsRefusedNamingItsFieldAndRule() {
    assertRefused(b -> b.legalName(" "), "seller.legalName", "must not be blank");
    assertRefused(b -> b.address(List.of(), "10115", "Berlin", "DE"), "seller.addressLines", "must have 1-4 lines");
    assertRefused(b -> b.address(List.of("a", "b", "c", "d", "e"), "10115", "Berlin", "DE"), "seller.addressLines",
        "must have 1-4 lines");
    assertRefused(b -> b.address(List.of("Musterstraße 1"), "10115", "Berlin", "XX"), "seller.country",
        "must be an ISO 3166-1 alpha-2 country code");
    assertRefused(b -> b.address(List.of("Musterstraße 1"), "10115", "Berlin", "de"), "seller.country",
        "must be an ISO 3166-1 alpha-2 country code");
    assertRefused(b -> b.email("billing"), "seller.email", "must be an e-mail address");
    assertRefused(b -> b.logoUrl("http://example.com/logo.png"), "seller.logoUrl", "must be an https URL");
    assertRefused(b -> b.taxRegistration("DE", "VAT", "DE1").taxRegistration("DE", "VAT", "DE2"),
        "seller.taxRegistrations", "must have at most one registration per country and scheme");
  }

  @Test
  void bankDetailsAreCheckedWhenGiven() {
    assertThatThrownBy(() -> valid().bank("DE89 3704 0044 0532 0130 01", null, "Example"))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("seller.bank.iban");
          assertThat(e.rule()).isEqualTo("must be a valid IBAN");
        });
    assertThatThrownBy(() -> valid().bank("DE89 3704 0044 0532 0130 00", "COBA", "Example"))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("seller.bank.bic"));
    assertThatThrownBy(() -> valid().taxRegistration("ZZ", "VAT", "1"))
        .isInstanceOfSatisfying(InvalidRequestException.class,
            e -> assertThat(e.field()).isEqualTo("seller.taxRegistrations.country"));
    assertThat(new Seller.BankDetails("GB82 WEST 1234 5698 7654 32", Optional.empty(), "Example Ltd").iban())
        .isEqualTo("GB82WEST12345698765432");
  }

  @Test
  void aMissingRequiredValueIsNamed() {
    assertThatThrownBy(() -> Seller.builder().address(List.of("x"), "1", "y", "DE").email("a@b.cd").build())
        .isInstanceOf(NullPointerException.class).hasMessage("seller.legalName");
  }

  private static void assertRefused(UnaryOperator<Seller.Builder> change, String field, String rule) {
    assertThatThrownBy(() -> change.apply(valid()).build()).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.rule()).isEqualTo(rule);
    });
  }
}
