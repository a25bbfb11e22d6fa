package io.nobill.core.org;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.text.TextPolicy;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether an organization is exempt from tax, and on what evidence. Exempt means exempt from
 * every tax NOBill charges (a charity, a public body, a reseller buying for resale): the seller
 * keeps the certificate, NOBill records its reference on every invoice it leaves untaxed.
 *
 * @param certificate the reference of the exemption certificate (a resale certificate number,
 *                    a charity registration); empty for {@link #NONE}, not exempt
 * @param expiresOn   the last day the certificate is valid, if it expires; from the next day
 *                    (UTC) on the organization is taxed again. Only with a certificate
 */
public record TaxExemption(Optional<String> certificate, Optional<LocalDate> expiresOn) {
  /** The longest certificate reference. */
  public static final int MAX_CERTIFICATE = 100;

  /** Not exempt: taxed as the address says. */
  public static final TaxExemption NONE = new TaxExemption(Optional.empty(), Optional.empty());

  public TaxExemption {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(expiresOn, "expiresOn");
    certificate.ifPresent(c -> TextPolicy.key(c, "taxExemption.certificate", MAX_CERTIFICATE));
    InvalidRequestException.require(certificate.isPresent() || expiresOn.isEmpty(), "taxExemption.expiresOn",
        "must be empty when there is no exemption certificate");
  }

  /** Exempt on the certificate {@code certificate}, until {@code expiresOn} inclusive if given. */
  public static TaxExemption exempt(String certificate, Optional<LocalDate> expiresOn) {
    return new TaxExemption(Optional.of(Objects.requireNonNull(certificate, "certificate")), expiresOn);
  }

  /** Whether there is an exemption at all (it may have expired). */
  public boolean isExempt() {
    return certificate.isPresent();
  }

  /** Whether the exemption holds on {@code day}: exempt, and not expired by then. */
  public boolean appliesOn(LocalDate day) {
    Objects.requireNonNull(day, "day");
    return certificate.isPresent() && expiresOn.map(last -> !day.isAfter(last)).orElse(true);
  }

  /** For audit entries: "" when not exempt, else "CERT-1" or "CERT-1 until 2027-12-31". */
  public String describe() {
    return certificate.map(c -> c + expiresOn.map(d -> " until " + d).orElse("")).orElse("");
  }
}
