package io.eoc.edge.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.eoc.edge.DeviceDriver;
import io.eoc.edge.opcua.OpcUaSettings.NodeSpec;
import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.io.IOException;
import java.nio.file.Path;
import java.security.Security;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DataChangeTrigger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DeadbandType;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.DataChangeFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one OPC UA server, by subscription (monitored items whose notifications are buffered and
 * handed out by {@link #read()}) or by the Read service. Milo reconnects the session by itself;
 * a subscription the server lost (a restart) is created again, and a watchdog turns missing
 * keep-alives into an {@link IOException} so the device shows offline.
 */
public final class OpcUaDriver implements DeviceDriver {
  private static final Logger log = LoggerFactory.getLogger(OpcUaDriver.class);
  private static final int MAX_BUFFERED = 10_000;
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(1);

  static {
    // Milo 1.1.2 signs Aes256_Sha256_RsaPss messages with the algorithm "SHA256withRSA/PSS", a
    // name only the BouncyCastle provider knows (the JDK's is RSASSA-PSS with parameters): without
    // it the secure channel fails with NoSuchAlgorithmException. Added last, so the JDK's
    // providers still serve everything else.
    if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
      Security.addProvider(new BouncyCastleProvider());
    }
  }

  private final String deviceId;
  private final OpcUaSettings settings;
  private final Clock clock;
  private final ConcurrentLinkedQueue<Point> buffer = new ConcurrentLinkedQueue<>();
  private final AtomicInteger buffered = new AtomicInteger();
  private final AtomicBoolean recreate = new AtomicBoolean();
  private final AtomicReference<Instant> lastHeard = new AtomicReference<>();
  private OpcUaClient client;
  private FileBasedTrustListManager trustList;
  private OpcUaSubscription subscription;
  private volatile ServerIdentity identity;
  private boolean identityLogged;

  /** Who the server says it is (BuildInfo, ApplicationUri). */
  public record ServerIdentity(String applicationUri, String productUri, String manufacturer,
      String productName, String softwareVersion) {
    /** Whether the server says it is simulated equipment. */
    public boolean simulated() {
      return manufacturer.equals("eoc simulator") || productName.contains("(simulated)");
    }
  }

  public OpcUaDriver(String deviceId, OpcUaSettings settings, Clock clock) {
    this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String deviceId() {
    return deviceId;
  }

  /** The server's identity once connected. */
  public java.util.Optional<ServerIdentity> serverIdentity() {
    return java.util.Optional.ofNullable(identity);
  }

  @Override
  public synchronized List<Point> read() throws IOException {
    if (client == null) {
      connect();
    }
    if (settings.mode() == OpcUaSettings.ReadMode.POLL) {
      return poll();
    }
    if (recreate.getAndSet(false)) {
      subscribe();
    }
    Instant heard = lastHeard.get();
    Duration silence = Duration.between(heard, clock.instant());
    if (silence.compareTo(watchdog()) > 0) {
      throw new IOException("no keep-alive or data from " + settings.endpoint() + " for "
          + silence.toMillis() + " ms");
    }
    List<Point> points = new ArrayList<>();
    Point p;
    while ((p = buffer.poll()) != null) {
      buffered.decrementAndGet();
      points.add(p);
    }
    return points;
  }

  private Duration watchdog() {
    return KEEP_ALIVE.multipliedBy(3).plus(settings.sampling().multipliedBy(2));
  }

  private List<Point> poll() throws IOException {
    List<NodeId> ids = settings.nodes().stream().map(n -> NodeId.parse(n.node())).toList();
    try {
      List<DataValue> values = client.readValues(0, TimestampsToReturn.Both, ids);
      List<Point> points = new ArrayList<>(values.size());
      Instant received = clock.instant();
      for (int i = 0; i < values.size(); i++) {
        points.add(toPoint(settings.nodes().get(i), values.get(i), received));
      }
      return points;
    } catch (UaException e) {
      throw new IOException("cannot read " + settings.endpoint() + ": " + e.getMessage(), e);
    }
  }

  private Point toPoint(NodeSpec node, DataValue value, Instant received) {
    Instant source = value.getSourceTime() == null || value.getSourceTime().isNull()
        ? received : value.getSourceTime().getJavaInstant();
    String tag = node.tag().tag();
    StatusCode status = value.getStatusCode() == null ? StatusCode.GOOD : value.getStatusCode();
    Double v = status.isGood() ? number(value.getValue().getValue()) : null;
    return v == null ? Point.bad(deviceId, tag, source, Quality.BAD_DEVICE_FAILURE)
        : Point.good(deviceId, tag, source, v);
  }

  private static Double number(Object value) {
    if (value instanceof Boolean b) {
      return b ? 1.0 : 0.0;
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    return null;
  }

  private void connect() throws IOException {
    ClientPki pki = ClientPki.open(settings.pkiDir());
    FileBasedTrustListManager trust = new FileBasedTrustListManager(pki.dir().resolve("issuers/certs"),
        pki.dir().resolve("issuers/crl"), pki.trusted(), pki.dir().resolve("trusted-crl"));
    trust.initialize();
    var quarantine = new RejectedDirectory(pki.rejected(),
        new DefaultClientCertificateValidator(trust, new MemoryCertificateQuarantine()));
    var validator = quarantine;
    SecurityPolicy policy = switch (settings.security()) {
      case NONE -> SecurityPolicy.None;
      case BASIC256SHA256 -> SecurityPolicy.Basic256Sha256;
      case AES256_SHA256_RSAPSS -> SecurityPolicy.Aes256_Sha256_RsaPss;
    };
    MessageSecurityMode mode = switch (settings.securityMode()) {
      case NONE -> MessageSecurityMode.None;
      case SIGN -> MessageSecurityMode.Sign;
      case SIGN_AND_ENCRYPT -> MessageSecurityMode.SignAndEncrypt;
    };
    OpcUaClient c;
    try {
      c = OpcUaClient.create(settings.endpoint(),
          endpoints -> endpoints.stream()
              .filter(e -> e.getSecurityPolicyUri().equals(policy.getUri())
                  && e.getSecurityMode() == mode)
              .findFirst(),
          transport -> {},
          config -> config.setApplicationName(LocalizedText.english("eoc edge agent"))
              .setApplicationUri(pki.applicationUri())
              .setProductUri("urn:eoc:edge-agent")
              .setKeyPair(pki.keyPair())
              .setCertificate(pki.certificate())
              .setCertificateChain(new java.security.cert.X509Certificate[] {pki.certificate()})
              .setCertificateValidator(validator)
              .setIdentityProvider(settings.identity().username().isPresent()
                  ? new UsernameProvider(settings.identity().username().get(),
                      settings.identity().password())
                  : new AnonymousProvider())
              .setRequestTimeout(uint(5_000))
              .setKeepAliveInterval(uint(KEEP_ALIVE.toMillis())));
      c.connect();
    } catch (UaException e) {
      close(trust);
      throw refusal(e, pki, quarantine);
    }
    client = c;
    trustList = trust;
    readIdentity();
    c.addSessionActivityListener(new org.eclipse.milo.opcua.sdk.client.SessionActivityListener() {
      @Override
      public void onSessionActive(org.eclipse.milo.opcua.sdk.client.UaSession session) {
        lastHeard.set(clock.instant());
      }
    });
    if (settings.mode() == OpcUaSettings.ReadMode.SUBSCRIPTION) {
      subscribe();
    }
  }

  private IOException refusal(UaException e, ClientPki pki, RejectedDirectory quarantine) {
    if (quarantine.rejectedAny() && isSecurityRefusal(e)) {
      Path rejected = pki.rejected();
      return new IOException("the server certificate of " + settings.endpoint()
          + " is not trusted; it was copied to " + rejected + ": move it to "
          + pki.trusted() + "/ to trust it", e);
    }
    return new IOException("cannot connect to " + settings.endpoint() + ": " + e.getMessage(), e);
  }

  private static boolean isSecurityRefusal(UaException e) {
    String name = org.eclipse.milo.opcua.stack.core.StatusCodes.lookup(e.getStatusCode().getValue())
        .map(s -> s[0]).orElse("");
    return name.startsWith("Bad_Certificate") || name.startsWith("Bad_Security");
  }

  private void readIdentity() {
    try {
      List<DataValue> v = client.readValues(0, TimestampsToReturn.Neither, List.of(
          NodeIds.Server_ServerStatus_BuildInfo_ProductUri,
          NodeIds.Server_ServerStatus_BuildInfo_ManufacturerName,
          NodeIds.Server_ServerStatus_BuildInfo_ProductName,
          NodeIds.Server_ServerStatus_BuildInfo_SoftwareVersion));
      EndpointDescription endpoint = client.getConfig().getEndpoint();
      identity = new ServerIdentity(endpoint.getServer().getApplicationUri(), text(v.get(0)),
          text(v.get(1)), text(v.get(2)), text(v.get(3)));
      if (!identityLogged) {
        identityLogged = true;
        log.info("{}: OPC UA server {} ({} {} {}){}", deviceId, identity.applicationUri(),
            identity.manufacturer(), identity.productName(), identity.softwareVersion(),
            identity.simulated() ? " - simulated equipment" : "");
      }
    } catch (UaException | RuntimeException e) {
      log.warn("{}: cannot read the server's BuildInfo", deviceId, e);
    }
  }

  private static String text(DataValue v) {
    Object o = v.getValue().getValue();
    return o == null ? "" : o.toString();
  }

  private void subscribe() throws IOException {
    if (subscription != null) {
      try {
        client.removeSubscription(subscription);
      } catch (RuntimeException e) {
        log.debug("{}: removing the old subscription", deviceId, e);
      }
    }
    double interval = settings.sampling().toMillis();
    OpcUaSubscription s = new OpcUaSubscription(client, interval);
    long keepAliveCount = Math.max(1, KEEP_ALIVE.toMillis() / Math.max(1, (long) interval));
    s.setMaxKeepAliveCount(uint(keepAliveCount));
    s.setLifetimeCount(uint(keepAliveCount * 10));
    s.setSubscriptionListener(new OpcUaSubscription.SubscriptionListener() {
      @Override
      public void onKeepAliveReceived(OpcUaSubscription sub) {
        lastHeard.set(clock.instant());
      }

      @Override
      public void onTransferFailed(OpcUaSubscription sub, StatusCode status) {
        // The server lost the subscription (restarted): create it again on the next read().
        log.info("{}: subscription not transferred ({}); creating it again", deviceId, status);
        recreate.set(true);
      }

      @Override
      public void onWatchdogTimerElapsed(OpcUaSubscription sub) {
        log.warn("{}: no keep-alive from {}", deviceId, settings.endpoint());
      }
    });
    for (NodeSpec node : settings.nodes()) {
      OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(NodeId.parse(node.node()));
      item.setSamplingInterval(interval);
      item.setQueueSize(uint(10));
      item.setDiscardOldest(true);
      if (node.deadband().value() > 0) {
        item.setFilter(new DataChangeFilter(DataChangeTrigger.StatusValue,
            uint((node.deadband().percent() ? DeadbandType.Percent : DeadbandType.Absolute).getValue()),
            node.deadband().value()));
      }
      item.setDataValueListener((it, value) -> {
        lastHeard.set(clock.instant());
        offer(toPoint(node, value, clock.instant()));
      });
      s.addMonitoredItem(item);
    }
    try {
      s.create();
      s.synchronizeMonitoredItems();
    } catch (UaException | RuntimeException e) {
      recreate.set(true);
      throw new IOException("cannot subscribe at " + settings.endpoint() + ": " + e.getMessage(), e);
    } catch (Exception e) {
      log.warn("{}: some monitored items were refused", deviceId, e);
    }
    subscription = s;
    lastHeard.set(clock.instant());
  }

  private void offer(Point p) {
    buffer.add(p);
    if (buffered.incrementAndGet() > MAX_BUFFERED && buffer.poll() != null) {
      buffered.decrementAndGet();
    }
  }

  @Override
  public synchronized void disconnect() {
    OpcUaClient c = client;
    client = null;
    subscription = null;
    if (c != null) {
      try {
        c.disconnect();
      } catch (UaException | RuntimeException e) {
        log.debug("{}: disconnect", deviceId, e);
      }
    }
    close(trustList);
    trustList = null;
  }

  private static void close(FileBasedTrustListManager trust) {
    if (trust != null) {
      try {
        trust.close();
      } catch (IOException e) {
        log.debug("closing the trust list", e);
      }
    }
  }

  @Override
  public void close() {
    disconnect();
  }
}
