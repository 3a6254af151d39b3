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
    TransportContext context = new TransportContext(
        config, uplink, authenticator, new TransportCounters(), new SessionRegistry(), clock, tls, auditLog);
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
   * Nothing is queued for a disconnected agent.
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

  /** Stops accepting, closes every connection, and stops the event loops; waits at most ~10 s. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (serverChannel != null) {
      serverChannel.close().awaitUninterruptibly(CLOSE_TIMEOUT_MILLIS);
    }
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
