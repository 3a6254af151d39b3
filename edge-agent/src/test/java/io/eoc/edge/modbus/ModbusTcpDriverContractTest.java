package io.eoc.edge.modbus;

import io.eoc.edge.DeviceDriver;
import io.eoc.edge.DeviceDriverContract;
import io.eoc.sim.model.MotorModel;
import io.eoc.sim.modbus.ModbusEquipmentServer;
import io.eoc.sim.modbus.ServedDevice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class ModbusTcpDriverContractTest extends DeviceDriverContract {
  private ModbusEquipmentServer server;
  private ServedDevice motor;

  @BeforeEach
  void start() throws Exception {
    server = ModbusEquipmentServer.start(ModbusEquipmentServer.Options.of("contract"), List.of(
        new ModbusEquipmentServer.Unit("motor-1", 1, new MotorModel(1, Instant.parse("2024-06-21T04:00:00Z")),
            Duration.ofMillis(50))));
    motor = server.device(1);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Override
  protected DeviceDriver liveDriver() {
    return new ModbusTcpDriver(ModbusDriverSimulatorTest.configOf(motor, "2s", ""), Clock.systemUTC());
  }

  @Override
  protected List<String> configuredTags() {
    return motor.map().registers().stream().map(r -> r.name()).toList();
  }

  @Override
  protected DeviceDriver driverWithOneBadTag() {
    // Far beyond the motor's registers: its own request, answered with exception 2.
    return new ModbusTcpDriver(Devices.device("""
        id: motor-1
        host: 127.0.0.1
        port: %d
        timeout: 2s
        registers:
        %s
          - {tag: beyond, address: 9000, type: uint16}
        """.formatted(motor.port(), ModbusDriverSimulatorTest.registersOf(motor))), Clock.systemUTC());
  }

  @Override
  protected String badTag() {
    return "beyond";
  }

  @Override
  protected DeviceDriver unreachableDriver() throws Exception {
    return new ModbusTcpDriver(Devices.device("""
        id: nobody
        host: 127.0.0.1
        port: %d
        timeout: 300ms
        registers: [{tag: p, address: 0}]
        """.formatted(Devices.freePort())), Clock.systemUTC());
  }
}
