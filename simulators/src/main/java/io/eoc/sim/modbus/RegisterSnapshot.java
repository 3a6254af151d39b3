package io.eoc.sim.modbus;

import io.eoc.sim.boiler.BoilerState;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The register image published after one tick, never modified afterwards: every read is served
 * from exactly one snapshot, so a multi-register read can never mix two ticks.
 *
 * @param registers the image, register 0 first (copied in and out)
 * @param tickAt when the tick that produced it ran, from the server's clock
 * @param state the boiler state the image encodes
 */
public record RegisterSnapshot(short[] registers, Instant tickAt, BoilerState state) {

  public RegisterSnapshot {
    Objects.requireNonNull(registers, "registers");
    Objects.requireNonNull(tickAt, "tickAt");
    Objects.requireNonNull(state, "state");
    registers = registers.clone();
  }

  @Override
  public short[] registers() {
    return registers.clone();
  }

  public int size() {
    return registers.length;
  }

  /** Registers [first, first + count); throws IndexOutOfBoundsException outside the image. */
  public short[] words(int first, int count) {
    Objects.checkFromIndexSize(first, count, registers.length);
    if (count == 0) {
      throw new IndexOutOfBoundsException("a read covers at least one register");
    }
    return Arrays.copyOfRange(registers, first, first + count);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegisterSnapshot other
        && Arrays.equals(registers, other.registers)
        && tickAt.equals(other.tickAt)
        && state.equals(other.state);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(registers), tickAt, state);
  }

  @Override
  public String toString() {
    return "RegisterSnapshot[registers=" + Arrays.toString(registers) + ", tickAt=" + tickAt
        + ", state=" + state + "]";
  }
}
