package io.eoc.sim.mqtt;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT 5 / 3.1.1 broker written by others (HiveMQ Community Edition, embedded) on
 * 127.0.0.1 and a free port, with in-memory persistence, for tests and the demo. It accepts any
 * client and any credentials.
 *
 * <p>{@link #stop()} and {@link #startAgain()} take the broker down and up again on the same port, so
 * that a test sees clients lose and regain it. Not a production broker: no authentication.
 */
public final class EmbeddedBroker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
  private static final long TIMEOUT_SECONDS = 30;

  private final Path home;
  private final boolean ownsHome;
  private final int port;
  private EmbeddedHiveMQ hivemq;
  private boolean running;

  private EmbeddedBroker(Path home, boolean ownsHome, int port) {
    this.home = home;
    this.ownsHome = ownsHome;
    this.port = port;
  }

  /** Starts a broker in a temporary folder that {@link #close()} deletes. */
  public static EmbeddedBroker start() throws IOException {
    return start(Files.createTempDirectory("eoc-broker-"), true);
  }

  /** Starts a broker that keeps its configuration and data under {@code home}. */
  public static EmbeddedBroker start(Path home) throws IOException {
    return start(home, false);
  }

  private static EmbeddedBroker start(Path home, boolean ownsHome) throws IOException {
    Objects.requireNonNull(home, "home");
    int port = freePort();
    Path conf = Files.createDirectories(home.resolve("conf"));
    Files.createDirectories(home.resolve("data"));
    Files.createDirectories(home.resolve("extensions"));
    Files.writeString(conf.resolve("config.xml"), config(port), StandardCharsets.UTF_8);
    EmbeddedBroker broker = new EmbeddedBroker(home, ownsHome, port);
    broker.startAgain();
    return broker;
  }

  private static String config(int port) {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
          </listeners>
          <persistence><mode>in-memory</mode></persistence>
          <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
        </hivemq>
        """.formatted(port);
  }

  /** A port free now; the broker binds it a moment later (a race a test machine can live with). */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Starts the broker again after {@link #stop()}, on the same port; no-op when running. */
  public synchronized void startAgain() throws IOException {
    if (running) {
      return;
    }
    EmbeddedHiveMQ next = EmbeddedHiveMQ.builder()
        .withConfigurationFolder(home.resolve("conf"))
        .withDataFolder(home.resolve("data"))
        .withExtensionsFolder(home.resolve("extensions"))
        .withoutLoggingBootstrap()
        .build();
    await(next.start(), "start");
    hivemq = next;
    running = true;
    log.info("MQTT broker listening on {}", url());
  }

  /** Takes the broker down: every client loses its connection; {@link #startAgain()} brings it back. */
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    EmbeddedHiveMQ current = hivemq;
    hivemq = null;
    try {
      await(current.stop(), "stop");
      current.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("broker did not close", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void await(java.util.concurrent.CompletableFuture<Void> f, String what) throws IOException {
    try {
      f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted during broker " + what, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("MQTT broker on 127.0.0.1:" + port + " failed to " + what, e);
    }
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  /** {@code tcp://127.0.0.1:port}, for an MQTT client. */
  public String url() {
    return "tcp://" + host() + ":" + port;
  }

  public synchronized boolean running() {
    return running;
  }

  @Override
  public void close() {
    stop();
    if (ownsHome) {
      try (Stream<Path> paths = Files.walk(home)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        log.warn("could not delete {}", home, e);
      }
    }
  }
}
