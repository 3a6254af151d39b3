package io.eoc.edge.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.edge.config.ModbusEndpoint.Order;
import io.eoc.edge.config.RegisterConfig;
import io.eoc.edge.config.RegisterConfig.RegisterTable;
import io.eoc.edge.config.RegisterType;
import org.junit.jupiter.api.Test;

class RegisterCodecTest {
  private static RegisterConfig reg(RegisterType type) {
    return new RegisterConfig("t", RegisterTable.HOLDING, 0, type, 1, 0, "");
  }

  @Test
  void everyTypeRoundTripsInEveryWordAndByteOrder() {
    double[][] cases = {{-2}, {65535}, {-2_000_000_000}, {4_000_000_000.0}, {1.5}, {-1234567890123L}, {Math.E}};
    RegisterType[] types = {RegisterType.INT16, RegisterType.UINT16, RegisterType.INT32, RegisterType.UINT32,
        RegisterType.FLOAT32, RegisterType.INT64, RegisterType.FLOAT64};
    for (Order words : Order.values()) {
      for (Order bytes : Order.values()) {
        RegisterCodec codec = new RegisterCodec(words, bytes);
        for (int i = 0; i < types.length; i++) {
          RegisterConfig r = reg(types[i]);
          assertThat(codec.decode(r, codec.encode(r, cases[i][0]), 0)).as(types[i] + " " + words + "/" + bytes)
              .isEqualTo(cases[i][0]);
        }
      }
    }
  }

  @Test
  void littleWordOrderPutsTheLowWordFirstAndLittleByteOrderSwapsEachWord() {
    RegisterConfig int64 = reg(RegisterType.INT64);
    // Below 2^53, so that the double carrying the value is exact.
    long value = 0x0011_2233_4455_6677L;
    int[] image = {0x7766, 0x5544, 0x3322, 0x1100};
    assertThat(new RegisterCodec(Order.LITTLE, Order.LITTLE).decode(int64, image, 0)).isEqualTo((double) value);
    assertThat(new RegisterCodec(Order.LITTLE, Order.BIG).encode(int64, value))
        .containsExactly(0x6677, 0x4455, 0x2233, 0x0011);
  }

  @Test
  void aBoolReadsItsBitAndAValueOutsideTheTypeIsRefused() {
    RegisterConfig bit4 = new RegisterConfig("b", RegisterTable.INPUT, 0, RegisterType.BOOL, 1, 0, "",
        io.eoc.edge.filter.FilterConfig.ANALOG, 4);
    assertThat(new RegisterCodec(Order.BIG, Order.BIG).decode(bit4, new int[] {0x0010}, 0)).isEqualTo(1.0);
    assertThat(new RegisterCodec(Order.BIG, Order.LITTLE).decode(bit4, new int[] {0x1000}, 0)).isEqualTo(1.0);
    assertThatThrownBy(() -> new RegisterCodec(Order.BIG, Order.BIG).encode(reg(RegisterType.INT16), 40000))
        .hasMessageContaining("does not fit int16");
  }
}
