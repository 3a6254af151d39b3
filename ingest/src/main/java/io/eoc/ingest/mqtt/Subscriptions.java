package io.eoc.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SUBSCRIBE and UNSUBSCRIBE: an agent may subscribe to its own commands subtree only. Granted
 * filters are kept on the session: queued downlink messages with an expiry wait for a matching
 * one (messages sent without expiry do not consult them).
 */
final class Subscriptions {

  private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);
  /** MQTT 3.1.1 §3.9.3: 0x80 Failure. */
  private static final int V3_FAILURE = MqttQoS.FAILURE.value();
  /** MQTT 5 §3.9.3: 0x87 Not authorized. */
  private static final int V5_NOT_AUTHORIZED = MqttReasonCodes.SubAck.NOT_AUTHORIZED.byteValue() & 0xFF;

  private Subscriptions() {}

  /** SUBACK with one code per filter, in request order (MQTT 3.1.1 §3.8.4 [MQTT-3.8.4-5]). */
  static void onSubscribe(AgentSession session, TransportContext context, MqttMessage message) {
    MqttSubscribeMessage subscribe = (MqttSubscribeMessage) message;
    List<Integer> codes = new ArrayList<>();
    for (MqttTopicSubscription subscription : subscribe.payload().topicSubscriptions()) {
      String filter = subscription.topicFilter();
      if (Topics.maySubscribe(session.agentId(), filter)) {
        // Granted QoS is at most 1: the server offers no QoS 2.
        codes.add(Math.min(subscription.option().qos().value(), MqttQoS.AT_LEAST_ONCE.value()));
        session.subscribe(filter);
      } else {
        context.counters().aclDenials.increment();
        context.audit(AuditEvent.ACL_DENIED, session.agentId(), session.channel(), "subscribe to " + filter);
        log.debug("agent may not subscribe to {} (audited)", filter);
        codes.add(session.isV5() ? V5_NOT_AUTHORIZED : V3_FAILURE);
      }
    }
    session.channel().writeAndFlush(Replies.subAck(subscribe.variableHeader().messageId(), codes));
    // After the SUBACK: what waited for this agent now has somewhere to go.
    session.deliverQueued(context.downlinks(), context.clock().instant());
  }

  static void onUnsubscribe(AgentSession session, MqttMessage message) {
    MqttUnsubscribeMessage unsubscribe = (MqttUnsubscribeMessage) message;
    unsubscribe.payload().topics().forEach(session::unsubscribe);
    session.channel().writeAndFlush(Replies.unsubAck(session.version(),
        unsubscribe.variableHeader().messageId(), unsubscribe.payload().topics().size()));
  }
}
