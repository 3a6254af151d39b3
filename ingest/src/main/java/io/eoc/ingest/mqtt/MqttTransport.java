package io.eoc.ingest.mqtt;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device-facing MQTT 3.1.1 / 5 endpoint: agents connect, publish telemetry with QoS 1 and get
 * PUBACK only once the {@link UplinkHandler} reports the message durable.
 *
 * <pre>{@code
 * try (MqttTransport transport = MqttTransport.start(MqttTransportConfig.defaults(),
 *     uplinkHandler, Authenticator.tokens(tokens))) {
 *   int port = transport.port();
 *   ...
 * }
 * }</pre>
 *
 * <p>With mutual TLS, each agent is the agent its client certificate names:
 *
 * <pre>{@code
 * MqttTransportConfig config = MqttTransportConfig.builder()
 *     .tls(new TransportTls(ca.issueServer("eoc cloud", hosts, validity), ca.certificate()))
 *     .build();
 * MqttTransport.start(config, uplinkHandler, Authenticator.allowAll(), clock, AuditLog.slf4j());
 * }</pre>
 */
public final class MqttTransport implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MqttTransport.class);
  /** The CI machines have 2 cores; one acceptor thread is plenty. */
  private static final int WORKER_THREADS = 2;
  private static final long CLOSE_TIMEOUT_MILLIS = 5_000;
  /** How often queued downlink messages are checked for expiry, so their senders learn it on time. */
  private static final long EXPIRY_SWEEP_MILLIS = 1_000;
  /** Message Expiry Interval is a Four Byte Integer of seconds (MQTT 5 §3.3.2.3.3); kept to int range. */
  public static final Duration MAX_DOWNLINK_EXPIRY = Duration.ofSeconds(Integer.MAX_VALUE);

  private final TransportContext context;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ChannelGroup channels = new DefaultChannelGroup("mqtt-connections", GlobalEventExecutor.INSTANCE);
  private final AtomicBoolean closed = new AtomicBoolean();
  private Channel serverChannel;

  private MqttTransport(TransportContext context) {
    this.context = context;
    this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("eoc-mqtt-boss"), NioIoHandler.newFactory());
    this.workers = new MultiThreadIoEventLoopGroup(
        WORKER_THREADS, new DefaultThreadFactory("eoc-mqtt-worker"), NioIoHandler.newFactory());
  }

  /** Binds and starts serving; the clock stamps {@link UplinkMessage#receivedAt()}. */
  public static MqttTransport start(MqttTransportConfig config, UplinkHandler uplink, Authenticator authenticator)
      throws IOException {
    return start(config, uplink, authenticator, Clock.systemUTC());
  }

  public static MqttTransport start(
      MqttTransportConfig config, UplinkHandler uplink, Authenticator authenticator, Clock clock)
      throws IOException {
    return start(config, uplink, authenticator, clock, AuditLog.slf4j());
  }

  /**
   * With {@link MqttTransportConfig#tls()} the verified client certificate is the agent's
   * identity: a CONNECT whose client id or user name names another agent is refused, and
   * {@code authenticator} is asked afterwards as a second factor — {@link Authenticator#allowAll()}
   * for certificates alone, {@link Authenticator#tokens} for certificate and token.
   *
   * @throws javax.net.ssl.SSLException if the TLS settings cannot be used
   */
  public static MqttTransport start(MqttTransportConfig config, UplinkHandler uplink, Authenticator authenticator,
      Clock clock, AuditLog auditLog) throws IOException {
    Optional<SslContext> tls = config.tls().isPresent()
        ? Optional.of(config.tls().get().newServerContext()) : Optional.empty();
    TransportContext context = TransportContext.create(config, uplink, authenticator, clock, tls, auditLog);
    MqttTransport transport = new MqttTransport(context);
    transport.bind();
    return transport;
  }

  private void bind() throws IOException {
    MqttTransportConfig config = context.config();
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(boss, workers)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 256)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new MqttChannelInitializer(context, channels::add));
    ChannelFuture bound = bootstrap.bind(config.host(), config.port()).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      close();
      throw new IOException("cannot bind MQTT on " + config.host() + ":" + config.port(), bound.cause());
    }
    serverChannel = bound.channel();
    workers.next().scheduleAtFixedRate(context.downlinks()::expireAll, EXPIRY_SWEEP_MILLIS, EXPIRY_SWEEP_MILLIS,
        TimeUnit.MILLISECONDS);
    log.info("MQTT transport listening on {} ({})", serverChannel.localAddress(), config.tls()
        .map(tls -> "mutual TLS, agents of " + tls.agentCa().getSubjectX500Principal().getName())
        .orElse("plain TCP"));
  }

  /** The bound port: the configured one, or the ephemeral one picked for port 0. */
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  public TransportStats stats() {
    return context.counters().snapshot();
  }

  public boolean isConnected(String agentId) {
    return context.sessions().find(agentId).isPresent();
  }

  /**
   * Publishes with QoS 1 to the agent's current connection. Completes on the agent's PUBACK; fails
   * with {@link AgentNotConnectedException} if the agent is not connected or disconnects first.
   * Nothing is queued for a disconnected agent: see {@link #sendToAgent(String, String, byte[], Duration)}
   * for that.
   *
   * @throws IllegalArgumentException if {@code topic} is not below {@link Topics#agentRoot(String)}
   */
  public CompletionStage<Void> sendToAgent(String agentId, String topic, byte[] payload) {
    Objects.requireNonNull(payload, "payload");
    if (!Topics.mayPublish(agentId, topic)) {
      throw new IllegalArgumentException("topic " + topic + " is not below " + Topics.agentRoot(agentId));
    }
    return context.sessions().find(agentId)
        .map(session -> session.downlink().publish(topic, payload))
        .orElseGet(() -> CompletableFuture.failedFuture(new AgentNotConnectedException(agentId, "is not connected")));
  }

  /**
   * Delivers a command to the agent's session, with MQTT 5 message expiry: published with QoS 1
   * and the Message Expiry Interval property (MQTT 5 §3.3.2.3.3) once the agent is connected and
   * subscribed to a filter matching {@code topic}; until then kept in the agent's queue (at most
   * {@link MqttTransportConfig#downlinkQueueCapacity()}) and sent on its next connection with the
   * remaining lifetime. A connection that closes before the agent's PUBACK puts the message back.
   * MQTT 3.1.1 agents get it without the property.
   *
   * <p>The stage completes on the agent's PUBACK, or fails with {@link DownlinkDroppedException}:
   * {@link DownlinkDrop#QUEUE_FULL} at once, {@link DownlinkDrop#EXPIRED} when {@code expiry}
   * passes first (checked every second), {@link DownlinkDrop#TRANSPORT_CLOSED}; or with an
   * {@link IOException} when the agent answers with a failure reason code. Every drop is counted in
   * {@link TransportStats#downlinkDropped()}.
   *
   * @param expiry the message's lifetime from now; sent as whole seconds, rounded up
   * @throws IllegalArgumentException if {@code topic} is not below {@link Topics#agentRoot(String)},
   *     or {@code expiry} is not positive or above {@link #MAX_DOWNLINK_EXPIRY}
   */
  public CompletionStage<Void> sendToAgent(String agentId, String topic, byte[] payload, Duration expiry) {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(expiry, "expiry");
    if (!Topics.mayPublish(agentId, topic)) {
      throw new IllegalArgumentException("topic " + topic + " is not below " + Topics.agentRoot(agentId));
    }
    if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_DOWNLINK_EXPIRY) > 0) {
      throw new IllegalArgumentException("expiry " + expiry + " not in (0, " + MAX_DOWNLINK_EXPIRY + "]");
    }
    return context.sendExpiring(agentId, topic, payload.clone(), expiry);
  }

  /** Downlink messages with an expiry waiting for {@code agentId} (not yet sent, or put back). */
  public int queuedForAgent(String agentId) {
    return context.downlinks().size(agentId);
  }

  /** Stops accepting, closes every connection, and stops the event loops; waits at most ~10 s. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (serverChannel != null) {
      serverChannel.close().awaitUninterruptibly(CLOSE_TIMEOUT_MILLIS);
    }
    context.downlinks().close();
    channels.close().awaitUninterruptibly(CLOSE_TIMEOUT_MILLIS);
    Future<?> bossDone = boss.shutdownGracefully(0, CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    Future<?> workersDone = workers.shutdownGracefully(0, CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    boolean stopped = bossDone.awaitUninterruptibly(CLOSE_TIMEOUT_MILLIS)
        & workersDone.awaitUninterruptibly(CLOSE_TIMEOUT_MILLIS);
    if (!stopped) {
      log.warn("MQTT event loops did not stop within {} ms", CLOSE_TIMEOUT_MILLIS);
    }
    log.info("MQTT transport closed");
  }
}
