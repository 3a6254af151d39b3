package io.eoc.edge.modbus;

import io.eoc.edge.config.RegisterConfig;
import io.eoc.edge.config.RegisterConfig.RegisterTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One Modbus read request covering several tags: [start, start + count) of one table, counted in
 * registers, or in bits for coils and discrete inputs.
 */
record ReadBlock(RegisterTable table, int start, int count, List<RegisterConfig> registers) {
  /** Function 3/4 may read at most 125 registers (Modbus Application Protocol v1.1b3 §6.3, §6.4). */
  static final int MAX_REGISTERS = 125;
  /** Function 1/2 may read at most 2000 bits (§6.1, §6.2). */
  static final int MAX_BITS = 2000;

  ReadBlock {
    registers = List.copyOf(registers);
  }

  static int limit(RegisterTable table) {
    return table.bits() ? MAX_BITS : MAX_REGISTERS;
  }

  /**
   * Coalesces adjacent and near-adjacent registers of one table into as few requests as possible:
   * a gap of up to {@code maxGap} unused registers (bits) is read rather than split into two
   * requests. Several bool tags may share one register (different bits).
   */
  static List<ReadBlock> plan(List<RegisterConfig> registers, int maxGap) {
    List<ReadBlock> blocks = new ArrayList<>();
    for (RegisterTable table : RegisterTable.values()) {
      int max = limit(table);
      List<RegisterConfig> sorted = registers.stream().filter(r -> r.table() == table)
          .sorted(Comparator.comparingInt(RegisterConfig::address)).toList();
      List<RegisterConfig> current = new ArrayList<>();
      int start = -1;
      int end = -1;
      for (RegisterConfig r : sorted) {
        int rEnd = r.address() + r.type().words();
        boolean fits = start >= 0 && r.address() - end <= maxGap && Math.max(end, rEnd) - start <= max;
        if (!fits && start >= 0) {
          blocks.add(new ReadBlock(table, start, end - start, current));
          current = new ArrayList<>();
        }
        if (!fits) {
          start = r.address();
          end = rEnd;
        }
        end = Math.max(end, rEnd);
        current.add(r);
      }
      if (start >= 0) {
        blocks.add(new ReadBlock(table, start, end - start, current));
      }
    }
    return blocks;
  }
}
