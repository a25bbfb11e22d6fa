package io.nobill.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.error.InvalidRequestException;
import org.junit.jupiter.api.Test;

class InvoiceNumberTest {
  @Test
  void prefixesComeFromTheNameWithoutAccents() {
    assertThat(InvoiceNumber.prefixFor("Acme GmbH")).isEqualTo("ACME");
    assertThat(InvoiceNumber.prefixFor("Müller & Söhne")).isEqualTo("MULL");
    assertThat(InvoiceNumber.prefixFor("A1")).isEqualTo("A1");
    assertThat(InvoiceNumber.prefixFor("株式会社")).isEqualTo("INV");
  }

  @Test
  void numbersPrintWithSixDigits() {
    assertThat(new InvoiceNumber("ACME", 42)).hasToString("ACME-000042");
    assertThat(new InvoiceNumber("ACME", 1_234_567)).hasToString("ACME-1234567");
    assertThatThrownBy(() -> new InvoiceNumber("acme", 1)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> new InvoiceNumber("ACME", 0)).isInstanceOf(InvalidRequestException.class);
  }
}
