package io.eoc.sim.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import io.eoc.sim.boiler.BoilerState;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModbusTcpSlaveTest {

  private static final int UNIT = 1;
  private static final BoilerState ANY_STATE =
      new BoilerState(Duration.ZERO, true, 0.7, 500, 6.7, 1.25, 191.0);

  private final AtomicReference<RegisterSnapshot> current = new AtomicReference<>(uniform(0));
  private final AtomicInteger served = new AtomicInteger();
  private ModbusTcpSlave slave;

  /** A snapshot whose 7 registers all hold {@code n}: any mix of two snapshots is visible. */
  private static RegisterSnapshot uniform(int n) {
    short[] words = new short[7];
    Arrays.fill(words, (short) n);
    return new RegisterSnapshot(words, Instant.EPOCH, ANY_STATE);
  }

  private void open() throws Exception {
    slave = ModbusTcpSlave.open(new InetSocketAddress("127.0.0.1", 0), UNIT,
        new SnapshotProcessImage(current::get, (first, words) -> served.incrementAndGet()),
        "slave-test");
  }

  @AfterEach
  void closeSlave() {
    if (slave != null) {
      slave.close();
    }
  }

  @Test
  void multiRegisterReadsAreNeverTornWhileSnapshotsArePublishedConcurrently() throws Exception {
    open();
    AtomicBoolean publishing = new AtomicBoolean(true);
    AtomicInteger published = new AtomicInteger();
    Thread publisher = new Thread(() -> {
      while (publishing.get()) {
        current.set(uniform(published.incrementAndGet() & 0x7FFF));
      }
    }, "publisher");
    publisher.start();
    try (TestMaster master = TestMaster.connect(slave.port())) {
      for (int i = 0; i < 1_000; i++) {
        short[] words = i % 2 == 0 ? master.readHolding(UNIT, 0, 7) : master.readInput(UNIT, 0, 7);
        assertThat(words).as("read %d", i).containsOnly(words[0]);
      }
    } finally {
      publishing.set(false);
      publisher.join(5_000);
    }
    assertThat(published.get()).as("publisher really raced the reads").isGreaterThan(1_000);
    assertThat(served.get()).isEqualTo(1_000);
  }

  @Test
  void readingBeyondTheImageIsAnIllegalDataAddress() throws Exception {
    open();
    try (TestMaster master = TestMaster.connect(slave.port())) {
      assertThatThrownBy(() -> master.readHolding(UNIT, 5, 3))
          .isInstanceOfSatisfying(ModbusSlaveException.class,
              e -> assertThat(e.getType()).isEqualTo(Modbus.ILLEGAL_ADDRESS_EXCEPTION));
      assertThat(master.readHolding(UNIT, 5, 2)).hasSize(2);
    }
    assertThat(served.get()).isEqualTo(1);
  }

  @Test
  void anotherUnitIdIsAnsweredAsAnAbsentGatewayTarget() throws Exception {
    open();
    try (TestMaster master = TestMaster.connect(slave.port())) {
      assertThatThrownBy(() -> master.readHolding(UNIT + 1, 0, 7))
          .isInstanceOfSatisfying(ModbusSlaveException.class, e -> assertThat(e.getType())
              .isEqualTo(ModbusTcpSlave.GATEWAY_TARGET_FAILED_TO_RESPOND));
      assertThat(master.readHolding(UNIT, 0, 7)).hasSize(7);
    }
  }
}
