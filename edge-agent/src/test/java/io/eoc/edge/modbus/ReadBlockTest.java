package io.eoc.edge.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.edge.config.RegisterConfig;
import io.eoc.edge.config.RegisterConfig.RegisterTable;
import io.eoc.edge.config.RegisterType;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReadBlockTest {
  private static RegisterConfig reg(String tag, int address, RegisterType type) {
    return new RegisterConfig(tag, RegisterTable.HOLDING, address, type, 1, 0, "");
  }

  @Test
  void adjacentAndNearAdjacentRegistersShareOneRequest() {
    List<ReadBlock> plan = ReadBlock.plan(List.of(reg("a", 0, RegisterType.UINT16),
        reg("b", 2, RegisterType.FLOAT32), reg("c", 10, RegisterType.INT16), reg("d", 100, RegisterType.INT16)), 8);
    assertThat(plan).extracting(ReadBlock::start, ReadBlock::count)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 11), org.assertj.core.groups.Tuple.tuple(100, 1));
  }

  @Test
  void requestsNeverExceed125Registers() {
    List<RegisterConfig> regs = IntStream.range(0, 300).mapToObj(i -> reg("t" + i, i, RegisterType.UINT16)).toList();
    List<ReadBlock> plan = ReadBlock.plan(regs, 8);
    assertThat(plan).allSatisfy(b -> assertThat(b.count()).isLessThanOrEqualTo(125));
    assertThat(plan.stream().mapToInt(b -> b.registers().size()).sum()).isEqualTo(300);
    assertThat(plan).hasSize(3);
  }

  @Test
  void holdingAndInputRegistersAreNeverMixed() {
    RegisterConfig input = new RegisterConfig("i", RegisterTable.INPUT, 1, RegisterType.UINT16, 1, 0, "");
    List<ReadBlock> plan = ReadBlock.plan(List.of(reg("h", 0, RegisterType.UINT16), input), 8);
    assertThat(plan).extracting(ReadBlock::table).containsExactly(RegisterTable.HOLDING, RegisterTable.INPUT);
  }

  @Test
  void coilsAreCoalescedUpTo2000BitsPerRequest() {
    List<RegisterConfig> coils = IntStream.range(0, 2500)
        .mapToObj(i -> new RegisterConfig("c" + i, RegisterTable.COIL, i, RegisterType.BOOL, 1, 0, "")).toList();
    assertThat(ReadBlock.plan(coils, 8)).extracting(ReadBlock::start, ReadBlock::count)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 2000), org.assertj.core.groups.Tuple.tuple(2000, 500));
  }

  @Test
  void theMaximumGapIsConfigurable() {
    List<RegisterConfig> regs = List.of(reg("a", 0, RegisterType.UINT16), reg("b", 5, RegisterType.UINT16));
    // Registers 1-4 are unused: a gap of 4.
    assertThat(ReadBlock.plan(regs, 3)).hasSize(2);
    assertThat(ReadBlock.plan(regs, 4)).singleElement().satisfies(b -> assertThat(b.count()).isEqualTo(6));
    assertThat(ReadBlock.plan(List.of(reg("a", 0, RegisterType.UINT16), reg("b", 1, RegisterType.UINT16)), 0)).hasSize(1);
  }

  @Test
  void boolTagsOnBitsOfOneRegisterShareIt() {
    List<RegisterConfig> bits = IntStream.range(0, 16).mapToObj(i -> new RegisterConfig("b" + i, RegisterTable.HOLDING, 7,
        RegisterType.BOOL, 1, 0, "", io.eoc.edge.filter.FilterConfig.ANALOG, i)).toList();
    assertThat(ReadBlock.plan(bits, 0)).singleElement().satisfies(b -> {
      assertThat(b.start()).isEqualTo(7);
      assertThat(b.count()).isEqualTo(1);
      assertThat(b.registers()).hasSize(16);
    });
  }
}
