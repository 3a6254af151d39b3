package io.eoc.edge.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.config.ConfigException;
import io.eoc.edge.config.AgentConfigLoader;
import io.eoc.edge.config.DeviceConfig;
import io.eoc.edge.config.ModbusEndpoint;
import io.eoc.edge.config.RegisterConfig;
import io.eoc.edge.config.RegisterConfig.RegisterTable;
import io.eoc.edge.config.RegisterType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Modbus fields of the agent YAML: transports, layout, tables, bits, and their errors. */
class ModbusConfigTest {
  private static final String HEAD = """
      agent: {id: a}
      cloud: {url: "tcp://127.0.0.1:1883"}
      devices:
      """;

  @Test
  void newFieldsBindWithTheirDefaults() {
    DeviceConfig d = Devices.device("""
        id: gw-3
        protocol: modbus-rtu-tcp
        host: 10.0.0.9
        port: 4001
        unit-id: 3
        word-order: little
        byte-order: little
        max-gap: 20
        registers:
          - {tag: alarm, table: discrete-input, address: 100}
          - {tag: pump, table: coil, address: 4}
          - {tag: door, table: input, address: 8, type: bool, bit: 15}
        """);
    ModbusEndpoint e = d.modbus();
    assertThat(e.transport()).isEqualTo(ModbusEndpoint.Transport.RTU_OVER_TCP);
    assertThat(e.wordOrder()).isEqualTo(ModbusEndpoint.Order.LITTLE);
    assertThat(e.byteOrder()).isEqualTo(ModbusEndpoint.Order.LITTLE);
    assertThat(e.maxGap()).isEqualTo(20);
    assertThat(e.multipleWrites()).isFalse();
    assertThat(d.registers()).extracting(RegisterConfig::table, RegisterConfig::type, RegisterConfig::bit).containsExactly(
        org.assertj.core.groups.Tuple.tuple(RegisterTable.DISCRETE_INPUT, RegisterType.BOOL, RegisterConfig.NO_BIT),
        org.assertj.core.groups.Tuple.tuple(RegisterTable.COIL, RegisterType.BOOL, RegisterConfig.NO_BIT),
        org.assertj.core.groups.Tuple.tuple(RegisterTable.INPUT, RegisterType.BOOL, 15));

    ModbusEndpoint plain = Devices.device("""
        id: plain
        host: 127.0.0.1
        registers: [{tag: p, address: 0}]
        """).modbus();
    assertThat(plain).isEqualTo(new ModbusEndpoint("127.0.0.1", 502, 1, java.time.Duration.ofSeconds(1)));
  }

  @Test
  void everyMistakeInTheNewFieldsIsReportedWithFileAndLine() {
    assertThatThrownBy(() -> AgentConfigLoader.parse("agent.yaml", HEAD + """
          - id: d1
            protocol: modbus-rtu
            host: 127.0.0.1
            serial: {port: /dev/ttyS0, parity: mark, stop-bits: 3}
            word-order: middle
            registers:
              - {tag: name, address: 0, type: string}
              - {tag: c, table: coil, address: 0, type: uint16}
              - {tag: b, address: 1, type: bool}
              - {tag: x, address: 2, type: int16, bit: 3}
          - id: d2
            protocol: modbus-tcp
            host: 127.0.0.1
            serial: {port: /dev/ttyS0}
            max-gap: -1
            registers: [{tag: p, address: 0}]
        """, Path.of("."))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("agent.yaml:6:11: devices[0].host: not used by modbus-rtu (a serial line): set 'serial' instead")
        .hasMessageContaining("agent.yaml:7:40: devices[0].serial.parity: unknown value 'mark'; allowed: ")
        .hasMessageContaining("agent.yaml:7:57: devices[0].serial.stop-bits: value 3 is out of range; allowed: 1 to 2")
        .hasMessageContaining("agent.yaml:8:17: devices[0].word-order: unknown value 'middle'; allowed: ")
        .hasMessageContaining("agent.yaml:10:39: devices[0].registers[0].type: a string cannot be a point")
        .hasMessageContaining("agent.yaml:11:49: devices[0].registers[1].type: a coil is one bit: its type is bool, found 'uint16'")
        .hasMessageContaining("agent.yaml:12:9: devices[0].registers[2]: a bool in a holding register needs 'bit: 0..15'")
        .hasMessageContaining("agent.yaml:13:48: devices[0].registers[3].bit: 'bit' picks one bit")
        .hasMessageContaining("agent.yaml:17:13: devices[1].serial: only modbus-rtu uses a serial line")
        .hasMessageContaining("agent.yaml:18:14: devices[1].max-gap: value -1 is out of range; allowed: 0 to 2000");
  }

  @Test
  void aSerialDeviceNeedsItsPort() {
    assertThatThrownBy(() -> AgentConfigLoader.parse("agent.yaml", HEAD + """
          - id: d1
            protocol: modbus-rtu
            registers: [{tag: p, address: 0}]
        """, Path.of("."))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("agent.yaml:4:5: devices[0].serial: missing section");
  }
}
