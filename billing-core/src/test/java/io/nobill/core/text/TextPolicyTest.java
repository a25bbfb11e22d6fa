package io.nobill.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nobill.core.error.InvalidRequestException;
import io.nobill.core.text.TextPolicy.Shape;
import org.junit.jupiter.api.Test;

class TextPolicyTest {

  @Test
  void lengthsCountCodePointsNotUtf16Units() {
    assertThat(TextPolicy.violation("😀".repeat(3), Shape.KEY, 3)).isNull();
    assertThat(TextPolicy.violation("😀".repeat(4), Shape.KEY, 3)).isEqualTo("must be at most 3 characters");
    assertThat(TextPolicy.violation("abcd", Shape.LINE, 3)).isEqualTo(TextPolicy.tooLong(3));
    assertThat(TextPolicy.length("a😀e\u0301")).isEqualTo(4);
  }

  @Test
  void theLengthIsCheckedBeforeTheContent() {
    // A huge string is refused for its size whatever it holds, without a scan of its content.
    assertThat(TextPolicy.violation("\u0000".repeat(1_000), Shape.KEY, 10)).isEqualTo(TextPolicy.tooLong(10));
    assertThat(TextPolicy.violation("\u0000", Shape.KEY, 10)).isEqualTo(TextPolicy.CONTROL);
  }

  @Test
  void surrogatesMustPair() {
    for (String s : new String[] {"\uD800", "\uDC00", "a\uDC00\uD800b", "ab\uD83D", "\uDE00ab"}) {
      assertThat(TextPolicy.violation(s, Shape.MULTILINE, 100)).as(s).isEqualTo(TextPolicy.MALFORMED);
    }
    assertThat(TextPolicy.violation("\uD83D\uDE00", Shape.KEY, 1)).isNull();
  }

  @Test
  void controlCharactersAreRefusedAndFreeTextMayHoldTabAndLineBreaks() {
    for (char c : new char[] {0, 7, 0x1B, 0x7F, 0x85, 0x9F}) {
      assertThat(TextPolicy.violation("a" + c, Shape.LINE, 10)).isEqualTo(TextPolicy.CONTROL);
      assertThat(TextPolicy.violation("a" + c, Shape.MULTILINE, 10)).isEqualTo(TextPolicy.CONTROL_MULTILINE);
    }
    assertThat(TextPolicy.violation("a\tb\r\nc", Shape.MULTILINE, 10)).isNull();
    assertThat(TextPolicy.violation("a\tb", Shape.LINE, 10)).isEqualTo(TextPolicy.CONTROL);
    assertThat(TextPolicy.violation("\u00A0", Shape.LINE, 10)).isEqualTo(TextPolicy.BLANK);
  }

  @Test
  void keysMayNotStartOrEndWithAnyKindOfSpace() {
    for (String s : new String[] {" a", "a ", "\u00A0a", "a\u2007", "\u3000a"}) {
      assertThat(TextPolicy.violation(s, Shape.KEY, 10)).as(s).isEqualTo(TextPolicy.PADDED);
      assertThat(TextPolicy.violation(s, Shape.LINE, 10)).as(s).isNull();
    }
    assertThat(TextPolicy.violation("", Shape.KEY, 10)).isEqualTo(TextPolicy.EMPTY);
    assertThat(TextPolicy.violation("", Shape.LINE, 10)).isEqualTo(TextPolicy.BLANK);
    assertThat(TextPolicy.violation("a b", Shape.KEY, 10)).isNull();
    assertThat(TextPolicy.violation("\u200Ba\u202E", Shape.KEY, 10)).isNull();
  }

  @Test
  void aViolationNamesTheFieldAndTheRule() {
    assertThatThrownBy(() -> TextPolicy.key("a\u0000", "idempotencyKey", 10))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("idempotencyKey");
          assertThat(e.rule()).isEqualTo(TextPolicy.CONTROL);
        });
    assertThatThrownBy(() -> TextPolicy.line(null, "name", 10)).isInstanceOf(NullPointerException.class).hasMessage("name");
    assertThat(TextPolicy.multiline("why\nbecause", "reason", 20)).isEqualTo("why\nbecause");
  }

  @Test
  void truncationNeverSplitsASurrogatePair() {
    assertThat(TextPolicy.truncate("ab😀c", 3)).isEqualTo("ab😀");
    assertThat(TextPolicy.truncate("😀😀😀", 2)).isEqualTo("😀😀");
    assertThat(TextPolicy.truncate("abc", 5)).isEqualTo("abc");
  }

  @Test
  void sanitizingMakesForeignTextStorable() {
    assertThat(TextPolicy.sanitize("  card\u0000declined\uD800 \r\n now\t", 100)).isEqualTo("card\uFFFDdeclined\uFFFD now");
    assertThat(TextPolicy.sanitize("😀😀😀", 2)).isEqualTo("😀😀");
    assertThat(TextPolicy.sanitize(" \n ", 10)).isEqualTo("?");
    String clean = TextPolicy.sanitize("a\u0085b\u009Bc", 10);
    assertThat(TextPolicy.violation(clean, Shape.KEY, 10)).isNull();
  }
}
