package io.eoc.sim.modbus;

import com.ghgande.j2mod.modbus.msg.ReadMEIResponse;
import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The response to Read Device Identification (function 43, MEI type 14, MODBUS Application
 * Protocol V1.1b3 §6.21). j2mod's {@link ReadMEIResponse} can be read by a master but always
 * claims conformity level 1 (basic, stream only) when written; this one writes the level it is
 * given, so the slave side can say "regular identification, stream and individual access".
 */
final class DeviceIdentificationResponse extends ReadMEIResponse {

  private final byte[] body;

  /**
   * @param readDeviceIdCode the code of the request (1 basic, 2 regular, 4 one object)
   * @param conformity the device's conformity level (0x82: regular, stream and individual)
   * @param objects object id → ASCII value, in id order; all fit one response
   */
  DeviceIdentificationResponse(int readDeviceIdCode, int conformity, Map<Integer, String> objects) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(14); // MEI type: Read Device Identification
    out.write(readDeviceIdCode);
    out.write(conformity);
    out.write(0); // more follows: no
    out.write(0); // next object id
    out.write(objects.size());
    objects.forEach((id, value) -> {
      byte[] text = value.getBytes(StandardCharsets.US_ASCII);
      out.write(id);
      out.write(text.length);
      out.writeBytes(text);
    });
    this.body = out.toByteArray();
    setDataLength(body.length);
  }

  @Override
  public byte[] getMessage() {
    return body.clone();
  }

  @Override
  public void writeData(DataOutput dout) throws IOException {
    dout.write(body);
  }
}
