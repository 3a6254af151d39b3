package io.eoc.ingest.mqtt;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** PUBLISH from one connected agent: ACL, rate limit, hand-over to the {@link UplinkHandler}, PUBACK. */
final class PublishFlow {

  private static final Logger log = LoggerFactory.getLogger(PublishFlow.class);

  private final AgentSession session;
  private final TransportContext context;
  private final AckSequencer acks;

  PublishFlow(AgentSession session, TransportContext context) {
    this.session = session;
    this.context = context;
    this.acks = new AckSequencer(session.channel(), context.config().maxInFlight(), context.counters());
  }

  int inFlight() {
    return acks.inFlight();
  }

  /** The connection is closing for another reason: acknowledge nothing more. */
  void abandon() {
    acks.abandon();
  }

  /** Handles {@code publish} without keeping it: the caller releases it afterwards. */
  void onPublish(MqttPublishMessage publish) {
    MqttQoS qos = publish.fixedHeader().qosLevel();
    String topic = publish.variableHeader().topicName();
    int packetId = publish.variableHeader().packetId();
    if (qos == MqttQoS.EXACTLY_ONCE) {
      rejectQos2(topic);
    } else if (!Topics.mayPublish(session.agentId(), topic)) {
      deny(qos, packetId, topic);
    } else if (withinRate(qos, packetId, publish.payload().readableBytes())) {
      byte[] payload = ByteBufUtil.getBytes(publish.payload());
      context.counters().received(session.agentId(), payload.length);
      UplinkMessage message = new UplinkMessage(session.agentId(), topic, payload, context.clock().instant());
      if (qos == MqttQoS.AT_LEAST_ONCE) {
        handOverQos1(message, packetId);
      } else {
        handOverQos0(message);
      }
    }
  }

  private void handOverQos1(UplinkMessage message, int packetId) {
    AckSequencer.Slot slot = acks.reserve(packetId);
    handOver(message).whenComplete((ignored, failure) -> session.runOnLoop(() -> {
      if (failure == null) {
        acks.acknowledge(slot);
      } else {
        onHandlerFailure(message, failure);
      }
    }));
  }

  /** At most once: nobody redelivers, so a failure is counted but does not cost the connection. */
  private void handOverQos0(UplinkMessage message) {
    handOver(message).whenComplete((ignored, failure) -> {
      if (failure != null) {
        context.counters().handlerFailures.increment();
        log.debug("uplink handler failed for QoS 0 message on {}: {}", message.topic(), failure.toString());
      }
    });
  }

  /** The boundary to code we do not own: a throw or a null becomes a failed stage. */
  private CompletionStage<Void> handOver(UplinkMessage message) {
    try {
      CompletionStage<Void> durable = context.uplink().onMessage(message);
      return durable != null ? durable
          : CompletableFuture.failedFuture(new IllegalStateException("UplinkHandler returned null"));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** No PUBACK, and close: the agent redelivers everything unacknowledged (MQTT 3.1.1 §4.4). */
  private void onHandlerFailure(UplinkMessage message, Throwable failure) {
    context.counters().handlerFailures.increment();
    if (!session.channel().isActive()) {
      return;
    }
    MDC.put("agent", session.agentId());
    try {
      log.warn("uplink handler failed for {} ({} bytes), closing so the agent redelivers: {}",
          message.topic(), message.payload().length, failure.toString());
    } finally {
      MDC.remove("agent");
    }
    acks.abandon();
    session.channel().close();
  }

  /**
   * MQTT 3.1.1 §3.3.5 [MQTT-3.3.5-2]: an unauthorized PUBLISH gets a positive acknowledgement or
   * the connection is closed — we close. MQTT 5 can say no: PUBACK 0x87 Not authorized (§3.4.2.1);
   * QoS 0 has no acknowledgement, so it is dropped.
   */
  private void deny(MqttQoS qos, int packetId, String topic) {
    context.counters().aclDenials.increment();
    context.audit(AuditEvent.ACL_DENIED, session.agentId(), session.channel(), "publish to " + topic);
    // WARN on the audit logger (io.eoc.audit); here only the detail of what the connection does.
    log.debug("agent may not publish to {}: {}", topic,
        session.isV5() ? "refused" : "closing (MQTT 3.1.1 cannot refuse a PUBLISH)");
    if (!session.isV5()) {
      session.channel().close();
    } else if (qos == MqttQoS.AT_LEAST_ONCE) {
      acks.refuse(packetId, MqttReasonCodes.PubAck.NOT_AUTHORIZED);
    }
  }

  /**
   * Takes the PUBLISH from the agent's token buckets, or refuses it: MQTT 5 QoS 1 with PUBACK 0x97
   * Quota exceeded (§3.4.2.1: "the Server has exceeded an implementation or administrative
   * imposed limit"), so the agent keeps the message and sends it again; QoS 0 is dropped.
   * MQTT 3.1.1 has no negative PUBACK, so its connection is closed and the agent redelivers after
   * reconnecting. An agent that stays over its limit is disconnected with DISCONNECT 0x96 Message
   * rate too high (§3.14.2.1), and audited.
   */
  private boolean withinRate(MqttQoS qos, int packetId, int payloadBytes) {
    RateLimiter.Verdict verdict =
        context.rateLimiter().admit(session.agentId(), payloadBytes, context.clock().instant());
    if (verdict == RateLimiter.Verdict.ADMIT) {
      return true;
    }
    context.counters().rateLimited(session.agentId());
    if (verdict == RateLimiter.Verdict.DISCONNECT) {
      disconnectForRate();
    } else if (!session.isV5()) {
      log.debug("over the rate limit: closing (MQTT 3.1.1 cannot refuse a PUBLISH)");
      acks.abandon();
      session.channel().close();
    } else if (qos == MqttQoS.AT_LEAST_ONCE) {
      acks.refuse(packetId, MqttReasonCodes.PubAck.QUOTA_EXCEEDED);
    }
    return false;
  }

  private void disconnectForRate() {
    context.counters().rateLimitDisconnects.increment();
    AgentRateLimit limit = context.config().rateLimit();
    String why = "over " + limit.messagesPerSecond() + " messages/s or " + limit.bytesPerSecond()
        + " bytes/s for more than " + limit.disconnectAfter();
    context.audit(AuditEvent.RATE_LIMITED, session.agentId(), session.channel(), why);
    log.warn("agent {} {}: disconnecting", session.agentId(), why);
    acks.abandon();
    session.disconnect(MqttReasonCodes.Disconnect.MESSAGE_RATE_TOO_HIGH);
  }

  /**
   * Only QoS 0 and 1 are served. MQTT 5 §3.3.1.2: a PUBLISH above the Maximum QoS of CONNACK is
   * answered with DISCONNECT 0x9B QoS not supported (PUBREC has no such reason code); 3.1.1
   * cannot say it, so the connection is closed.
   */
  private void rejectQos2(String topic) {
    context.counters().malformed(MalformedKind.QOS_NOT_SUPPORTED);
    log.warn("QoS 2 PUBLISH to {} is not supported, disconnecting", topic);
    acks.abandon();
    session.disconnect(MqttReasonCodes.Disconnect.QOS_NOT_SUPPORTED);
  }
}
