package io.eoc.edge.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ghgande.j2mod.modbus.procimg.SimpleDigitalIn;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import io.eoc.edge.config.DeviceConfig;
import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The four tables, data layouts and writes, against a j2mod slave serving a crafted image. */
class ModbusTablesTest {
  private TestSlave slave;

  @BeforeEach
  void start() throws Exception {
    slave = TestSlave.tcp();
  }

  @AfterEach
  void stop() {
    slave.close();
  }

  private DeviceConfig device(String layout, String registers) {
    return Devices.device("""
        id: crafted
        protocol: modbus-tcp
        host: 127.0.0.1
        port: %d
        timeout: 2s
        %s
        registers:
        %s
        """.formatted(slave.port, layout, registers));
  }

  private static Map<String, Double> values(List<Point> points) {
    assertThat(points).allSatisfy(p -> assertThat(p.quality()).isEqualTo(Quality.GOOD));
    return points.stream().collect(Collectors.toMap(Point::tag, Point::value));
  }

  @Test
  void coilsAndDiscreteInputsAreReadWithFunctionsOneAndTwoInOneRequestEach() throws Exception {
    slave.image.setDigitalOut(3, new SimpleDigitalOut(true));
    slave.image.setDigitalIn(40, new SimpleDigitalIn(true));
    DeviceConfig d = device("", """
          - {tag: c0, table: coil, address: 0}
          - {tag: c3, table: coil, address: 3, type: bool}
          - {tag: d39, table: discrete-input, address: 39}
          - {tag: d40, table: discrete-input, address: 40}
        """);
    try (ModbusTcpDriver driver = new ModbusTcpDriver(d, Clock.systemUTC())) {
      assertThat(values(driver.read())).containsExactlyInAnyOrderEntriesOf(Map.of("c0", 0.0, "c3", 1.0, "d39", 0.0, "d40", 1.0));
      assertThat(driver.requestsPerRead()).isEqualTo(2);
    }
  }

  @Test
  void bitsOfARegisterAreBoolTagsSharingOneRead() throws Exception {
    slave.holding(5, 0b1000_0000_0000_0101);
    DeviceConfig d = device("", """
          - {tag: b0, address: 5, type: bool, bit: 0}
          - {tag: b1, address: 5, type: bool, bit: 1}
          - {tag: b2, address: 5, type: bool, bit: 2}
          - {tag: b15, address: 5, type: bool, bit: 15}
        """);
    try (ModbusTcpDriver driver = new ModbusTcpDriver(d, Clock.systemUTC())) {
      assertThat(values(driver.read())).containsExactlyInAnyOrderEntriesOf(Map.of("b0", 1.0, "b1", 0.0, "b2", 1.0, "b15", 1.0));
      assertThat(driver.requestsPerRead()).isEqualTo(1);
    }
  }

  @Test
  void wordAndByteOrderArePerDevice() throws Exception {
    // 0x12345678 = 305419896 as int32, laid out four ways.
    slave.holding(0, 0x1234, 0x5678);
    slave.holding(2, 0x5678, 0x1234);
    slave.holding(4, 0x3412, 0x7856);
    slave.holding(6, 0x7856, 0x3412);
    String regs = """
          - {tag: at0, address: 0, type: int32}
          - {tag: at2, address: 2, type: int32}
          - {tag: at4, address: 4, type: int32}
          - {tag: at6, address: 6, type: int32}
        """;
    Map<String, String> expected = Map.of(
        "word-order: big\nbyte-order: big", "at0",
        "word-order: little\nbyte-order: big", "at2",
        "word-order: big\nbyte-order: little", "at4",
        "word-order: little\nbyte-order: little", "at6");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      String layout = e.getKey();
      try (ModbusTcpDriver driver = new ModbusTcpDriver(device(layout, regs), Clock.systemUTC())) {
        assertThat(values(driver.read())).as(e.getKey()).containsEntry(e.getValue(), 305419896.0);
      }
    }
  }

  @Test
  void int64Float64AndSignedTypesDecodeFromInputRegisters() throws Exception {
    long big = -1234567890123L;
    long dbl = Double.doubleToLongBits(-273.15);
    slave.input(0, words(big));
    slave.input(4, words(dbl));
    slave.input(8, 0xFFFE, 0xFFFF, 0xFFFF);
    DeviceConfig d = device("", """
          - {tag: i64, table: input, address: 0, type: int64}
          - {tag: f64, table: input, address: 4, type: float64}
          - {tag: i16, table: input, address: 8, type: int16, scale: 0.5, offset: 1}
          - {tag: u32, table: input, address: 9, type: uint32}
        """);
    try (ModbusTcpDriver driver = new ModbusTcpDriver(d, Clock.systemUTC())) {
      assertThat(values(driver.read())).containsExactlyInAnyOrderEntriesOf(Map.of(
          "i64", (double) big, "f64", -273.15, "i16", 0.0, "u32", 4294967295.0));
    }
  }

  private static int[] words(long v) {
    return new int[] {(int) (v >>> 48) & 0xFFFF, (int) (v >>> 32) & 0xFFFF, (int) (v >>> 16) & 0xFFFF, (int) v & 0xFFFF};
  }

  @Test
  void writesUseFunctionsFiveAndSixForSingleValuesAndSixteenForLongerOnes() throws Exception {
    DeviceConfig d = device("word-order: little", """
          - {tag: run, table: coil, address: 7}
          - {tag: set16, address: 10, type: int16, scale: 0.1}
          - {tag: set32, address: 12, type: float32}
        """);
    try (ModbusTcpDriver driver = new ModbusTcpDriver(d, Clock.systemUTC())) {
      driver.write("run", 1);
      driver.write("set16", -12.3);
      driver.write("set32", 1.5f);
      assertThat(slave.coil(7)).isTrue();
      assertThat((short) slave.holding(10)).isEqualTo((short) -123);
      int bits = Float.floatToIntBits(1.5f);
      assertThat(new int[] {slave.holding(12), slave.holding(13)}).containsExactly(bits & 0xFFFF, bits >>> 16);
      assertThat(values(driver.read())).containsExactlyInAnyOrderEntriesOf(Map.of("run", 1.0, "set16", -12.3, "set32", 1.5));
      assertThat(driver.stats().requests()).isEqualTo(1 + 3 + 2); // identification, 3 writes, 2 reads
    }
  }

  @Test
  void withMultipleWriteFunctionsACoilIsWrittenWithFunctionFifteenAndARegisterWithSixteen() throws Exception {
    DeviceConfig d = device("write-functions: multiple", """
          - {tag: run, table: coil, address: 9}
          - {tag: set16, address: 20, type: uint16}
        """);
    try (ModbusTcpDriver driver = new ModbusTcpDriver(d, Clock.systemUTC())) {
      driver.write("run", 1);
      driver.write("set16", 4321);
      assertThat(slave.coil(9)).isTrue();
      assertThat(slave.holding(20)).isEqualTo(4321);
      driver.write("run", 0);
      assertThat(slave.coil(9)).isFalse();
    }
  }

  @Test
  void writingAReadOnlyTableOrAValueThatDoesNotFitIsRefusedBeforeAnythingIsSent() throws Exception {
    DeviceConfig d = device("", """
          - {tag: in, table: input, address: 0}
          - {tag: small, address: 1, type: uint16}
          - {tag: flag, address: 2, type: bool, bit: 3}
        """);
    try (ModbusTcpDriver driver = new ModbusTcpDriver(d, Clock.systemUTC())) {
      assertThatThrownBy(() -> driver.write("in", 1)).hasMessageContaining("read-only");
      assertThatThrownBy(() -> driver.write("small", 70000)).hasMessageContaining("does not fit uint16");
      assertThatThrownBy(() -> driver.write("flag", 1)).hasMessageContaining("bit 3 of a register");
      assertThatThrownBy(() -> driver.write("nope", 1)).hasMessageContaining("no tag 'nope'");
      assertThat(driver.stats().requests()).isZero();
    }
  }

  @Test
  void rtuFramingOverTcpReadsAndWritesThroughASerialGateway() throws Exception {
    try (TestSlave gateway = TestSlave.rtuOverTcp()) {
      gateway.holding(0, 0x4049, 0x0FDB); // float32 pi
      DeviceConfig d = Devices.device("""
          id: behind-gateway
          protocol: modbus-rtu-tcp
          host: 127.0.0.1
          port: %d
          timeout: 2s
          registers:
            - {tag: pi, address: 0, type: float32}
            - {tag: set, address: 3, type: uint16}
          """.formatted(gateway.port));
      assertThat(d.modbus().toString()).startsWith("modbus-rtu-tcp://127.0.0.1:");
      try (ModbusTcpDriver driver = new ModbusTcpDriver(d, Clock.systemUTC())) {
        driver.write("set", 77);
        assertThat(values(driver.read()).get("pi")).isCloseTo(Math.PI, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(gateway.holding(3)).isEqualTo(77);
      }
    }
  }
}
