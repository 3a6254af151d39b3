package io.eoc.ingest.mqtt;

import java.util.concurrent.CompletionStage;

/**
 * What the transport hands every accepted PUBLISH to.
 *
 * <p>The returned stage completes when the message is durable downstream; it fails otherwise. For
 * QoS 1 the transport sends PUBACK only after the stage completes normally; on failure it sends no
 * PUBACK and closes the connection so that the agent redelivers. Called on a Netty event loop: the
 * method must not block; do the work asynchronously and complete the stage from any thread.
 */
@FunctionalInterface
public interface UplinkHandler {

  /** Takes over {@code message}; completes when it is durable, fails otherwise. Never returns null. */
  CompletionStage<Void> onMessage(UplinkMessage message);
}
