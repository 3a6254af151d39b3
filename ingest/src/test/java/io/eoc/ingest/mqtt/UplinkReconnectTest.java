package io.eoc.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.edge.outbox.Outbox;
import io.eoc.edge.outbox.OutboxConfig;
import io.eoc.edge.uplink.MqttUplink;
import io.eoc.wire.Batch;
import io.eoc.wire.BatchCodec;
import io.eoc.wire.DeviceCatalog;
import io.eoc.wire.Point;
import io.eoc.wire.pki.TlsContexts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uplink's own reconnection, through a relay that can cut connections and hold new ones
 * (accepted, never answered: a connection attempt that stays under way).
 */
class UplinkReconnectTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private final TlsFixture pki = new TlsFixture();
  private final ExecutorService kafka = Executors.newSingleThreadExecutor();
  private final RecordingUplink handler = RecordingUplink.completingOn(kafka);
  private MqttTransport transport;
  private Relay relay;
  private Outbox outbox;
  private MqttUplink uplink;
  @TempDir
  Path dir;

  @BeforeEach
  void start() throws Exception {
    transport = MqttTransport.start(MqttTransportConfig.builder().tls(pki.transportTls()).build(), handler,
        Authenticator.allowAll(), Clock.systemUTC(), new RecordingAuditLog());
    relay = new Relay(transport.port());
    outbox = Outbox.open(dir, OutboxConfig.defaults(), Clock.systemUTC());
    uplink = new MqttUplink("ssl://127.0.0.1:" + relay.port(), "gw-1", Optional.empty(),
        () -> new DeviceCatalog("gw-1", T0, List.of()), outbox, new MqttUplink.Settings(8, Duration.ofMinutes(5)),
        Optional.of(TlsContexts.agent(pki.agent("gw-1"))), Clock.systemUTC(), seq -> { });
  }

  @AfterEach
  void stop() throws Exception {
    uplink.close();
    outbox.close();
    relay.close();
    transport.close();
    kafka.shutdown();
    assertThat(kafka.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aLostConnectionIsMadeAgainAndSendingGoesOn() throws Exception {
    uplink.start();
    append(0, 5);
    await(Duration.ofSeconds(10), () -> uplink.stats().ackedBatches() == 5);

    relay.cutAll();
    await(Duration.ofSeconds(10), () -> uplink.stats().connects() == 2 && uplink.stats().connected());
    append(5, 10);

    await(Duration.ofSeconds(10), () -> uplink.stats().ackedBatches() == 10);
    assertThat(outbox.stats().depthRecords()).isZero();
  }

  @Test
  void anUplinkClosedWhileItReconnectsNeverComesBack() throws Exception {
    uplink.start();
    await(Duration.ofSeconds(10), () -> uplink.stats().connected());
    relay.hold(true);
    relay.cutAll();
    int before = relay.accepted();
    await(Duration.ofSeconds(10), () -> relay.accepted() > before); // an attempt is under way, unanswered

    long started = System.nanoTime();
    uplink.close();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("close does not wait out the attempt")
        .isLessThan(Duration.ofSeconds(8));

    int afterClose = relay.accepted();
    relay.hold(false);
    relay.cutAll(); // the held attempt fails now, as if the cloud had come back
    Thread.sleep(4000); // Paho's own reconnect would have come back within its first delay (1 s)
    assertThat(relay.accepted()).as("connections after close").isEqualTo(afterClose);
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive()
        && (t.getName().equals("eoc-uplink-connect-gw-1") || t.getName().startsWith("MQTT Reconnect: gw-1")));
  }

  private void append(long from, long to) throws Exception {
    for (long seq = from; seq < to; seq++) {
      Instant at = T0.plusSeconds(seq);
      outbox.append(seq, BatchCodec.encode(new Batch("gw-1", seq, at, List.of(Point.good("boiler-1", "t", at, seq)))));
    }
  }

  private static void await(Duration bound, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("condition not met within %s", bound).isNegative();
      Thread.sleep(20);
    }
  }

  /** A TCP relay on 127.0.0.1 to the transport; holding, it accepts connections and never answers them. */
  private static final class Relay implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean hold;

    Relay(int target) throws IOException {
      this.target = target;
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      this.acceptor = new Thread(this::acceptLoop, "relay-accept");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    int accepted() {
      return accepted.get();
    }

    void hold(boolean on) {
      hold = on;
    }

    /** Closes every connection, relayed or held. */
    void cutAll() {
      for (Socket s : sockets) {
        closeQuietly(s);
      }
      sockets.clear();
    }

    private void acceptLoop() {
      while (!server.isClosed()) {
        try {
          Socket in = server.accept();
          accepted.incrementAndGet();
          sockets.add(in);
          if (!hold) {
            Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
            sockets.add(out);
            pipe(in, out);
            pipe(out, in);
          }
        } catch (IOException e) {
          // closed
        }
      }
    }

    private static void pipe(Socket from, Socket to) {
      Thread t = new Thread(() -> {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
          for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
            out.flush();
          }
        } catch (IOException e) {
          // cut
        } finally {
          closeQuietly(from);
          closeQuietly(to);
        }
      }, "relay-pipe");
      t.setDaemon(true);
      t.start();
    }

    private static void closeQuietly(Socket s) {
      try {
        s.close();
      } catch (IOException e) {
        // already closed
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      cutAll();
    }
  }
}
