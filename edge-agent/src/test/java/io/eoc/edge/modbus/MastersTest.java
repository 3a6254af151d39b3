package io.eoc.edge.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.net.AbstractSerialConnection;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import io.eoc.edge.config.DeviceConfig;
import java.io.IOException;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** RTU on a serial line: no hardware here, so the settings and the failure path only. */
class MastersTest {
  private static final String SERIAL_DEVICE = """
      id: meter
      protocol: modbus-rtu
      unit-id: 7
      serial: {port: /dev/eoc-no-such-port, baud: 19200, parity: none, data-bits: 8, stop-bits: 2}
      registers:
        - {tag: energy, address: 0, type: uint32}
      """;

  @Test
  void serialSettingsBecomeJ2modRtuParametersWithJSerialCommConstants() {
    DeviceConfig d = Devices.device(SERIAL_DEVICE);
    assertThat(d.modbus().toString()).isEqualTo("modbus-rtu:///dev/eoc-no-such-port@19200-8N2/7");
    SerialParameters p = Masters.serialParameters(d.modbus().serial().orElseThrow());
    assertThat(p.getPortName()).isEqualTo("/dev/eoc-no-such-port");
    assertThat(p.getBaudRate()).isEqualTo(19200);
    assertThat(p.getDatabits()).isEqualTo(8);
    assertThat(p.getStopbits()).isEqualTo(AbstractSerialConnection.TWO_STOP_BITS);
    assertThat(p.getParity()).isEqualTo(AbstractSerialConnection.NO_PARITY);
    assertThat(p.getEncoding()).isEqualTo(Modbus.SERIAL_ENCODING_RTU);
  }

  @Test
  void theSerialDefaultIsEvenParityEightDataBitsOneStopBit() {
    DeviceConfig d = Devices.device(SERIAL_DEVICE.replace(", baud: 19200, parity: none, data-bits: 8, stop-bits: 2", ""));
    SerialParameters p = Masters.serialParameters(d.modbus().serial().orElseThrow());
    assertThat(p.getBaudRate()).isEqualTo(9600);
    assertThat(p.getParity()).isEqualTo(AbstractSerialConnection.EVEN_PARITY);
    assertThat(p.getStopbits()).isEqualTo(AbstractSerialConnection.ONE_STOP_BIT);
  }

  @Test
  void aMissingSerialPortIsAnIOExceptionNamingIt() {
    try (ModbusTcpDriver driver = new ModbusTcpDriver(Devices.device(SERIAL_DEVICE), Clock.systemUTC())) {
      assertThatThrownBy(driver::read).isInstanceOf(IOException.class).hasMessageContaining("/dev/eoc-no-such-port");
    }
  }
}
