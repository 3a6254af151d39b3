package io.eoc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void theHandWrittenCheckAgreesWithTheRegexOnEdgeCases() {
    String max = "a".repeat(Names.MAX_LENGTH);
    String[] cases = {null, "", "a", "0", "A.b_c:d-e", "-a", ".a", "_a", ":a", "a b", "a/b", "a+b", "é", "aé",
        "a\u0000", "a\n", max, max + "a", "boiler-1", "temp.out", "Zz09", "a..", "a--", "\uff21"};
    for (String c : cases) {
      assertThat(Names.isValid(c)).as("'%s'", c).isEqualTo(Names.matchesPattern(c));
    }
    assertThat(Names.isValid(max)).isTrue();
    assertThat(Names.isValid(max + "a")).isFalse();
  }

  @Test
  void theHandWrittenCheckAgreesWithTheRegexOnRandomStrings() {
    Random random = new Random(7);
    String alphabet = "Aaz09._:-/ +é\t\u0130\u212a";
    for (int i = 0; i < 50_000; i++) {
      int length = random.nextInt(Names.MAX_LENGTH + 3);
      StringBuilder b = new StringBuilder(length);
      for (int j = 0; j < length; j++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = b.toString();
      assertThat(Names.isValid(s)).as("'%s'", s).isEqualTo(Names.matchesPattern(s));
    }
  }

  @Test
  void requireNameSaysWhatIsWrong() {
    assertThatThrownBy(() -> Names.requireName("a b", "tag"))
        .hasMessageContaining("tag 'a b' is not a valid name").hasMessageContaining("A-Z a-z 0-9 . _ : -");
  }
}
