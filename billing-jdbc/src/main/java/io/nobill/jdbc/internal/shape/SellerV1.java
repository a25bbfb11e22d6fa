package io.nobill.jdbc.internal.shape;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nobill.core.invoice.Seller;
import java.util.List;
import java.util.Optional;

/** Version 1 of a seller as copied onto an invoice or a credit note when it was issued. */
record SellerV1(
    @JsonProperty("legalName") String legalName,
    @JsonProperty("addressLines") List<String> addressLines,
    @JsonProperty("postalCode") String postalCode,
    @JsonProperty("city") String city,
    @JsonProperty("country") String country,
    @JsonProperty("taxRegistrations") List<Registration> taxRegistrations,
    @JsonProperty("email") String email,
    @JsonProperty("phone") String phone,
    @JsonProperty("website") String website,
    @JsonProperty("logoUrl") String logoUrl,
    @JsonProperty("bank") Bank bank) {
  @JsonCreator
  SellerV1 {
  }

  static SellerV1 of(Seller s) {
    return new SellerV1(s.legalName(), s.addressLines(), s.postalCode(), s.city(), s.country(),
        s.taxRegistrations().stream().map(r -> new Registration(r.country(), r.scheme(), r.id())).toList(), s.email(),
        s.phone().orElse(null), s.website().orElse(null), s.logoUrl().orElse(null),
        s.bank().map(b -> new Bank(b.iban(), b.bic().orElse(null), b.accountName())).orElse(null));
  }

  Seller toDomain() {
    return new Seller(legalName, addressLines, postalCode, city, country,
        taxRegistrations.stream().map(r -> new Seller.TaxRegistration(r.country(), r.scheme(), r.id())).toList(), email,
        Optional.ofNullable(phone), Optional.ofNullable(website), Optional.ofNullable(logoUrl),
        Optional.ofNullable(bank).map(b -> new Seller.BankDetails(b.iban(), Optional.ofNullable(b.bic()), b.accountName())));
  }

  /** One tax registration. */
  record Registration(
      @JsonProperty("country") String country,
      @JsonProperty("scheme") String scheme,
      @JsonProperty("id") String id) {
    @JsonCreator
    Registration {
    }
  }

  /** Bank details. */
  record Bank(
      @JsonProperty("iban") String iban,
      @JsonProperty("bic") String bic,
      @JsonProperty("accountName") String accountName) {
    @JsonCreator
    Bank {
    }
  }
}
