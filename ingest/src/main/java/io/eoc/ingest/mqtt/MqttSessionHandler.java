package io.eoc.ingest.mqtt;

import io.netty.channel.ChannelFutureListener;
import io.eoc.wire.io.LogLimiter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One MQTT connection after the codec: CONNECT first, then dispatch by packet type. Malformed
 * input arrives as data (a failed {@code DecoderResult}), is counted, and drops only this
 * connection. Not sharable: holds the connection's state.
 */
final class MqttSessionHandler extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(MqttSessionHandler.class);

  private final TransportContext context;
  private final ConnectFlow connectFlow;
  private final Map<MqttMessageType, Consumer<MqttMessage>> afterConnect = new EnumMap<>(MqttMessageType.class);
  private ChannelHandlerContext ctx;
  private AgentSession session;
  private PublishFlow publishFlow;

  MqttSessionHandler(TransportContext context) {
    this.context = context;
    this.connectFlow = new ConnectFlow(context);
    afterConnect.put(MqttMessageType.PUBLISH, m -> publishFlow.onPublish((MqttPublishMessage) m));
    afterConnect.put(MqttMessageType.PUBACK, this::onPubAck);
    afterConnect.put(MqttMessageType.SUBSCRIBE, m -> Subscriptions.onSubscribe(session, context, m));
    afterConnect.put(MqttMessageType.UNSUBSCRIBE, m -> Subscriptions.onUnsubscribe(session, m));
    afterConnect.put(MqttMessageType.PINGREQ, m -> ctx.writeAndFlush(MqttMessage.PINGRESP));
    afterConnect.put(MqttMessageType.DISCONNECT, m -> ctx.close());
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    context.counters().currentConnections.increment();
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    context.counters().currentConnections.decrement();
    if (session != null) {
      context.sessions().remove(session);
      session.downlink().failAll();
      // Messages with expiry that this connection did not get acknowledged: to a newer one, if any.
      context.deliverQueued(session.agentId());
      log.info("agent {} disconnected ({} PUBLISH unacknowledged)", session.agentId(), publishFlow.inFlight());
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (session != null) {
      MDC.put("agent", session.agentId());
    }
    try {
      if (!(msg instanceof MqttMessage message)) {
        return; // nothing else travels this pipeline; released below
      }
      if (message.decoderResult().isFailure()) {
        onMalformed(message.decoderResult().cause());
      } else if (ctx.channel().isActive()) {
        dispatch(message);
      }
    } finally {
      ReferenceCountUtil.release(msg);
      MDC.remove("agent");
    }
  }

  private void dispatch(MqttMessage message) {
    MqttMessageType type = message.fixedHeader().messageType();
    if (session == null && type == MqttMessageType.CONNECT) {
      connectFlow.onConnect(ctx, (MqttConnectMessage) message).ifPresent(this::connected);
    } else if (session == null) {
      // MQTT 3.1.1 §3.1.0 [MQTT-3.1.0-1]: the first packet from the client MUST be CONNECT.
      onUnexpected(type);
    } else {
      // A second CONNECT is a protocol violation too [MQTT-3.1.0-2], as are AUTH and PUBREL here.
      afterConnect.getOrDefault(type, m -> onUnexpected(type)).accept(message);
    }
  }

  private void connected(AgentSession newSession) {
    session = newSession;
    publishFlow = new PublishFlow(newSession, context);
  }

  private void onPubAck(MqttMessage message) {
    if (message.variableHeader() instanceof MqttPubReplyMessageVariableHeader reply) {
      session.downlink().onPubAck(reply.messageId(), reply.reasonCode());
    }
  }

  /** Shared by all connections: junk in a loop must not flood the log (the counters keep every one). */
  private static final LogLimiter MALFORMED_LOG = new LogLimiter(20);

  private void onUnexpected(MqttMessageType type) {
    context.counters().malformed(MalformedKind.UNEXPECTED_PACKET);
    log.warn("unexpected {} from {}, closing", type, ctx.channel().remoteAddress());
    closeWith(MqttReasonCodes.Disconnect.PROTOCOL_ERROR);
  }

  /** One line, no stack trace: a broken client reconnecting in a loop must not flood the log. */
  private void onMalformed(Throwable cause) {
    MalformedKind kind = classify(cause);
    context.counters().malformed(kind);
    if (MALFORMED_LOG.allow()) {
      long skipped = MALFORMED_LOG.drainSuppressed();
      log.warn("malformed packet from {} ({}), closing: {}{}", ctx.channel().remoteAddress(), kind, cause.getMessage(),
          skipped > 0 ? " (" + skipped + " more malformed packets not logged; see the counters)" : "");
    }
    log.debug("malformed packet detail", cause);
    if (kind == MalformedKind.UNSUPPORTED_PROTOCOL_VERSION && session == null) {
      // MQTT 3.1.1 §3.1.2.2 [MQTT-3.1.2-2]: CONNACK 0x01 unacceptable protocol level, then close.
      context.counters().connectionsRefused.increment();
      ctx.writeAndFlush(Replies.connAck(
              MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, MqttProperties.NO_PROPERTIES))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    closeWith(kind == MalformedKind.TOO_LARGE
        ? MqttReasonCodes.Disconnect.PACKET_TOO_LARGE : MqttReasonCodes.Disconnect.MALFORMED_PACKET);
  }

  static MalformedKind classify(Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      return MalformedKind.TOO_LARGE;
    }
    if (cause instanceof MqttUnacceptableProtocolVersionException) {
      return MalformedKind.UNSUPPORTED_PROTOCOL_VERSION;
    }
    return MalformedKind.DECODE_FAILURE;
  }

  /** Before CONNACK there is no MQTT 5 session to send DISCONNECT to: just close. */
  private void closeWith(MqttReasonCodes.Disconnect reason) {
    if (publishFlow != null) {
      publishFlow.abandon();
    }
    if (session != null) {
      session.disconnect(reason);
    } else {
      ctx.close();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (!(evt instanceof IdleStateEvent)) {
      ctx.fireUserEventTriggered(evt);
      return;
    }
    if (!ctx.channel().config().isAutoRead()) {
      return; // we stopped reading (backpressure): the silence is ours, not the client's
    }
    context.counters().keepAliveTimeouts.increment();
    log.info("no packet from {} ({}) within {}, closing", ctx.channel().remoteAddress(),
        session == null ? "before CONNECT" : session.agentId(), session == null ? "the connect timeout" : "1.5 × keep-alive");
    closeWith(MqttReasonCodes.Disconnect.KEEP_ALIVE_TIMEOUT);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      log.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    } else {
      log.warn("unexpected failure on connection {}, closing", ctx.channel().remoteAddress(), cause);
    }
    ctx.close();
  }
}
