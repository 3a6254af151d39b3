package io.eoc.sim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ModelsTest {

  @Test
  void theKindsCoverEveryCategoryOfTheGuideline() {
    assertThat(Models.types()).extracting(ModelType::category).contains(Category.HIGH_ENERGY,
        Category.POWER, Category.NEW_ENERGY, Category.INTELLIGENT);
    assertThat(Models.kinds()).containsExactly("industrial-boiler", "motor", "air-compressor",
        "diesel-generator", "wind-turbine", "pv-inverter", "cnc-machine", "excavator");
  }

  @Test
  void anUnknownKindIsRefusedNamingTheKnownOnes() {
    assertThatThrownBy(() -> Models.create("blast-furnace", 1, Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll("unknown model kind 'blast-furnace'", "wind-turbine");
  }

  @Test
  void simulatedDevicesIdentifyThemselvesAsSimulated() {
    EquipmentModel wind = Models.create("wind-turbine", 1, Instant.EPOCH);
    DeviceIdentity identity = DeviceIdentity.of(wind, "wind-1");
    assertThat(identity.simulated()).isTrue();
    assertThat(identity.vendorName()).isEqualTo("eoc simulator");
    assertThat(identity.productCode()).isEqualTo("wind-turbine");
    assertThat(identity.productName()).isEqualTo("simulated 2 MW wind turbine");
    assertThat(identity.userApplicationName()).isEqualTo("wind-1");
  }
}
