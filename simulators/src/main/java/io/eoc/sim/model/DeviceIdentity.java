package io.eoc.sim.model;

import java.util.Objects;

/**
 * How a simulated device identifies itself: over Modbus as the objects of Read Device
 * Identification (function 43 / MEI 14, MODBUS Application Protocol V1.1b3 §6.21), so that an
 * agent or an auditor can tell simulated equipment from real equipment.
 *
 * @param vendorName object 0x00, always {@value #VENDOR}
 * @param productCode object 0x01, the model kind ("wind-turbine")
 * @param revision object 0x02, the simulator's revision
 * @param vendorUrl object 0x03
 * @param productName object 0x04, what the equipment is
 * @param modelName object 0x05, the model kind again with the category
 * @param userApplicationName object 0x06, the device id in the plant
 */
public record DeviceIdentity(String vendorName, String productCode, String revision,
    String vendorUrl, String productName, String modelName, String userApplicationName) {

  public static final String VENDOR = "eoc simulator";
  public static final String REVISION = "0.1.0";
  /** Not a web address: a name that says where the device comes from. */
  public static final String URL = "urn:eoc:simulator";

  public DeviceIdentity {
    Objects.requireNonNull(vendorName, "vendorName");
    Objects.requireNonNull(productCode, "productCode");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(vendorUrl, "vendorUrl");
    Objects.requireNonNull(productName, "productName");
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(userApplicationName, "userApplicationName");
  }

  /** The identity of {@code model} serving as {@code deviceId}. */
  public static DeviceIdentity of(EquipmentModel model, String deviceId) {
    // Objects are ASCII (§6.21); the Chinese name in parentheses is left out.
    String product = Models.type(model.kind()).map(ModelType::description)
        .map(d -> d.replaceAll("\\s*\\([^)]*\\)$", "")).orElse(model.kind());
    return new DeviceIdentity(VENDOR, model.kind(), REVISION, URL, "simulated " + product,
        model.kind() + " (" + model.category().id() + ")", deviceId);
  }

  /** Whether this identity says "simulated": every identity made here does. */
  public boolean simulated() {
    return VENDOR.equals(vendorName);
  }
}
