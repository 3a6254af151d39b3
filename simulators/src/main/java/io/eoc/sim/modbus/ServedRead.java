package io.eoc.sim.modbus;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One register read the simulator answered: what a correct agent must have received.
 *
 * @param servedAt when the response was built, from the server's clock, truncated to microseconds
 * @param deviceId the simulated device
 * @param unitId Modbus unit id the read addressed
 * @param firstRegister first register of the read
 * @param values engineering values of the tags the read covered completely, by tag name
 */
public record ServedRead(
    Instant servedAt, String deviceId, int unitId, int firstRegister, Map<String, Double> values) {

  public ServedRead {
    Objects.requireNonNull(servedAt, "servedAt");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(values, "values");
    if (unitId < 0 || unitId > 255) {
      throw new IllegalArgumentException("unitId must be 0-255: " + unitId);
    }
    if (firstRegister < 0 || firstRegister > 0xFFFF) {
      throw new IllegalArgumentException("firstRegister must be 0-65535: " + firstRegister);
    }
    // Keeps address order (tests print it) while staying immutable.
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
