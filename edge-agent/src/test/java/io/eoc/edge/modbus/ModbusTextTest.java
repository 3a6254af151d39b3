package io.eoc.edge.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.edge.config.ModbusEndpoint.Order;
import io.eoc.edge.config.RegisterConfig.RegisterTable;
import org.junit.jupiter.api.Test;

class ModbusTextTest {
  @Test
  void theFirstCharacterIsTheHighByteUnlessTheByteOrderIsLittle() {
    int[] words = {('A' << 8) | 'B', ('C' << 8) | 'D'};
    assertThat(RegisterCodec.text(words, Order.BIG)).isEqualTo("ABCD");
    assertThat(RegisterCodec.text(words, Order.LITTLE)).isEqualTo("BADC");
  }

  @Test
  void textEndsAtTheFirstNulAndLosesItsTrailingSpaces() {
    assertThat(RegisterCodec.text(new int[] {('X' << 8) | ' ', (' ' << 8) | ' ', 0, ('Z' << 8) | 'Z'}, Order.BIG))
        .isEqualTo("X");
    assertThat(RegisterCodec.text(new int[] {0xC400}, Order.BIG)).isEqualTo("Ä");
  }

  @Test
  void aTextFieldIsOneReadOfRegisters() {
    assertThatThrownBy(() -> new ModbusText(RegisterTable.COIL, 0, 1, Order.BIG)).hasMessageContaining("not from coils");
    assertThatThrownBy(() -> ModbusText.holding(0, 126)).hasMessageContaining("1-125");
    assertThatThrownBy(() -> ModbusText.holding(65530, 10)).hasMessageContaining("do not fit");
  }
}
