package io.eoc.criteria.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  @Test
  void membersAreSortedAndThereIsNoWhitespace() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("zeta", 1);
    m.put("alpha", List.of(true, false));
    m.put("mid", Map.of("b", "x", "a", Optional.empty()));
    assertThat(CanonicalJson.write(m)).isEqualTo("{\"alpha\":[true,false],\"mid\":{\"a\":null,\"b\":\"x\"},\"zeta\":1}");
  }

  @Test
  void stringsEscapeOnlyQuotesBackslashesAndControlCharacters() {
    assertThat(CanonicalJson.write("a\"b\\c\n\u0001/é中</script>"))
        .isEqualTo("\"a\\\"b\\\\c\\n\\u0001/é中</script>\"");
  }

  @Test
  void numbersHaveOneTextEach() {
    assertThat(CanonicalJson.write(List.of(1.0, 3L, 0.1, 1e21, 2.5e-7, -0.0, 1e15, Double.NaN, OptionalDouble.of(12.5))))
        .isEqualTo("[1,3,0.1,1.0e21,2.5e-7,-0.0,1000000000000000,\"NaN\",12.5]");
  }

  @Test
  void parsingAndWritingAgainGivesTheSameBytes() {
    String text = CanonicalJson.write(Map.of("t", Instant.parse("2026-11-01T00:00:00Z"), "v", List.of(0.30000000000000004, 7, 1e300),
        "s", "锅炉 \"1\""));
    assertThat(CanonicalJson.write(CanonicalJson.parse(text))).isEqualTo(text);
    assertThat(CanonicalJson.write(CanonicalJson.normalise(Map.of("x", 2.0)))).isEqualTo("{\"x\":2}");
  }

  @Test
  void duplicateMembersAndTrailingTextAreRefused() {
    assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":1,\"a\":2}")).hasMessageContaining("Duplicate field 'a'");
    assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":1} x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void valuesWithoutAJsonFormAreRefusedByName() {
    assertThatThrownBy(() -> CanonicalJson.write(new Object())).hasMessageContaining("no canonical JSON for a java.lang.Object");
  }
}
