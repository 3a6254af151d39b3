package io.eoc.sim.opcua;

import java.util.Map;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;

/**
 * EUInformation for a model's unit: the UNECE Recommendation 20 code where one is known, encoded
 * as OPC UA Part 8 §5.6.3 prescribes (each of up to three code characters shifted into the UnitId);
 * otherwise UnitId -1 and the unit as display name.
 */
final class EngineeringUnits {
  static final String UNECE = "http://www.opcfoundation.org/UA/units/un/cefact";

  private static final Map<String, String> CODES = Map.ofEntries(
      Map.entry("°C", "CEL"), Map.entry("kW", "KWT"), Map.entry("kWh", "KWH"),
      Map.entry("°", "DD"), Map.entry("rpm", "RPM"), Map.entry("MPa", "MPA"),
      Map.entry("%", "P1"), Map.entry("h", "HUR"), Map.entry("L/h", "E32"),
      Map.entry("s", "SEC"), Map.entry("m³/min", "G53"), Map.entry("m/s", "MTS"),
      Map.entry("kV", "KVT"), Map.entry("W/m²", "D54"), Map.entry("V", "VLT"),
      Map.entry("Hz", "HTZ"), Map.entry("A", "AMP"));

  private EngineeringUnits() {}

  static EUInformation of(String unit) {
    String code = CODES.get(unit);
    return new EUInformation(code == null ? "" : UNECE, code == null ? -1 : unitId(code),
        LocalizedText.english(unit), LocalizedText.english(unit));
  }

  static int unitId(String code) {
    int id = 0;
    for (char c : code.toCharArray()) {
      id = (id << 8) | c;
    }
    return id;
  }
}
