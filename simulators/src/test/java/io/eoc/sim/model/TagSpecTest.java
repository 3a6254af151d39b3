package io.eoc.sim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TagSpecTest {

  @Test
  void invalidSpecsAreReportedTogether() {
    assertThatThrownBy(() -> new TagSpec("bad name", "", TagKind.STATE, 0, 0.5, 0.1, false, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll("name must be", "whole-number bounds");
    assertThatThrownBy(() -> TagSpec.analog("p", "MPa", 2, 1, 0.01))
        .hasMessageContaining("min < max");
    assertThatThrownBy(() -> TagSpec.analog("p", "MPa", 0, 1, 0))
        .hasMessageContaining("resolution must be positive");
  }

  @Test
  void aRangeIsWrittenWithoutTrailingZeros() {
    assertThat(TagSpec.analog("power", "kW", 0, 2000, 1).range()).isEqualTo("0 to 2000 kW");
    assertThat(TagSpec.analog("p", "MPa", 0.55, 0.85, 0.001).range()).isEqualTo("0.55 to 0.85 MPa");
    assertThat(TagSpec.state("running", 1, "").range()).isEqualTo("0 to 1");
  }

  @Test
  void namesFollowTheWireRule() {
    assertThat(TagSpec.isValidName("steam_pressure")).isTrue();
    assertThat(TagSpec.isValidName("a.b:c-d")).isTrue();
    assertThat(TagSpec.isValidName("-x")).isFalse();
    assertThat(TagSpec.isValidName("with space")).isFalse();
    assertThat(TagSpec.isValidName(null)).isFalse();
  }
}
