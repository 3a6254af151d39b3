package io.eoc.ingest.mqtt;

import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The QoS 1 PUBLISH packets of one connection that await their PUBACK, in arrival order.
 *
 * <p>Downstream writes may complete in any order, but MQTT 3.1.1 §4.6 [MQTT-4.6.0-2] and MQTT 5
 * §4.6 require the server to "send PUBACK packets in the order in which the corresponding PUBLISH
 * packets were received (QoS 1 messages)". A completed acknowledgement is therefore held until
 * every earlier one is sent. The number held also drives backpressure: at {@code maxInFlight}
 * reading pauses (autoRead off) until acknowledgements drain below it.
 *
 * <p>Confined to the connection's event loop.
 */
final class AckSequencer {

  private static final Logger log = LoggerFactory.getLogger(AckSequencer.class);
  private static final byte SUCCESS = MqttReasonCodes.PubAck.SUCCESS.byteValue();

  /** One PUBLISH awaiting its PUBACK. */
  static final class Slot {
    private final int packetId;
    private byte reasonCode;
    private boolean ready;

    private Slot(int packetId) {
      this.packetId = packetId;
    }
  }

  private final Channel channel;
  private final int maxInFlight;
  private final TransportCounters counters;
  private final Deque<Slot> slots = new ArrayDeque<>();
  private boolean abandoned;

  AckSequencer(Channel channel, int maxInFlight, TransportCounters counters) {
    this.channel = channel;
    this.maxInFlight = maxInFlight;
    this.counters = counters;
  }

  /** Takes the next place in the acknowledgement order for {@code packetId}. */
  Slot reserve(int packetId) {
    Slot slot = new Slot(packetId);
    slots.addLast(slot);
    if (slots.size() >= maxInFlight && channel.config().isAutoRead()) {
      log.debug("{} PUBLISH packets await PUBACK: pausing reads", slots.size());
      channel.config().setAutoRead(false);
    }
    return slot;
  }

  /** The message of {@code slot} is durable: acknowledge it once all earlier ones are. */
  void acknowledge(Slot slot) {
    complete(slot, SUCCESS);
  }

  /** Answers {@code packetId} with a failure reason code (MQTT 5 only), in order like any other. */
  void refuse(int packetId, MqttReasonCodes.PubAck reason) {
    complete(reserve(packetId), reason.byteValue());
  }

  /** The connection is being closed without acknowledging: the agent will redeliver. */
  void abandon() {
    abandoned = true;
    slots.clear();
  }

  int inFlight() {
    return slots.size();
  }

  private void complete(Slot slot, byte reasonCode) {
    slot.reasonCode = reasonCode;
    slot.ready = true;
    if (!abandoned && channel.isActive()) {
      drain();
    }
  }

  private void drain() {
    boolean wrote = false;
    while (!slots.isEmpty() && slots.peekFirst().ready) {
      Slot head = slots.pollFirst();
      channel.write(Replies.pubAck(head.packetId, head.reasonCode), channel.voidPromise());
      if (head.reasonCode == SUCCESS) {
        counters.acksSent.increment();
      }
      wrote = true;
    }
    if (wrote) {
      channel.flush();
    }
    if (slots.size() < maxInFlight && !channel.config().isAutoRead()) {
      log.debug("{} PUBLISH packets await PUBACK: resuming reads", slots.size());
      channel.config().setAutoRead(true);
    }
  }
}
