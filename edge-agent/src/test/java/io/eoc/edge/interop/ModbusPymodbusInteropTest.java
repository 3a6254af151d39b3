package io.eoc.edge.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.edge.config.AgentConfigLoader;
import io.eoc.edge.config.DeviceConfig;
import io.eoc.edge.config.ModbusEndpoint.Order;
import io.eoc.edge.modbus.ModbusIdentity;
import io.eoc.edge.modbus.ModbusTcpDriver;
import io.eoc.edge.modbus.ModbusText;
import io.eoc.edge.modbus.ReadRefusedException;
import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Modbus driver against pymodbus (Debian python3-pymodbus 3.0), a Modbus TCP server written
 * by others: {@code src/test/interop/modbus-server/pymodbus_server.py} lays out the values with
 * Python's struct module and prints every write with its function code.
 */
class ModbusPymodbusInteropTest {
  private static final Path SERVER = Path.of("src/test/interop/modbus-server/pymodbus_server.py");
  private static ExternalPeer server;
  private static int port;

  @BeforeAll
  static void startPymodbus() throws Exception {
    String python = Tools.require(Tools.firstWorking(List.of("/usr/bin/python3", "python3"), "-c", "import pymodbus.server"),
        "pymodbus (Python 3)", "apt-get install python3-pymodbus python3-serial-asyncio");
    port = ExternalPeer.freePort();
    server = ExternalPeer.start("pymodbus", List.of(python, SERVER.toString(), String.valueOf(port)), port,
        Duration.ofSeconds(20));
  }

  @AfterAll
  static void stopPymodbus() {
    if (server != null) {
      server.close();
    }
  }

  private static ModbusTcpDriver driver(String extra, String registers) {
    DeviceConfig device = AgentConfigLoader.parse("interop.yaml", """
        agent: {id: interop}
        cloud: {url: "tcp://127.0.0.1:1883"}
        devices:
          - id: pymodbus
            protocol: modbus-tcp
            category: other
            host: 127.0.0.1
            port: %d
            timeout: 2s
        %s
            registers:
        %s
        """.formatted(port, extra.indent(4), registers.indent(6)), Path.of(".")).devices().get(0);
    return new ModbusTcpDriver(device, Clock.systemUTC());
  }

  private static Map<String, Double> goodValues(List<Point> points) {
    assertThat(points).allSatisfy(p -> assertThat(p.quality()).as(p.tag()).isEqualTo(Quality.GOOD));
    return points.stream().collect(Collectors.toMap(Point::tag, Point::value));
  }

  @Test
  void readsEveryTableAndTypeInTheModbusWordOrder() throws Exception {
    try (ModbusTcpDriver driver = driver("", """
        - {tag: i16, address: 0, type: int16}
        - {tag: u16, address: 1, type: uint16}
        - {tag: i32, address: 2, type: int32}
        - {tag: f32, address: 4, type: float32}
        - {tag: u32, address: 6, type: uint32}
        - {tag: bit0, address: 14, type: bool, bit: 0}
        - {tag: bit1, address: 14, type: bool, bit: 1}
        - {tag: bit2, address: 14, type: bool, bit: 2}
        - {tag: bit15, address: 14, type: bool, bit: 15}
        - {tag: in_i16, table: input, address: 0, type: int16, scale: 0.1}
        - {tag: in_f32, table: input, address: 1, type: float32}
        - {tag: in_u32, table: input, address: 3, type: uint32}
        - {tag: coil0, table: coil, address: 0}
        - {tag: coil1, table: coil, address: 1}
        - {tag: coil3, table: coil, address: 3}
        - {tag: di0, table: discrete-input, address: 0}
        - {tag: di1, table: discrete-input, address: 1}
        - {tag: di7, table: discrete-input, address: 7}
        """)) {
      Map<String, Double> values = goodValues(driver.read());

      assertThat(values).containsAllEntriesOf(Map.of("i16", -1234.0, "u16", 54321.0, "i32", -123456789.0,
          "f32", 3.25, "u32", 4_000_000_000.0, "bit0", 1.0, "bit1", 0.0, "bit2", 1.0, "bit15", 1.0));
      assertThat(values).containsAllEntriesOf(Map.of("in_i16", -0.7000000000000001, "in_f32", (double) 101.325f,
          "in_u32", 123456.0, "coil0", 1.0, "coil1", 0.0, "coil3", 1.0, "di0", 0.0, "di1", 1.0, "di7", 1.0));
      assertThat(driver.requestsPerRead()).isEqualTo(4);
    }
  }

  @Test
  void readsThirtyTwoBitValuesWithTheLowWordFirst() throws Exception {
    try (ModbusTcpDriver driver = driver("word-order: little", """
        - {tag: i32, address: 8, type: int32}
        - {tag: f32, address: 10, type: float32}
        - {tag: u32, address: 12, type: uint32}
        """)) {
      assertThat(goodValues(driver.read())).isEqualTo(Map.of("i32", -123456789.0, "f32", -1.5e6, "u32", 4_000_000_000.0));
    }
  }

  @Test
  void readsTheIdentityThatPymodbusServesWithFunction43() throws Exception {
    try (ModbusTcpDriver driver = driver("", "- {tag: u16, address: 1}")) {
      driver.read();
      assertThat(driver.identity()).contains(new ModbusIdentity("pymodbus", "PM", "3.0.0"));
    }
  }

  @Test
  void anExceptionResponseMakesOnlyThePointsOfThatRequestBad() throws Exception {
    try (ModbusTcpDriver driver = driver("", """
        - {tag: inside, address: 1}
        - {tag: unmapped, address: 200}
        - {tag: unmapped_input, table: input, address: 60}
        """)) {
      Map<String, Quality> quality = driver.read().stream().collect(Collectors.toMap(Point::tag, Point::quality));
      List<Point> again = driver.read();

      // pymodbus answers exception 2 (illegal data address): the configuration does not match the device.
      assertThat(quality).isEqualTo(Map.of("inside", Quality.GOOD, "unmapped", Quality.BAD_CONFIG,
          "unmapped_input", Quality.BAD_CONFIG));
      assertThat(again).filteredOn(p -> p.tag().equals("inside")).singleElement()
          .satisfies(p -> assertThat(p.value()).isEqualTo(54321.0));
      assertThat(driver.stats().exceptionResponses()).isEqualTo(4);
      assertThat(driver.stats().connects()).isEqualTo(1);
    }
  }

  @Test
  void writesWithFunctions5And6AndReadsTheValuesBack() throws Exception {
    try (ModbusTcpDriver driver = driver("", """
        - {tag: setpoint, address: 40, type: int16, scale: 0.1}
        - {tag: limit, address: 41, type: float32}
        - {tag: run, table: coil, address: 8}
        """)) {
      driver.write("setpoint", -12.3);
      driver.write("limit", 87.5);
      driver.write("run", 1);

      assertThat(goodValues(driver.read())).isEqualTo(Map.of("setpoint", -12.3, "limit", 87.5, "run", 1.0));
      assertThat(server.output()).contains("write fc=6 address=40 values=[65413]", "write fc=16 address=41 values=[17071, 0]",
          "write fc=5 address=8 values=[True]");
    }
  }

  @Test
  void writesWithFunctions15And16WhenTheDeviceAsksForMultipleWrites() throws Exception {
    try (ModbusTcpDriver driver = driver("write-functions: multiple", """
        - {tag: speed, address: 50, type: uint16}
        - {tag: enable, table: coil, address: 9}
        """)) {
      driver.write("speed", 1450);
      driver.write("enable", 1);

      assertThat(goodValues(driver.read())).isEqualTo(Map.of("speed", 1450.0, "enable", 1.0));
      assertThat(server.output()).contains("write fc=16 address=50 values=[1450]", "write fc=15 address=9 values=[True]");
    }
  }

  @Test
  void readsTextInEitherByteOrder() throws Exception {
    try (ModbusTcpDriver driver = driver("", "- {tag: u16, address: 1}")) {
      assertThat(driver.readText(ModbusText.holding(20, 10))).isEqualTo("PYMODBUS-TEST-0042");
      assertThat(driver.readText(ModbusText.holding(30, 6).withByteOrder(Order.LITTLE))).isEqualTo("SN 7Y-1234");
      assertThatThrownBy(() -> driver.readText(ModbusText.holding(95, 10)))
          .isInstanceOfSatisfying(ReadRefusedException.class, e -> assertThat(e.exceptionCode()).isEqualTo(2));
    }
  }
}
