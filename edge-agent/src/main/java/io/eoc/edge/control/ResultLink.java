package io.eoc.edge.control;

import java.io.IOException;
import java.util.concurrent.CompletionStage;

/** Where {@link CommandResults} sends a result: the command-results topic, MQTT 5 QoS 1. */
@FunctionalInterface
public interface ResultLink {

  /**
   * Publishes one encoded result. The stage completes with the PUBACK reason code (MQTT 5
   * §3.4.2.1: below 0x80 success, 0x97 quota exceeded, any other from 0x80 a refusal) once the
   * cloud answered, or exceptionally when the connection went before the answer. Must not block.
   *
   * @throws IOException if it cannot be sent now, for instance while not connected
   */
  CompletionStage<Integer> publish(byte[] payload) throws IOException;
}
