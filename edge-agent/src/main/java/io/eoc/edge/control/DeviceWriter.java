package io.eoc.edge.control;

import java.util.OptionalDouble;
import java.util.concurrent.CompletionStage;

/** Writes one tag of one device, serialised with that device's polling, and reads it back. */
@FunctionalInterface
public interface DeviceWriter {

  /**
   * Completes with the value read back after the write (empty if it could not be read), or
   * exceptionally with why the write failed.
   */
  CompletionStage<OptionalDouble> write(String device, String tag, double value);
}
