package io.eoc.sim.opcua;

import io.eoc.sim.model.DeviceIdentity;
import io.eoc.sim.model.EquipmentModel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated devices served over OPC UA (opc.tcp) by an in-process Milo server: one object per
 * device under Objects, a typed variable per tag, updated every tick from the model.
 *
 * <p>Endpoints: SecurityPolicy None and Basic256Sha256 with SignAndEncrypt. The server's
 * certificate is created at the first start in {@code <pki-dir>/own/} and kept; a client's
 * certificate is accepted once it is in {@code <pki-dir>/trusted/} (a refused one lands in
 * {@code <pki-dir>/rejected/}). {@link #close()} releases the port and every thread the server
 * started, so that a new server can start on the same port at once.
 */
public final class OpcUaEquipmentServer implements AutoCloseable {
  public static final String PATH = "/eoc";
  public static final String PRODUCT_URI = "urn:eoc:simulator:opc-ua";
  private static final Logger log = LoggerFactory.getLogger(OpcUaEquipmentServer.class);

  private final Options options;
  private final Map<String, EquipmentModel> devices;
  private final ScheduledExecutorService ticker;
  private final int port;
  private OpcUaServer server;
  private EquipmentNamespace namespace;
  private FileBasedTrustListManager trustList;

  /**
   * @param host bind address and the host named in endpoint URLs
   * @param port 0 for an ephemeral port ({@link #port()} tells which)
   * @param tick how often the models step and the values are published
   * @param pkiDir the server's certificate ({@code own/}), {@code trusted/} and {@code rejected/}
   */
  public record Options(String host, int port, Duration tick, Path pkiDir) {
    public Options {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(tick, "tick");
      Objects.requireNonNull(pkiDir, "pkiDir");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
      }
      if (tick.isNegative() || tick.isZero()) {
        throw new IllegalArgumentException("tick must be positive, was " + tick);
      }
    }

    public static Options local(Path pkiDir) {
      return new Options("127.0.0.1", 0, Duration.ofMillis(100), pkiDir);
    }

    public Options withPort(int value) {
      return new Options(host, value, tick, pkiDir);
    }

    public Options withTick(Duration value) {
      return new Options(host, port, value, pkiDir);
    }
  }

  private OpcUaEquipmentServer(Options options, Map<String, EquipmentModel> devices, int port) {
    this.options = options;
    this.devices = devices;
    this.port = port;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "opcua-sim-tick-" + port);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts serving {@code devices} (device id to model, in order). The models are confined to the
   * server's tick thread from now on.
   *
   * @throws IOException if the port cannot be bound or the certificate cannot be stored
   */
  public static OpcUaEquipmentServer start(Options options, Map<String, EquipmentModel> devices)
      throws IOException {
    Objects.requireNonNull(options, "options");
    if (devices == null || devices.isEmpty()) {
      throw new IllegalArgumentException("a server needs at least one device");
    }
    int port = options.port() == 0 ? freePort(options.host()) : options.port();
    OpcUaEquipmentServer s = new OpcUaEquipmentServer(options, new LinkedHashMap<>(devices), port);
    try {
      s.startServer();
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(host, 0));
      return socket.getLocalPort();
    }
  }

  private void startServer() throws IOException {
    Path pki = options.pkiDir();
    String applicationUri = "urn:eoc:simulator:" + options.host() + ":" + port;
    ApplicationCertificate own = ApplicationCertificate.loadOrCreate(pki.resolve("own"),
        "urn:eoc:simulator", options.host());
    for (String dir : List.of("trusted", "trusted-crl", "issuers/certs", "issuers/crl", "rejected")) {
      Files.createDirectories(pki.resolve(dir));
    }
    trustList = new FileBasedTrustListManager(pki.resolve("issuers/certs"),
        pki.resolve("issuers/crl"), pki.resolve("trusted"), pki.resolve("trusted-crl"));
    trustList.initialize();
    var quarantine = FileBasedCertificateQuarantine.create(pki.resolve("rejected"));
    var validator = new DefaultServerCertificateValidator(trustList, quarantine);
    var factory = new RsaSha256CertificateFactory() {
      @Override
      protected java.security.KeyPair createRsaSha256KeyPair() {
        return own.keyPair();
      }

      @Override
      protected java.security.cert.X509Certificate[] createRsaSha256CertificateChain(
          java.security.KeyPair keyPair) {
        return new java.security.cert.X509Certificate[] {own.certificate()};
      }
    };
    try {
      var group = DefaultApplicationGroup.createAndInitialize(trustList, new MemoryCertificateStore(),
          factory, validator);
      OpcUaServerConfig config = OpcUaServerConfig.builder()
          .setApplicationUri("urn:eoc:simulator")
          .setApplicationName(LocalizedText.english("eoc simulator (simulated equipment)"))
          .setProductUri(PRODUCT_URI)
          .setBuildInfo(new BuildInfo(PRODUCT_URI, DeviceIdentity.VENDOR,
              "eoc OPC UA equipment simulator (simulated)", DeviceIdentity.REVISION, "0",
              DateTime.now()))
          .setEndpoints(endpoints(own.certificate()))
          .setCertificateManager(new DefaultCertificateManager(quarantine, group))
          .setIdentityValidator(AnonymousIdentityValidator.INSTANCE)
          .build();
      server = new OpcUaServer(config, profile -> {
        if (profile != TransportProfile.TCP_UASC_UABINARY) {
          throw new IllegalArgumentException("unsupported transport " + profile);
        }
        return new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build());
      });
      namespace = new EquipmentNamespace(server, devices, this::callOnTickThread);
      namespace.startup();
      server.startup().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IOException("cannot serve OPC UA on " + options.host() + ":" + port + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting", e);
    } catch (TimeoutException e) {
      throw new IOException("OPC UA server did not start within 10 s", e);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot set up the OPC UA server: " + e, e);
    }
    devices.forEach((id, model) -> namespace.publish(id, model.now()));
    long tick = options.tick().toNanos();
    ticker.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.NANOSECONDS);
    log.info("serving {} over OPC UA at {}", devices.keySet(), endpointUrl());
  }

  private Set<EndpointConfig> endpoints(java.security.cert.X509Certificate certificate) {
    EndpointConfig.Builder base = EndpointConfig.newBuilder()
        .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
        .setBindAddress(options.host())
        .setBindPort(port)
        .setHostname(options.host())
        .setPath(PATH)
        .setCertificate(certificate)
        .addTokenPolicies(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS);
    Set<EndpointConfig> endpoints = new LinkedHashSet<>();
    endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.None)
        .setSecurityMode(MessageSecurityMode.None).build());
    endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256)
        .setSecurityMode(MessageSecurityMode.SignAndEncrypt).build());
    return endpoints;
  }

  private void tick() {
    try {
      for (Map.Entry<String, EquipmentModel> e : devices.entrySet()) {
        e.getValue().step(options.tick());
        namespace.publish(e.getKey(), e.getValue().now());
      }
    } catch (RuntimeException e) {
      // scheduleAtFixedRate stops after a throw: log and keep ticking.
      log.error("tick failed; serving the previous values", e);
    }
  }

  private <T> T callOnTickThread(Callable<T> task) throws Exception {
    try {
      return ticker.submit(task).get(5, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception c ? c : e;
    }
  }

  /** Runs {@code task} on the tick thread, where the models live, and returns its result. */
  public <T> T onTickThread(Callable<T> task) throws Exception {
    return callOnTickThread(task);
  }

  /** The current values of one device, read on the tick thread. */
  public Map<String, Double> values(String deviceId) throws Exception {
    EquipmentModel model = devices.get(deviceId);
    if (model == null) {
      throw new IllegalArgumentException("no device " + deviceId + "; devices: " + devices.keySet());
    }
    // What the server serves: the model's values at each tag's resolution.
    return callOnTickThread(() -> {
      java.util.Map<String, Double> served = new java.util.LinkedHashMap<>();
      model.values().forEach((tag, v) -> served.put(tag, model.tag(tag).map(t -> t.quantize(v)).orElse(v)));
      return served;
    });
  }

  /** The node id of a tag, as an agent configures it: {@code ns=2;s=boiler-1.steam_pressure}. */
  public String nodeId(String deviceId, String tag) {
    return "ns=" + namespace.getNamespaceIndex() + ";s=" + deviceId + "." + tag;
  }

  public int port() {
    return port;
  }

  public Options options() {
    return options;
  }

  public String endpointUrl() {
    return "opc.tcp://" + options.host() + ":" + port + PATH;
  }

  /** The server certificate (DER), for a client's trusted directory. */
  public Path certificateFile() {
    return ApplicationCertificate.derFile(options.pkiDir().resolve("own"));
  }

  /** Stops serving: closes the port, every session and every thread started here; idempotent. */
  @Override
  public synchronized void close() {
    ticker.shutdownNow();
    try {
      if (namespace != null) {
        namespace.shutdown();
      }
      if (server != null) {
        server.shutdown().get(10, TimeUnit.SECONDS);
      }
      if (trustList != null) {
        trustList.close();
      }
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("error while closing the OPC UA server on port {}", port, e);
    } finally {
      server = null;
      namespace = null;
      trustList = null;
    }
  }
}
