package io.eoc.ingest.mqtt;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CONNECT: protocol version, the client certificate (with TLS), authentication, keep-alive,
 * session takeover, CONNACK.
 */
final class ConnectFlow {

  /** Name of the IdleStateHandler in the pipeline: the connect timeout, then the keep-alive. */
  static final String IDLE_HANDLER = "idle";

  private static final Logger log = LoggerFactory.getLogger(ConnectFlow.class);

  // MQTT 5 §2.2.2.2 property identifiers. netty 4.2.7 keeps its int constants package-private and
  // deprecates MqttPropertyType, so they are spelled out here.
  private static final int SERVER_KEEP_ALIVE = 0x13;
  private static final int RECEIVE_MAXIMUM = 0x21;
  private static final int MAXIMUM_QOS = 0x24;
  private static final int MAXIMUM_PACKET_SIZE = 0x27;
  private static final int SUBSCRIPTION_IDENTIFIER_AVAILABLE = 0x29;
  private static final int SHARED_SUBSCRIPTION_AVAILABLE = 0x2A;

  private final TransportContext context;

  ConnectFlow(TransportContext context) {
    this.context = context;
  }

  /** Returns the new session, or empty when refused (the CONNACK is sent and the channel closing). */
  Optional<AgentSession> onConnect(ChannelHandlerContext ctx, MqttConnectMessage connect) {
    MqttVersion version = MqttVersion.fromProtocolNameAndLevel(
        connect.variableHeader().name(), (byte) connect.variableHeader().version());
    if (version == MqttVersion.MQTT_3_1) {
      // MQTT 3.1.1 §3.1.2.2: unsupported protocol level → CONNACK 0x01, then disconnect.
      context.counters().malformed(MalformedKind.UNSUPPORTED_PROTOCOL_VERSION);
      refuse(ctx, MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, "MQTT 3.1", null,
          connect.payload());
      return Optional.empty();
    }
    return identify(ctx, version, connect.payload())
        .map(agentId -> accept(ctx, agentId, version, connect.variableHeader().keepAliveTimeSeconds()));
  }

  /**
   * The agent this CONNECT belongs to, or empty when refused (the CONNACK is sent). With TLS the
   * verified certificate names the agent and the CONNECT may only agree with it; the authenticator
   * is asked in both modes, and with TLS must accept that same agent.
   */
  private Optional<String> identify(ChannelHandlerContext ctx, MqttVersion version, MqttConnectPayload payload) {
    Optional<String> certified = TlsIdentityHandler.certifiedAgentId(ctx.channel());
    Optional<String> conflict = context.tls().isPresent()
        ? CertificateBinding.conflict(certified, payload.clientIdentifier(), payload.userName()) : Optional.empty();
    if (conflict.isPresent()) {
      refuse(ctx, Replies.refusalCode(version, AuthResult.Refusal.NOT_AUTHORIZED), conflict.get(),
          certified.orElse(null), payload);
      return Optional.empty();
    }
    AuthResult result = authenticate(payload);
    if (result instanceof AuthResult.Refused refused) {
      refuse(ctx, Replies.refusalCode(version, refused.reason()), "authenticator: " + refused.reason().name(),
          certified.orElse(null), payload);
      return Optional.empty();
    }
    String agentId = ((AuthResult.Accepted) result).agentId();
    if (certified.isPresent() && !certified.get().equals(agentId)) {
      refuse(ctx, Replies.refusalCode(version, AuthResult.Refusal.NOT_AUTHORIZED), "authenticator accepted agent '"
          + agentId + "', the certificate names '" + certified.get() + "'", certified.get(), payload);
      return Optional.empty();
    }
    return Optional.of(agentId);
  }

  private AgentSession accept(ChannelHandlerContext ctx, String agentId, MqttVersion version, int askedKeepAlive) {
    AgentSession session = new AgentSession(agentId, version, ctx.channel(), context.downlinks());
    int keepAlive = negotiateKeepAlive(askedKeepAlive);
    // MQTT 3.1.1 §3.1.2.10: silence for 1.5 × Keep Alive means the client is gone.
    ctx.pipeline().replace(IDLE_HANDLER, IDLE_HANDLER,
        new IdleStateHandler(keepAlive * 1500L, 0, 0, TimeUnit.MILLISECONDS));
    context.sessions().register(session).ifPresent(previous -> takeOver(previous, ctx));
    MqttProperties properties = version == MqttVersion.MQTT_5
        ? v5ConnAckProperties(askedKeepAlive, keepAlive) : MqttProperties.NO_PROPERTIES;
    ctx.writeAndFlush(Replies.connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED, properties));
    context.counters().connectionsAccepted.increment();
    log.info("agent {} connected from {} ({}, keep-alive {} s)", agentId, ctx.channel().remoteAddress(),
        version, keepAlive);
    return session;
  }

  /**
   * MQTT 3.1.1 §3.1.4 [MQTT-3.1.4-2] / MQTT 5 §3.1.4: a second connection of the same client
   * disconnects the first; MQTT 5 tells it why with DISCONNECT 0x8E Session taken over.
   */
  private void takeOver(AgentSession previous, ChannelHandlerContext ctx) {
    context.counters().takeovers.increment();
    log.info("agent {} connected again from {}: closing its connection from {}", previous.agentId(),
        ctx.channel().remoteAddress(), previous.channel().remoteAddress());
    context.audit(AuditEvent.TAKEOVER, previous.agentId(), ctx.channel(),
        "replaces the connection from " + previous.channel().remoteAddress());
    previous.disconnect(MqttReasonCodes.Disconnect.SESSION_TAKEN_OVER);
  }

  private AuthResult authenticate(MqttConnectPayload payload) {
    try {
      AuthResult result = context.authenticator().authenticate(
          payload.clientIdentifier(), payload.userName(), payload.passwordInBytes());
      return result != null ? result : AuthResult.refused(AuthResult.Refusal.SERVER_UNAVAILABLE);
    } catch (RuntimeException e) {
      log.warn("authenticator failed for client id {}", payload.clientIdentifier(), e);
      return AuthResult.refused(AuthResult.Refusal.SERVER_UNAVAILABLE);
    }
  }

  /**
   * @param agentId the agent the certificate names, or null: a refused CONNECT establishes no
   *     agent, so the client id and user name it claims go into the reason
   */
  private void refuse(ChannelHandlerContext ctx, MqttConnectReturnCode code, String why, String agentId,
      MqttConnectPayload claimed) {
    context.counters().connectionsRefused.increment();
    String connAck = "CONNACK 0x" + Integer.toHexString(code.byteValue() & 0xFF);
    log.info("refused connection from {} (client id {}): {} -> {}", ctx.channel().remoteAddress(),
        claimed.clientIdentifier(), why, connAck);
    context.audit(AuditEvent.CONNECTION_REFUSED, agentId, ctx.channel(), why + " (client id '"
        + claimed.clientIdentifier() + "', user name '" + claimed.userName() + "') -> " + connAck);
    ctx.writeAndFlush(Replies.connAck(code, MqttProperties.NO_PROPERTIES)).addListener(ChannelFutureListener.CLOSE);
  }

  /** 0 (no keep-alive) and values out of bounds become the nearest bound. */
  int negotiateKeepAlive(int askedSeconds) {
    long min = context.config().minKeepAlive().getSeconds();
    long max = context.config().maxKeepAlive().getSeconds();
    return (int) (askedSeconds == 0 ? max : Math.max(min, Math.min(max, askedSeconds)));
  }

  /**
   * What an MQTT 5 client must respect (§3.2.2.3): Receive Maximum bounds its unacknowledged QoS 1
   * PUBLISHes, Maximum QoS 1, Maximum Packet Size, no shared subscriptions or subscription ids,
   * and Server Keep Alive when it differs from what the client asked (§3.2.2.3.14).
   */
  private MqttProperties v5ConnAckProperties(int askedKeepAlive, int keepAlive) {
    MqttProperties properties = new MqttProperties();
    add(properties, RECEIVE_MAXIMUM, context.config().maxInFlight());
    add(properties, MAXIMUM_QOS, 1);
    add(properties, MAXIMUM_PACKET_SIZE, context.config().maxMessageBytes());
    add(properties, SHARED_SUBSCRIPTION_AVAILABLE, 0);
    add(properties, SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0);
    if (askedKeepAlive != keepAlive) {
      add(properties, SERVER_KEEP_ALIVE, keepAlive);
    }
    return properties;
  }

  private static void add(MqttProperties properties, int propertyId, int value) {
    properties.add(new IntegerProperty(propertyId, value));
  }
}
