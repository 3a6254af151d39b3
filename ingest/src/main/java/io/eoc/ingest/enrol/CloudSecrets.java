package io.eoc.ingest.enrol;

import io.eoc.ingest.mqtt.TransportTls;
import io.eoc.wire.pki.CertificateAuthority;
import io.eoc.wire.pki.CertificateRequest;
import io.eoc.wire.pki.Validity;
import io.eoc.wire.seal.CloudKeys;
import io.eoc.wire.seal.Suite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud's own secrets, kept in one directory: key-agreement keys for every suite ({@code keys/})
 * and the certificate authority that issues agents' TLS client certificates ({@code ca/}). Created
 * on first start. Several cloud instances must share this directory's contents.
 */
public final class CloudSecrets implements CloudIdentity {
  private static final Logger log = LoggerFactory.getLogger(CloudSecrets.class);
  static final Duration AGENT_CERTIFICATE_VALIDITY = Duration.ofDays(365);
  private final CloudKeys keys;
  private final CertificateAuthority ca;
  private final Clock clock;

  private CloudSecrets(CloudKeys keys, CertificateAuthority ca, Clock clock) {
    this.keys = keys;
    this.ca = ca;
    this.clock = clock;
  }

  public static CloudSecrets openOrCreate(Path dir, Clock clock) throws IOException {
    Path keyDir = dir.resolve("keys");
    Path caDir = dir.resolve("ca");
    if (!Files.exists(keyDir)) {
      CloudKeys.generate(Suite.values()).save(keyDir);
      log.info("created the cloud's key-agreement keys in {}", keyDir);
    }
    if (!Files.exists(caDir.resolve(CertificateAuthority.KEY_FILE))) {
      CertificateAuthority.create("eoc cloud agent CA", Validity.startingNow(clock, Duration.ofDays(3650))).save(caDir);
      log.info("created the cloud's certificate authority in {}", caDir);
    }
    return new CloudSecrets(CloudKeys.load(keyDir), CertificateAuthority.load(caDir), clock);
  }

  public CloudKeys keys() {
    return keys;
  }

  /** A server certificate for this start, for the given host names/addresses, and our agent CA. */
  public TransportTls transportTls(List<String> hosts) {
    List<String> all = new ArrayList<>(hosts);
    all.add("localhost");
    return new TransportTls(ca.issueServer("eoc cloud", all.stream().distinct().toList(),
        Validity.startingNow(clock, Duration.ofDays(365))), ca.certificate());
  }

  @Override
  public byte[] agreementKey(String suite) {
    Suite s = Suite.fromLabel(suite).orElseThrow(() -> new IllegalArgumentException(
        "unknown suite '" + suite + "'; this cloud accepts " + keys.suites().stream().map(Suite::label).toList()));
    return keys.publicKey(s).getEncoded();
  }

  @Override
  public Optional<String> signCsr(String csrPem, String agentId) throws EnrolmentException {
    try {
      X509Certificate cert = ca.sign(CertificateRequest.fromPem(csrPem), agentId, Validity.startingNow(clock, AGENT_CERTIFICATE_VALIDITY));
      return Optional.of(pem(cert));
    } catch (IllegalArgumentException e) {
      throw new EnrolmentException("certificate request refused: " + e.getMessage());
    }
  }

  @Override
  public Optional<String> caCertificatePem() {
    return Optional.of(pem(ca.certificate()));
  }

  static String pem(X509Certificate cert) {
    try {
      return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
          .encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "CloudSecrets[suites " + keys.suites() + "]";
  }
}
