package io.nobill.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberingFormatTest {
  private static final Instant MARCH_2026 = Instant.parse("2026-03-31T23:59:59Z");

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "INV-{yyyy}-{seq:6}    | 42       | INV-2026-000042",
      "INV-{yyyy}-{seq:6}    | 1234567  | INV-2026-1234567",
      "{yy}{mm}/{seq:4}      | 7        | 2603/0007",
      "R.{seq:1}_{yyyy}      | 12       | R.12_2026",
      "{seq:12}              | 5        | 000000000005"})
  void printsEveryTokenAndNeverCutsANumber(String pattern, long sequence, String printed) {
    assertThat(NumberingFormat.of("invoice", pattern).format(sequence, MARCH_2026)).isEqualTo(printed);
  }

  @Test
  void aPatternWithTheYearRestartsEveryUtcYearAndOneWithoutNeverDoes() {
    NumberingFormat yearly = NumberingFormat.INVOICES;
    assertThat(yearly.restartsYearly()).isTrue();
    assertThat(yearly.counter(MARCH_2026)).isEqualTo("invoice/2026");
    // Midnight UTC on New Year's Day is the new year, whatever the host's time zone.
    assertThat(yearly.counter(Instant.parse("2027-01-01T00:00:00Z"))).isEqualTo("invoice/2027");
    assertThat(NumberingFormat.of("b", "B{yy}-{seq:3}").counter(MARCH_2026)).isEqualTo("b/2026");
    NumberingFormat endless = NumberingFormat.of("seller-b", "B{mm}-{seq:5}");
    assertThat(endless.restartsYearly()).isFalse();
    assertThat(endless.counter(MARCH_2026)).isEqualTo("seller-b");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "INV-{yyyy}              | must have exactly one {seq:N}, has 0",
      "{seq:3}-{seq:3}         | must have exactly one {seq:N}, has 2",
      "INV-{seq:0}             | {seq:N} needs N in 1..12, was 0",
      "INV-{seq:13}            | {seq:N} needs N in 1..12, was 13",
      "INV-{dd}-{seq:4}        | has the unknown token {dd}",
      "INV {seq:4}             | may contain, besides tokens, only letters, digits",
      "INV-{seq:4}-Ä           | may contain, besides tokens, only letters, digits",
      "INV-{seq                | may contain, besides tokens, only letters, digits"})
  void aBadPatternIsRefusedSayingWhatIsWrong(String pattern, String message) {
    assertThatThrownBy(() -> NumberingFormat.of("invoice", pattern)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void emptyTooLongAndBadSeriesNamesAreRefused() {
    assertThatThrownBy(() -> NumberingFormat.of("invoice", "")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1-64 characters");
    assertThatThrownBy(() -> NumberingFormat.of("invoice", "X".repeat(60) + "{seq:6}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1-64 characters");
    assertThatThrownBy(() -> NumberingFormat.of("Invoice", "{seq:6}")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("numbering series 'Invoice'");
    assertThatThrownBy(() -> NumberingFormat.of("", "{seq:6}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NumberingFormat.INVOICES.format(0, MARCH_2026)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void invoicesAndCreditNotesMustBeDifferentSeries() {
    assertThatThrownBy(() -> new InvoicingSettings(Seller.NOT_CONFIGURED, NumberingFormat.INVOICES,
        NumberingFormat.of("invoice", "CN-{seq:6}"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different series");
  }
}
